/**
 * Issue 3's performance targets for the DTSEN registry import, on a generated Kota Padang file
 * (≈4 people per household, valid NIKs; bench/support/dtsen-csv.ts, cached in the temp dir).
 * Each engine runs in its own process (bench/support/registry-import-engine.ts), so peak
 * memory is that engine's alone; PostgreSQL runs when BENCH_DATABASE_URL (or
 * TEST_DATABASE_URL) is set, in a fresh database dropped at the end.
 *
 * Prints JSON: persons, households, fileBytes, then per engine
 *   copyBaselineSeconds   plain COPY of the same file (streamed, 50,000 lines per COPY, one
 *                         transaction) into a bare table of 16 text columns, same database
 *   importSeconds, ratio  the DTSEN import (edition 2026-01) and importSeconds / baseline
 *   reimportSeconds       the same file again; reimportUnchanged: every person reported unchanged
 *   peakRssMB, maxRssMB   sampled every 200 ms, and the process's maxRSS (the one that counts)
 *   search                p50/p95 ms: 200 NIK lookups; 100 name-fragment searches (trigram
 *                         index, LIMIT 50), also restricted to kecamatan 137111
 *   import/reimport       counts; reading (csv-parse + validation + COPY to stage) vs applying;
 *                         seconds per step (the service's timingsMs) and per statement ≥ 0.5 s
 * and code (commit, uncommitted src/ hash), machine load, targets and pass. Exits 1 when the re-import changed anything.
 * Usage: npm run -s bench -- registry-import [persons]   (default 1,000,000; -s keeps npm's banner off stdout)
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { DtsenCsvResult } from './support/dtsen-csv';
import { ENGINE_NODE_ARGS } from './support/node-args';

const persons = Number(process.argv[2] ?? 1_000_000);
const SEED = 1;
const root = path.resolve(import.meta.dirname, '..');
const targets = {
  pgliteRatioMax: 6,
  postgresRatioMax: 4,
  peakRssMBMax: 1500,
  nikP95MsMax: 20,
  nameP95MsMax: 150,
};

interface EngineResult {
  copyBaselineSeconds: number;
  importSeconds: number;
  ratio: number;
  reimportSeconds: number;
  reimportUnchanged: boolean;
  peakRssMB: number;
  maxRssMB: number;
  search: { nikP95Ms: number; nameP95Ms: number; nameScopedP95Ms: number };
}

/** Runs a bench/support script under tsx in a child process; returns its stdout JSON. */
function runScript<T>(script: string, args: string[]): T {
  const result = spawnSync(
    process.execPath,
    [...ENGINE_NODE_ARGS, path.join(root, 'bench/support', script), ...args],
    {
      cwd: root,
      stdio: ['ignore', 'pipe', 'inherit'],
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  if (result.status !== 0) throw new Error(`${script} ${args.join(' ')} exited with ${result.status}`);
  return JSON.parse(result.stdout) as T;
}

function ensureCsv(): DtsenCsvResult {
  const filePath = path.join(os.tmpdir(), `salur-bench-dtsen-${persons}-s${SEED}.csv`);
  const metaPath = `${filePath}.json`;
  if (fs.existsSync(filePath) && fs.existsSync(metaPath)) {
    const meta = JSON.parse(fs.readFileSync(metaPath, 'utf8')) as DtsenCsvResult;
    if (meta.fileBytes === fs.statSync(filePath).size) return meta;
  }
  process.stderr.write(`generating ${persons} persons into ${filePath}…\n`);
  const start = performance.now();
  const meta = runScript<DtsenCsvResult>('dtsen-csv.ts', [String(persons), filePath, String(SEED)]);
  process.stderr.write(`generated in ${Math.round(performance.now() - start) / 1000} s\n`);
  fs.writeFileSync(metaPath, JSON.stringify(meta));
  return meta;
}

function passOf(r: EngineResult, ratioMax: number) {
  return {
    ratio: r.ratio <= ratioMax,
    peakRss: Math.max(r.peakRssMB, r.maxRssMB) < targets.peakRssMBMax,
    reimportNoSlower: r.reimportSeconds <= r.importSeconds,
    reimportUnchanged: r.reimportUnchanged,
    nikP95: r.search.nikP95Ms < targets.nikP95MsMax,
    nameP95: Math.max(r.search.nameP95Ms, r.search.nameScopedP95Ms) < targets.nameP95MsMax,
  };
}

/** Others change src/ while benchmarks run: say which code was measured (commit, hash of uncommitted src/). */
function codeVersion() {
  const git = (...args: string[]) => spawnSync('git', args, { cwd: root, encoding: 'utf8' }).stdout;
  const diff = git('diff', 'HEAD', '--', 'src') + git('ls-files', '--others', '--exclude-standard', 'src');
  return {
    commit: git('rev-parse', '--short', 'HEAD').trim(),
    srcDiffSha1: diff ? createHash('sha1').update(diff).digest('hex').slice(0, 12) : null,
  };
}

const code = codeVersion();
const loadAtStart = os.loadavg()[0]!;
const csv = ensureCsv();
const pglite = runScript<EngineResult>('registry-import-engine.ts', ['pglite', csv.filePath]);
const postgres =
  process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL
    ? runScript<EngineResult>('registry-import-engine.ts', ['postgres', csv.filePath])
    : null;

const pass = {
  pglite: passOf(pglite, targets.pgliteRatioMax),
  postgres: postgres ? passOf(postgres, targets.postgresRatioMax) : null,
};
const all = [pass.pglite, pass.postgres].every((p) => p === null || Object.values(p).every(Boolean));
process.stdout.write(
  `${JSON.stringify(
    {
      code: { ...code, changedDuringRun: JSON.stringify(codeVersion()) !== JSON.stringify(code) },
      // A shared machine: timings from a loaded one are slower than the code deserves.
      machine: {
        cpus: os.cpus().length,
        loadAvg1m: [loadAtStart, os.loadavg()[0]!].map((l) => Math.round(l * 100) / 100),
      },
      persons: csv.persons,
      households: csv.households,
      fileBytes: csv.fileBytes,
      pglite,
      postgres,
      targets,
      pass: { ...pass, all },
    },
    null,
    2,
  )}\n`,
);
if (!pglite.reimportUnchanged || postgres?.reimportUnchanged === false) process.exitCode = 1;
