import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

// The server serves web/dist: make sure it matches web/src even when vitest is run directly.
export default function setup(): void {
  const script = fileURLToPath(new URL('../../../scripts/build-web-if-stale.mjs', import.meta.url));
  const result = spawnSync(process.execPath, [script], { stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`building web/dist failed (exit ${result.status})`);
}
