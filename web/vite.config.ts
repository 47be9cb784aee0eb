import path from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const webRoot = path.dirname(fileURLToPath(import.meta.url));

// The built app goes to web/dist, which the Salur server serves (SPA fallback for non-/api paths).
// In development, `npm run dev:web` proxies /api to a server started with `npm run dev`.
export default defineConfig({
  root: webRoot,
  plugins: [react()],
  build: {
    outDir: path.join(webRoot, 'dist'),
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
  },
  server: {
    proxy: {
      '/api': { target: process.env.SALUR_API_URL ?? 'http://localhost:3000', changeOrigin: false },
    },
  },
});
