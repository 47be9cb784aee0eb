#!/usr/bin/env node
// Builds web/dist only when it is missing or older than any web source (web/src, web/index.html,
// web/vite.config.ts), so `npm start` and `npm run test:e2e` never serve a stale web app.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const web = path.join(root, 'web');
const builtIndex = path.join(web, 'dist', 'index.html');

function newestMtime(target) {
  let stat;
  try {
    stat = fs.statSync(target);
  } catch {
    return 0;
  }
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of fs.readdirSync(target))
    newest = Math.max(newest, newestMtime(path.join(target, entry)));
  return newest;
}

function builtAt() {
  try {
    return fs.statSync(builtIndex).mtimeMs;
  } catch {
    return 0;
  }
}

const sources = ['src', 'index.html', 'vite.config.ts'].map((name) => path.join(web, name));
const newestSource = Math.max(...sources.map(newestMtime));
const built = builtAt();

if (built > 0 && built >= newestSource) {
  console.log('web/dist terbaru; tidak perlu dibangun ulang.');
} else {
  console.log(
    built === 0
      ? 'web/dist belum ada: membangun aplikasi web…'
      : 'web/dist usang: membangun ulang aplikasi web…',
  );
  const vite = path.join(root, 'node_modules', 'vite', 'bin', 'vite.js');
  const result = spawnSync(process.execPath, [vite, 'build', '--config', path.join(web, 'vite.config.ts')], {
    cwd: root,
    stdio: 'inherit',
  });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
