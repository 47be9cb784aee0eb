/**
 * Issue 4's performance target for the reconciliation: 1,000,000 allocation lines and
 * 1,000,000 channel report lines, reconciled within 30 s on PGlite (on disk) and 10 s on
 * PostgreSQL. Each engine runs in its own process (this file again, with `--engine`), so the
 * peak memory is that engine's alone; PostgreSQL runs when BENCH_DATABASE_URL (or
 * TEST_DATABASE_URL) is set, in a dedicated database `bench_recon` created and dropped here.
 *
 * The lines are inserted by COPY (100,000 per COPY) with a realistic mix per 1,000 allocations:
 *   900 paid exactly once · 20 failed · 20 failed then paid in a later report (PT Pos retry)
 *   5 paid twice (GANDA) · 10 paid another amount · 45 not reported
 * plus report lines matching no allocation (TIDAK_DIALOKASIKAN) to make 1,000,000 report lines.
 *
 * Prints JSON: counts, per engine the COPY seconds, the reconciliation run (first run, re-run
 * over existing lines, and finalise) with the seconds of each stage, a kecamatan operator's
 * summary (computed over their region) and one page of lines in ms, peak RSS, and whether the
 * statuses match the generated mix. Exits 1 when they do not.
 *
 * Usage: npm run -s bench -- reconciliation [allocations]   (default 1,000,000)
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { openDatabase, type SalurDatabase } from '../src/db/database';
import { migrate } from '../src/db/migrate';
import type { ReconciliationSummary } from '../src/modules/reconciliation/presenter';
import { loadReferenceRegions } from '../src/modules/regions/load';
import { SYSTEM_ACTOR } from '../src/platform/auth/actor';
import { loadConfig } from '../src/platform/config';
import { createServices } from '../src/platform/services';
import { ENGINE_NODE_ARGS } from './support/node-args';

const root = path.resolve(import.meta.dirname, '..');
const targets = { pgliteRunSecondsMax: 30, postgresRunSecondsMax: 10, peakRssMBMax: 1500 };
const CHUNK = 100_000;
const MB = 1024 * 1024;
const PROGRAM = 'PKH';
const PERIOD = '2026-T2';
const AMOUNT = 750_000;

// ---------------------------------------------------------------------------------------------
// The parent: one child per engine, then the report.

async function main(allocations: number) {
  const loadAtStart = os.loadavg()[0]!;
  const child = (engine: string) => {
    const result = spawnSync(
      process.execPath,
      [...ENGINE_NODE_ARGS, import.meta.filename, '--engine', engine, String(allocations)],
      { cwd: root, stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8', maxBuffer: 16 * MB },
    );
    if (result.status !== 0) throw new Error(`engine ${engine} exited with ${result.status}`);
    return JSON.parse(result.stdout) as EngineResult;
  };
  const pglite = child('pglite');
  const postgres = process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL ? child('postgres') : null;
  const passOf = (r: EngineResult, max: number) => ({
    run: r.run.seconds <= max,
    rerun: r.rerun.seconds <= max,
    finalise: r.finalise.seconds <= max,
    peakRss: r.maxRssMB < targets.peakRssMBMax,
    statusesMatch: r.statusesMatch,
  });
  const pass = {
    pglite: passOf(pglite, targets.pgliteRunSecondsMax),
    postgres: postgres ? passOf(postgres, targets.postgresRunSecondsMax) : null,
  };
  const all = [pass.pglite, pass.postgres].every((p) => p === null || Object.values(p).every(Boolean));
  process.stdout.write(
    `${JSON.stringify(
      {
        machine: {
          cpus: os.cpus().length,
          loadAvg1m: [loadAtStart, os.loadavg()[0]!].map((l) => Math.round(l * 100) / 100),
        },
        allocations,
        reportLines: pglite.reportLines,
        pglite,
        postgres,
        targets,
        pass: { ...pass, all },
      },
      null,
      2,
    )}\n`,
  );
  if (!pglite.statusesMatch || postgres?.statusesMatch === false) process.exitCode = 1;
}

// ---------------------------------------------------------------------------------------------
// One engine.

interface EngineResult {
  reportLines: number;
  copySeconds: { allocation: number; disbursement: number };
  run: { seconds: number; stages: Record<string, number> };
  rerun: { seconds: number; stages: Record<string, number> };
  finalise: { seconds: number };
  scopedSummaryMs: number;
  linesPageMs: number;
  byStatus: ReconciliationSummary['byStatus'];
  realisasi: ReconciliationSummary['realisasi'];
  statusesMatch: boolean;
  peakRssMB: number;
  maxRssMB: number;
}

/** The category of allocation i, per 1,000 (see the header). */
function categoryOf(i: number) {
  const k = i % 1000;
  if (k < 900) return 'paid';
  if (k < 920) return 'failed';
  if (k < 940) return 'retry';
  if (k < 945) return 'double';
  if (k < 955) return 'different';
  return 'silent';
}

function expectedCounts(allocations: number) {
  const counts = { paid: 0, failed: 0, retry: 0, double: 0, different: 0, silent: 0 };
  for (let i = 0; i < allocations; i++) counts[categoryOf(i)]++;
  return counts;
}

async function openFresh(engine: 'pglite' | 'postgres') {
  if (engine === 'pglite') {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'salur-bench-recon-'));
    const database = await openDatabase({ dataDir });
    return { database, cleanup: async () => fs.rmSync(dataDir, { recursive: true, force: true }) };
  }
  const serverUrl = process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL;
  if (!serverUrl) throw new Error('BENCH_DATABASE_URL or TEST_DATABASE_URL is not set');
  const admin = async (statement: string) => {
    const client = new pg.Client({ connectionString: serverUrl });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };
  await admin('DROP DATABASE IF EXISTS bench_recon WITH (FORCE)');
  await admin('CREATE DATABASE bench_recon');
  const url = new URL(serverUrl);
  url.pathname = '/bench_recon';
  const database = await openDatabase({ databaseUrl: url.toString() });
  return { database, cleanup: () => admin('DROP DATABASE IF EXISTS bench_recon WITH (FORCE)') };
}

async function runEngine(engine: 'pglite' | 'postgres', allocations: number) {
  const log = (message: string) => process.stderr.write(`[${engine}] ${message}\n`);
  let peakRss = 0;
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }, 200);
  const { database, cleanup } = await openFresh(engine);
  try {
    await migrate(database);
    await loadReferenceRegions(database);
    const config = loadConfig({ SALUR_KABUPATEN: '13.71' });
    const services = createServices(database, config);
    const admin = { ...SYSTEM_ACTOR, username: 'bench', regionCode: '1371' };
    const villages = (
      await database.db
        .selectFrom('region')
        .select('code')
        .where('level', '=', 'desa')
        .where('code', 'like', '1371%')
        .orderBy('code')
        .execute()
    ).map((r) => r.code);

    const ids = await seedHeaders(database);
    log(`COPY ${allocations} allocation lines…`);
    const copyAllocation = await timed(() => copyAllocations(database, ids.importId, allocations, villages));
    const firstId = await firstAllocationId(database);
    log('COPY report lines…');
    const { value: reportLines, seconds: copyDisbursement } = await timed(() =>
      copyDisbursements(database, ids, allocations, firstId, villages),
    );
    await database.withConnection((raw) => raw.exec('ANALYZE; CHECKPOINT'));

    const runOnce = async () => {
      const stages: Record<string, number> = {};
      let last = performance.now();
      let lastStage = 'start';
      const { value: summary, seconds } = await timed(() =>
        services.reconciliation.run(admin, PROGRAM, PERIOD, (_done, _total, stage) => {
          const now = performance.now();
          if (lastStage !== 'start') stages[lastStage] = Math.round(now - last) / 1000;
          last = now;
          lastStage = stage;
        }),
      );
      return { summary, seconds, stages };
    };
    log('reconciliation run…');
    const run = await runOnce();
    await database.withConnection((raw) => raw.exec('CHECKPOINT'));
    log('re-run over existing lines…');
    const rerun = await runOnce();

    const operator = { ...admin, role: 'operator_kecamatan' as const, regionCode: villages[0]!.slice(0, 6) };
    const scoped = await timed(() => services.reconciliation.summary(operator, PROGRAM, PERIOD));
    const page = await timed(() =>
      services.reconciliation.lines(operator, PROGRAM, PERIOD, {
        status: 'GAGAL_SALUR',
        page: 2,
        pageSize: 50,
      }),
    );
    await database.withConnection((raw) => raw.exec('CHECKPOINT'));
    log('finalise…');
    const finalise = await timed(() => services.reconciliation.finalise(admin, PROGRAM, PERIOD));

    const expected = expectedCounts(allocations);
    const s = run.summary.byStatus;
    const statusesMatch =
      s.TERSALUR.kpm === expected.paid + expected.retry &&
      s.GAGAL_SALUR.kpm === expected.failed &&
      s.GANDA.kpm === expected.double &&
      s.SELISIH_NOMINAL.kpm === expected.different &&
      s.BELUM_ADA_LAPORAN.kpm === expected.silent &&
      s.TIDAK_DIALOKASIKAN.kpm === reportLines.unallocated &&
      JSON.stringify(rerun.summary) === JSON.stringify(run.summary);
    await services.jobs.stop();
    const result: EngineResult = {
      reportLines: reportLines.total,
      copySeconds: { allocation: copyAllocation.seconds, disbursement: copyDisbursement },
      run: { seconds: run.seconds, stages: run.stages },
      rerun: { seconds: rerun.seconds, stages: rerun.stages },
      finalise: { seconds: finalise.seconds },
      scopedSummaryMs: Math.round(scoped.seconds * 1000),
      linesPageMs: Math.round(page.seconds * 1000),
      byStatus: run.summary.byStatus,
      realisasi: run.summary.realisasi,
      statusesMatch,
      peakRssMB: Math.round(peakRss / MB),
      maxRssMB: Math.round((process.resourceUsage().maxRSS * 1024) / MB),
    };
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } finally {
    clearInterval(sampler);
    await database.close();
    await cleanup();
  }
}

async function timed<T>(body: () => Promise<T>): Promise<{ value: T; seconds: number }> {
  const start = performance.now();
  const value = await body();
  return { value, seconds: Math.round(performance.now() - start) / 1000 };
}

/** The period, one allocation import and four channel reports (BRI twice, PT Pos twice). */
async function seedHeaders(database: SalurDatabase) {
  const db = database.db;
  await db.insertInto('program_period').values({ program_code: PROGRAM, period: PERIOD }).execute();
  const common = { program_code: PROGRAM, period: PERIOD, rows_read: 0, accepted: 0, rejected: 0 };
  const started = new Date();
  const { id: importId } = await db
    .insertInto('allocation_import')
    .values({ ...common, source: 'FILE', file_name: 'alokasi.csv', summary: '{}', started_at: started })
    .returning('id')
    .executeTakeFirstOrThrow();
  const report = async (channel: 'BRI' | 'POS', n: number) =>
    (
      await db
        .insertInto('disbursement_report')
        .values({
          ...common,
          channel,
          file_name: `laporan-${channel}-${n}.csv`,
          file_sha256: `${channel}-${n}`,
          summary: '{}',
          started_at: started,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  return {
    importId,
    bri1: await report('BRI', 1),
    bri2: await report('BRI', 2),
    pos1: await report('POS', 1),
    pos2: await report('POS', 2),
  };
}

const channelOf = (i: number) => (i % 3 === 0 ? 'POS' : 'BRI');
const nikOf = (village: string, i: number) => `${village.slice(0, 6)}${String(i).padStart(10, '0')}`;

async function copyAllocations(database: SalurDatabase, importId: number, count: number, villages: string[]) {
  const columns = [
    'import_id',
    'line',
    'program_code',
    'period',
    'nik',
    'name',
    'amount',
    'channel',
    'scope_code',
  ];
  for (let from = 0; from < count; from += CHUNK) {
    let csv = '';
    for (let i = from; i < Math.min(count, from + CHUNK); i++) {
      const village = villages[i % villages.length]!;
      csv += `${importId},${i + 2},${PROGRAM},${PERIOD},${nikOf(village, i)},KPM ${i},${AMOUNT},${channelOf(i)},${village}\n`;
    }
    await database.withConnection((raw) => raw.copyCsv('allocation', columns, csv));
  }
}

/** Allocation ids are consecutive in a fresh database: the report lines point at them by index. */
async function firstAllocationId(database: SalurDatabase): Promise<number> {
  const row = await database.db
    .selectFrom('allocation')
    .select((eb) => [eb.fn.min('id').as('first'), eb.fn.max('id').as('last'), eb.fn.countAll().as('n')])
    .executeTakeFirstOrThrow();
  if (Number(row.last) - Number(row.first) + 1 !== Number(row.n))
    throw new Error('allocation ids not consecutive');
  return Number(row.first);
}

async function copyDisbursements(
  database: SalurDatabase,
  reports: { bri1: number; bri2: number; pos1: number; pos2: number },
  allocations: number,
  firstId: number,
  villages: string[],
) {
  const columns = [
    'report_id',
    'line',
    'program_code',
    'period',
    'channel',
    'nik',
    'amount',
    'paid_on',
    'status',
    'reason',
    'allocation_id',
    'scope_code',
  ];
  let total = 0;
  let csv = '';
  let rows = 0;
  const flush = async () => {
    if (rows === 0) return;
    const text = csv;
    csv = '';
    rows = 0;
    await database.withConnection((raw) => raw.copyCsv('disbursement', columns, text));
  };
  const push = async (line: string) => {
    csv += line;
    rows++;
    total++;
    if (rows >= CHUNK) await flush();
  };
  for (let i = 0; i < allocations; i++) {
    const village = villages[i % villages.length]!;
    const channel = channelOf(i);
    const [first, second] = channel === 'BRI' ? [reports.bri1, reports.bri2] : [reports.pos1, reports.pos2];
    const base = `${PROGRAM},${PERIOD},${channel},${nikOf(village, i)}`;
    const tail = `${firstId + i},${village}\n`;
    const ok = (report: number, amount: number, day: string) =>
      push(`${report},${i + 2},${base},${amount},2026-05-${day},BERHASIL,,${tail}`);
    const fail = (report: number, day: string) =>
      push(`${report},${i + 2},${base},${AMOUNT},2026-05-${day},GAGAL,Rekening belum dibuka,${tail}`);
    switch (categoryOf(i)) {
      case 'paid':
        await ok(first, AMOUNT, '10');
        break;
      case 'failed':
        await fail(first, '10');
        break;
      case 'retry':
        await fail(first, '10');
        await ok(second, AMOUNT, '20');
        break;
      case 'double':
        await ok(first, AMOUNT, '10');
        await ok(second, AMOUNT, '20');
        break;
      case 'different':
        await ok(first, AMOUNT - 75_000, '10');
        break;
      default:
        break;
    }
  }
  // Report lines matching no allocation, up to as many report lines as allocations.
  const unallocated = Math.max(0, allocations - total);
  for (let j = 0; j < unallocated; j++) {
    const village = villages[j % villages.length]!;
    const nik = `${village.slice(0, 6)}9${String(j).padStart(9, '0')}`;
    await push(
      `${reports.bri2},${allocations + j + 2},${PROGRAM},${PERIOD},BRI,${nik},${AMOUNT},2026-05-20,BERHASIL,,,${village.slice(0, 6)}\n`,
    );
  }
  await flush();
  return { total, unallocated };
}

// Dispatch last: every constant above is initialised by now.
const engineArg = process.argv.indexOf('--engine');
if (engineArg >= 0) {
  await runEngine(process.argv[engineArg + 1] as 'pglite' | 'postgres', Number(process.argv[engineArg + 2]));
} else {
  await main(Number(process.argv[2] ?? 1_000_000));
}
