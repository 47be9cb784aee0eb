/**
 * Start-up time of the Salur server, measured as a user sees it: from spawning
 * `node bin/salur.mjs serve` until /api/health answers. Prints JSON:
 *   firstStartSeconds      new empty data dir: initdb, migrations, region list, first admin
 *   restartSeconds         the same data dir again (all already there)
 *   demoStartSeconds       a data dir holding the 25,000-household / ≈100,000-person demo registry
 *   baselineOpenSeconds    in the same run: a bare PGlite open of the demo dir + `SELECT 1`,
 *                          the floor any start on that directory pays
 *   demoDataDirBytes       size of the demo data directory
 * Usage: npx tsx bench/startup.ts [demoDataDir]   (default: a fresh demo dir is made with `salur demo`)
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';

const root = path.resolve(import.meta.dirname, '..');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'salur-bench-startup-'));

async function timeStart(dataDir: string, port: number): Promise<number> {
  const started = performance.now();
  const child = spawn('node', ['bin/salur.mjs', 'serve', '--port', String(port)], {
    cwd: root,
    env: {
      ...process.env,
      SALUR_DATA_DIR: dataDir,
      SALUR_LOG: '0',
      SALUR_ADMIN_PASSWORD: 'bench-rahasia-1',
      DATABASE_URL: '',
    },
    stdio: 'ignore',
  });
  try {
    for (;;) {
      try {
        const response = await fetch(`http://127.0.0.1:${port}/api/health`);
        if (response.ok) return (performance.now() - started) / 1000;
      } catch {}
      if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
  }
}

function dirBytes(dir: string): number {
  let total = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) total += fs.statSync(path.join(entry.parentPath, entry.name)).size;
  }
  return total;
}

const empty = path.join(work, 'empty');
const firstStartSeconds = await timeStart(empty, 3901);
const restartSeconds = await timeStart(empty, 3902);

let demo = process.argv[2];
if (!demo) {
  demo = path.join(work, 'demo');
  const r = spawnSync('node', ['bin/salur.mjs', 'demo', '--data-dir', demo, '--json'], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (r.status !== 0) throw new Error('demo seeding failed');
}
const demoStartSeconds = await timeStart(demo, 3903);

const t0 = performance.now();
const bare = await PGlite.create(demo, { extensions: { pg_trgm } });
await bare.query('SELECT 1');
const baselineOpenSeconds = (performance.now() - t0) / 1000;
await bare.close();

const round = (n: number) => Math.round(n * 100) / 100;
process.stdout.write(
  `${JSON.stringify(
    {
      firstStartSeconds: round(firstStartSeconds),
      restartSeconds: round(restartSeconds),
      demoStartSeconds: round(demoStartSeconds),
      baselineOpenSeconds: round(baselineOpenSeconds),
      demoDataDirBytes: dirBytes(demo),
    },
    null,
    2,
  )}\n`,
);
fs.rmSync(work, { recursive: true, force: true });
