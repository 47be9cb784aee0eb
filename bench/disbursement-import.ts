/**
 * Issue 4's performance target for channel reports (import penyaluran): 1,000,000 allocation
 * lines COPYed straight into `allocation` (setup), then a 1,000,000-line BRI report imported
 * with the real service, against a plain COPY of the same report file into a bare table in the
 * same run. Each engine runs in its own process (bench/support/disbursement-import-engine.ts),
 * so peak memory is that engine's alone; PostgreSQL runs when BENCH_DATABASE_URL (or
 * TEST_DATABASE_URL) is set, in a fresh database `bench_disb_<pid>` dropped at the end.
 *
 * Prints JSON: per engine copyBaselineSeconds, importSeconds, ratio (import / COPY), the store
 * floor (storeFloorSeconds/Ratio: writing the report's finished lines into an empty
 * disbursement-shaped table and building its keys, nothing else — support/store-floor.ts), the
 * same lines again as a cumulative re-export (cumulativeSeconds, every line skipped as already
 * reported), peak RSS, and where the time goes (the first report of a channel is matched while
 * read: keys = the period's allocation keys loaded, read = csv-parse + validation + matching +
 * COPY into disbursement; the service's steps; statements ≥ 0.5 s); then targets and pass.
 * Usage: npm run -s bench -- disbursement-import [lines]   (default 1,000,000)
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ENGINE_NODE_ARGS } from './support/node-args';

const lines = Number(process.argv[2] ?? 1_000_000);
const root = path.resolve(import.meta.dirname, '..');
const workDir = path.join(os.tmpdir(), 'salur-bench-disbursement');
const targets = { pgliteRatioMax: 6, postgresRatioMax: 4, peakRssMBMax: 1500 };

interface EngineResult {
  ratio: number;
  peakRssMB: number;
  maxRssMB: number;
  cumulativeAllSkipped: boolean;
}

function runEngine(engine: 'pglite' | 'postgres'): EngineResult {
  const result = spawnSync(
    process.execPath,
    [
      ...ENGINE_NODE_ARGS,
      path.join(root, 'bench/support/disbursement-import-engine.ts'),
      engine,
      workDir,
      String(lines),
    ],
    { cwd: root, stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  );
  if (result.status !== 0) throw new Error(`engine ${engine} exited with ${result.status}`);
  return JSON.parse(result.stdout) as EngineResult;
}

/** Others change src/ while benchmarks run: say which code was measured. */
function codeVersion() {
  const git = (...args: string[]) => spawnSync('git', args, { cwd: root, encoding: 'utf8' }).stdout;
  const diff = git('diff', 'HEAD', '--', 'src') + git('ls-files', '--others', '--exclude-standard', 'src');
  return {
    commit: git('rev-parse', '--short', 'HEAD').trim(),
    srcDiffSha1: diff ? createHash('sha1').update(diff).digest('hex').slice(0, 12) : null,
  };
}

const passOf = (r: EngineResult, ratioMax: number) => ({
  ratio: r.ratio <= ratioMax,
  peakRss: Math.max(r.peakRssMB, r.maxRssMB) < targets.peakRssMBMax,
  cumulativeAllSkipped: r.cumulativeAllSkipped,
});

fs.mkdirSync(workDir, { recursive: true });
const code = codeVersion();
const loadAtStart = os.loadavg()[0]!;
const pglite = runEngine('pglite');
const postgres =
  process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL ? runEngine('postgres') : null;
const pass = {
  pglite: passOf(pglite, targets.pgliteRatioMax),
  postgres: postgres ? passOf(postgres, targets.postgresRatioMax) : null,
};
process.stdout.write(
  `${JSON.stringify(
    {
      code: { ...code, changedDuringRun: JSON.stringify(codeVersion()) !== JSON.stringify(code) },
      // A shared machine: timings from a loaded one are slower than the code deserves.
      machine: {
        cpus: os.cpus().length,
        loadAvg1m: [loadAtStart, os.loadavg()[0]!].map((l) => Math.round(l * 100) / 100),
      },
      lines,
      pglite,
      postgres,
      targets,
      pass: {
        ...pass,
        all: [pass.pglite, pass.postgres].every((p) => p === null || Object.values(p).every(Boolean)),
      },
    },
    null,
    2,
  )}\n`,
);
if (!pglite.cumulativeAllSkipped || postgres?.cumulativeAllSkipped === false) process.exitCode = 1;
