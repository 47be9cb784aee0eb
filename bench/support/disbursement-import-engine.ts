/**
 * One engine's part of bench/disbursement-import.ts, in its own process so that its peak
 * memory is its own. On a fresh database (PGlite: new on-disk data dir; PostgreSQL: a new
 * database `bench_disb_<pid>`, dropped at the end): migrate, load regions, COPY the allocation
 * lines straight into `allocation` (setup, untimed against the target), then time a plain COPY
 * of the report file into a bare 6-text-column table (the baseline), `import penyaluran` of
 * the report, and the same lines again under another file (a cumulative re-export: every line
 * already reported). After the first import, its store floor (support/store-floor.ts): writing
 * its finished lines into an empty disbursement-shaped table and building the indexes and keys,
 * nothing else. A CHECKPOINT (untimed) runs before each timed phase.
 *
 * Usage: node --import tsx bench/support/disbursement-import-engine.ts <pglite|postgres> <dir> <lines>
 */
import fs from 'node:fs';
import type { SalurDatabase } from '../../src/db/database';
import { migrate } from '../../src/db/migrate';
import { ALLOCATION_BULK_DDL } from '../../src/modules/allocations/apply-sql';
import { DISBURSEMENT_BULK_DDL } from '../../src/modules/disbursements/apply-sql';
import type { DisbursementImportSummary } from '../../src/modules/disbursements/import-service';
import { loadReferenceRegions } from '../../src/modules/regions/load';
import { SYSTEM_ACTOR } from '../../src/platform/auth/actor';
import { loadConfig } from '../../src/platform/config';
import { createServices } from '../../src/platform/services';
import { ALLOCATION_COPY_COLUMNS, REPORT_HEADERS, writeBenchFiles } from './disbursement-files';
import {
  BASELINE_TABLE,
  checkpoint,
  copyCsvFile,
  cpuSecondsSince,
  createBaselineTable,
  dropBaselineTable,
  openFreshDatabase,
  secondsSince,
  startRssSampler,
  stepsAndSlowStatements,
} from './engine-kit';
import { timeStoreFloor } from './store-floor';
import { timeStatements } from './timed-database';

const [engine, workDir, linesArg] = process.argv.slice(2);
if ((engine !== 'pglite' && engine !== 'postgres') || !workDir)
  throw new Error('usage: disbursement-import-engine.ts <pglite|postgres> <dir> <lines>');
const LINES = Number(linesArg ?? 1_000_000);
const CHUNK_LINES = 50_000;
const actor = { ...SYSTEM_ACTOR, username: 'bench', regionCode: '1371' };
const config = loadConfig({ SALUR_KABUPATEN: '13.71' });
const log = (message: string) => process.stderr.write(`[${engine}] ${message}\n`);
const rss = startRssSampler();

const openFresh = () =>
  openFreshDatabase(engine, {
    tmpPrefix: 'salur-bench-disb-',
    dbPrefix: 'bench_disb_',
    serverUrl: process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL,
  });

/** Setup, not measured against the target: the lines straight into `allocation`, keys rebuilt after. */
async function seedAllocations(database: SalurDatabase, file: string) {
  const start = performance.now();
  await database.withConnection((raw) => raw.exec(ALLOCATION_BULK_DDL.drop));
  const rows = await copyCsvFile(database, file, 'allocation', ALLOCATION_COPY_COLUMNS, {
    skipHeader: false,
    chunkLines: CHUNK_LINES,
  });
  await database.withConnection((raw) => raw.exec(ALLOCATION_BULK_DDL.create));
  // On a server, autovacuum takes up a freshly loaded table soon after; a report imported then
  // waits for it (deadlock_timeout, 1 s) to drop its foreign key to `allocation` (seen in one run).
  // Allocations are imported days before their reports, so the setup lets that vacuum happen now.
  // PGlite has no autovacuum: its allocations stay as loaded.
  await database.withConnection((raw) =>
    raw.exec(database.kind === 'postgres' ? 'VACUUM ANALYZE allocation;' : 'ANALYZE allocation;'),
  );
  return { rows, seconds: secondsSince(start) };
}

async function timedImport(
  services: ReturnType<typeof createServices>,
  take: () => Record<string, number>,
  filePath: string,
  label: string,
) {
  await checkpoint(services.database);
  take();
  const start = performance.now();
  const cpuStart = process.cpuUsage();
  let readSeconds = 0;
  let lastLog = 0;
  const summary: DisbursementImportSummary = await services.disbursementImport.importReport(
    actor,
    { program: 'PKH', period: '2026-T2', channel: 'BRI', filePath },
    (rowsRead, stage) => {
      if (stage === 'mencocokkan') readSeconds = secondsSince(start);
      if (stage === 'mencocokkan' || performance.now() - lastLog > 5000) {
        lastLog = performance.now();
        log(`${label}: ${rowsRead} rows read (${stage}), ${secondsSince(start)} s`);
      }
    },
  );
  const seconds = secondsSince(start);
  const cpuSeconds = cpuSecondsSince(cpuStart);
  log(`${label}: done in ${seconds} s (${cpuSeconds} s CPU in this process)`);
  const statements = take();
  const { headers: _h, timingsMs, ...rest } = summary;
  return {
    seconds,
    cpuSeconds,
    // Reading = csv-parse + line validation in JS + COPY into the staging table.
    readSeconds,
    readCopySeconds: statements['COPY stage_disbursement'] ?? 0,
    applySeconds: Math.round((seconds - readSeconds) * 1000) / 1000,
    ...stepsAndSlowStatements(timingsMs, statements),
    summary: rest,
  };
}

fs.mkdirSync(workDir, { recursive: true });
const { database, cleanup } = await openFresh();
try {
  await migrate(database);
  await loadReferenceRegions(database);
  // The allocation import row the COPYed lines belong to (id 1 on a fresh database).
  await database.db.insertInto('program_period').values({ program_code: 'PKH', period: '2026-T2' }).execute();
  const imported = await database.db
    .insertInto('allocation_import')
    .values({
      program_code: 'PKH',
      period: '2026-T2',
      source: 'FILE',
      file_name: 'bench.csv',
      rows_read: LINES,
      accepted: LINES,
      rejected: 0,
      summary: '{}',
      started_at: new Date(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const files = await writeBenchFiles(workDir, LINES, imported.id);

  log('allocations by COPY…');
  const allocations = await seedAllocations(database, files.allocationCsv);
  log(`allocations: ${allocations.rows} lines in ${allocations.seconds} s`);

  const baselineColumns = REPORT_HEADERS.map((c) => c.toLowerCase());
  await createBaselineTable(database, baselineColumns);
  await checkpoint(database);
  log('baseline COPY…');
  const baselineStart = performance.now();
  const baselineCpu = process.cpuUsage();
  const baselineRows = await copyCsvFile(database, files.reportCsv, BASELINE_TABLE, baselineColumns, {
    skipHeader: true,
    chunkLines: CHUNK_LINES,
  });
  const baselineSeconds = secondsSince(baselineStart);
  const baselineCpuSeconds = cpuSecondsSince(baselineCpu);
  log(`baseline COPY: ${baselineRows} rows in ${baselineSeconds} s`);
  await dropBaselineTable(database);

  const timed = timeStatements(database);
  const services = createServices(timed.database, config);
  const first = await timedImport(services, timed.take, files.reportCsv, 'import');
  log('store floor…');
  const floor = await timeStoreFloor(database, {
    table: 'disbursement',
    rowsOf: `report_id = ${first.summary.reportId}`,
    primaryKeyDuringInsert: false,
    createDdl: DISBURSEMENT_BULK_DDL.create,
  });
  log(`store floor: ${floor.seconds} s`);
  // The same lines again in another file (one more blank line at the end: another sha256).
  const cumulativeCsv = `${workDir}/laporan-bri-kumulatif-${LINES}.csv`;
  fs.copyFileSync(files.reportCsv, cumulativeCsv);
  fs.appendFileSync(cumulativeCsv, '\n');
  const again = await timedImport(services, timed.take, cumulativeCsv, 'cumulative re-export');
  rss.sample();
  process.stdout.write(
    `${JSON.stringify({
      lines: LINES,
      reportBytes: files.reportBytes,
      allocationCopySeconds: allocations.seconds,
      copyBaselineSeconds: baselineSeconds,
      copyBaselineRows: baselineRows,
      importSeconds: first.seconds,
      ratio: Math.round((first.seconds / baselineSeconds) * 100) / 100,
      storeFloorSeconds: floor.seconds,
      storeFloorRatio: Math.round((floor.seconds / baselineSeconds) * 100) / 100,
      storeFloorStatements: floor.statements,
      // PGlite only (PostgreSQL works in the server's processes): CPU seconds of this process.
      ...(engine === 'pglite'
        ? {
            copyBaselineCpuSeconds: baselineCpuSeconds,
            importCpuSeconds: first.cpuSeconds,
            cpuRatio: Math.round((first.cpuSeconds / baselineCpuSeconds) * 100) / 100,
          }
        : {}),
      cumulativeSeconds: again.seconds,
      cumulativeRatio: Math.round((again.seconds / baselineSeconds) * 100) / 100,
      cumulativeAllSkipped:
        again.summary.alreadyReported === first.summary.accepted && again.summary.accepted === 0,
      peakRssMB: rss.peakMB(),
      maxRssMB: rss.maxRssMB(),
      import: first,
      cumulative: again,
    })}\n`,
  );
} finally {
  rss.stop();
  await database.close();
  await cleanup();
}
