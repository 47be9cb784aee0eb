/**
 * One engine's part of bench/registry-import.ts, in its own process so that its peak memory
 * is its own. On a fresh database (PGlite: new on-disk data dir; PostgreSQL: new database,
 * dropped at the end): migrate and load regions, time a plain COPY of the file into a bare
 * 16-text-column table (the baseline), the DTSEN import, the re-import of the same file (same
 * edition), then NIK and name searches on the imported registry. A CHECKPOINT (untimed) runs
 * before each timed phase so that no phase pays for flushing the previous one's pages.
 * Prints one JSON object on stdout, progress on stderr.
 *
 * Usage: node --import tsx bench/support/registry-import-engine.ts <pglite|postgres> <csvFile>
 *   postgres: the server from BENCH_DATABASE_URL or TEST_DATABASE_URL.
 */
import { sql } from 'kysely';
import type { Db, SalurDatabase } from '../../src/db/database';
import { migrate } from '../../src/db/migrate';
import { createRandom } from '../../src/modules/demo/random';
import { loadReferenceRegions } from '../../src/modules/regions/load';
import type { DtsenImportSummary } from '../../src/modules/registry/import/service';
import { SYSTEM_ACTOR } from '../../src/platform/auth/actor';
import { loadConfig } from '../../src/platform/config';
import { createServices } from '../../src/platform/services';
import { DTSEN_CSV_HEADERS } from './dtsen-csv';
import {
  BASELINE_TABLE,
  checkpoint,
  copyCsvFile,
  createBaselineTable,
  dropBaselineTable,
  openFreshDatabase,
  secondsSince,
  startRssSampler,
  stepsAndSlowStatements,
} from './engine-kit';
import { timeStatements } from './timed-database';

const [engine, csvPath] = process.argv.slice(2);
if ((engine !== 'pglite' && engine !== 'postgres') || !csvPath)
  throw new Error('usage: registry-import-engine.ts <pglite|postgres> <csvFile>');

const EDITION = '2026-01';
const BASELINE_CHUNK_LINES = 50_000;
const BASELINE_COLUMNS = DTSEN_CSV_HEADERS.map((h) => h.toLowerCase());
const actor = { ...SYSTEM_ACTOR, regionCode: '1371' };
const config = loadConfig({ SALUR_KABUPATEN: '13.71' });

const log = (message: string) => process.stderr.write(`[${engine}] ${message}\n`);
const rss = startRssSampler();

const openFresh = () =>
  openFreshDatabase(engine, {
    tmpPrefix: 'salur-bench-import-',
    dbPrefix: 'salur_bench_',
    serverUrl: process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL,
  });

/** The file, streamed in chunks of lines, COPYed as it is into a bare table in one transaction. */
async function copyBaseline(database: SalurDatabase): Promise<{ seconds: number; rows: number }> {
  await createBaselineTable(database, BASELINE_COLUMNS);
  await checkpoint(database);
  const start = performance.now();
  const rows = await copyCsvFile(database, csvPath!, BASELINE_TABLE, BASELINE_COLUMNS, {
    skipHeader: true,
    chunkLines: BASELINE_CHUNK_LINES,
  });
  const seconds = secondsSince(start);
  await dropBaselineTable(database);
  return { seconds, rows };
}

async function timedImport(
  services: ReturnType<typeof createServices>,
  take: () => Record<string, number>,
  label: string,
) {
  await checkpoint(services.database);
  take();
  const start = performance.now();
  let readSeconds = 0;
  let lastLog = 0;
  const summary: DtsenImportSummary = await services.registryImport.importDtsen(
    actor,
    { filePath: csvPath!, edition: EDITION },
    (rowsRead, stage) => {
      if (stage === 'menerapkan') readSeconds = secondsSince(start);
      if (stage === 'menerapkan' || performance.now() - lastLog > 5000) {
        lastLog = performance.now();
        log(`${label}: ${rowsRead} rows read (${stage}), ${secondsSince(start)} s`);
      }
    },
  );
  const seconds = secondsSince(start);
  log(`${label}: done in ${seconds} s`);
  const statements = take();
  return {
    seconds,
    // Reading = csv-parse + row validation in JS + COPY into the staging table.
    readSeconds,
    readCopySeconds: statements['COPY stage_person'] ?? 0,
    applySeconds: Math.round((seconds - readSeconds) * 1000) / 1000,
    ...stepsAndSlowStatements(summary.timingsMs ?? {}, statements),
    summary,
  };
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const ms = sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
  return Math.round(ms * 100) / 100;
}

async function timeEach(
  items: readonly string[],
  run: (item: string) => Promise<unknown>,
): Promise<number[]> {
  for (const item of items.slice(0, 10)) await run(item); // warm-up, untimed
  const times: number[] = [];
  for (const item of items) {
    const start = performance.now();
    await run(item);
    times.push(performance.now() - start);
  }
  return times;
}

/** 5–8-letter pieces of words of real names from the registry, lower-cased. */
function nameFragments(names: readonly string[], count: number): string[] {
  const random = createRandom(7);
  const fragments: string[] = [];
  for (const name of names) {
    const words = name
      .toLowerCase()
      .split(/[^a-z]+/)
      .filter((w) => w.length >= 5);
    if (words.length === 0) continue;
    const word = random.pick(words);
    const length = random.int(5, Math.min(8, word.length));
    const from = random.int(0, word.length - length);
    fragments.push(word.slice(from, from + length));
    if (fragments.length === count) break;
  }
  return fragments;
}

async function searchTimings(db: Db) {
  const sample = await sql<{ nik: string; name: string }>`
    SELECT nik, name FROM person ORDER BY md5(nik) LIMIT 400`.execute(db);
  const niks = sample.rows.slice(0, 200).map((r) => r.nik);
  const fragments = nameFragments(
    sample.rows.map((r) => r.name),
    100,
  );
  const byNik = await timeEach(niks, (nik) =>
    db
      .selectFrom('person')
      .select(['id', 'nik', 'name', 'household_id', 'region_code', 'status'])
      .where('nik', '=', nik)
      .execute(),
  );
  const byName = await timeEach(fragments, (q) =>
    sql`SELECT id, nik, name, region_code FROM person
        WHERE lower(name) LIKE '%' || ${q} || '%' LIMIT 50`.execute(db),
  );
  const byNameScoped = await timeEach(fragments, (q) =>
    sql`SELECT id, nik, name, region_code FROM person
        WHERE lower(name) LIKE '%' || ${q} || '%' AND region_code LIKE '137111%' LIMIT 50`.execute(db),
  );
  return {
    nikP50Ms: percentile(byNik, 50),
    nikP95Ms: percentile(byNik, 95),
    nameP50Ms: percentile(byName, 50),
    nameP95Ms: percentile(byName, 95),
    nameScopedP50Ms: percentile(byNameScoped, 50),
    nameScopedP95Ms: percentile(byNameScoped, 95),
    fragments: fragments.slice(0, 10),
  };
}

const { database, cleanup } = await openFresh();
try {
  await migrate(database);
  await loadReferenceRegions(database);

  log('baseline COPY…');
  const baseline = await copyBaseline(database);
  log(`baseline COPY: ${baseline.rows} rows in ${baseline.seconds} s`);

  const timed = timeStatements(database);
  const services = createServices(timed.database, config);
  const first = await timedImport(services, timed.take, 'import');
  const again = await timedImport(services, timed.take, 're-import');
  const s = again.summary;
  const reimportUnchanged =
    s.persons.unchanged === first.summary.accepted &&
    s.persons.inserted + s.persons.updated + s.persons.absent === 0 &&
    s.households.inserted + s.households.updated + s.households.kkChanged === 0;

  log('search…');
  const search = await searchTimings(database.db);
  rss.sample();
  process.stdout.write(
    `${JSON.stringify({
      copyBaselineSeconds: baseline.seconds,
      copyBaselineRows: baseline.rows,
      importSeconds: first.seconds,
      ratio: Math.round((first.seconds / baseline.seconds) * 100) / 100,
      reimportSeconds: again.seconds,
      reimportRatio: Math.round((again.seconds / baseline.seconds) * 100) / 100,
      reimportUnchanged,
      peakRssMB: rss.peakMB(),
      maxRssMB: rss.maxRssMB(),
      search,
      import: {
        rowsRead: first.summary.rowsRead,
        accepted: first.summary.accepted,
        rejected: first.summary.rejected,
        rejectedByReason: first.summary.rejectedByReason,
        persons: first.summary.persons,
        households: first.summary.households,
        readSeconds: first.readSeconds,
        readCopySeconds: first.readCopySeconds,
        applySeconds: first.applySeconds,
        steps: first.steps,
        slowStatements: first.slowStatements,
      },
      reimport: {
        persons: s.persons,
        households: s.households,
        readSeconds: again.readSeconds,
        readCopySeconds: again.readCopySeconds,
        applySeconds: again.applySeconds,
        steps: again.steps,
        slowStatements: again.slowStatements,
      },
    })}\n`,
  );
} finally {
  rss.stop();
  await database.close();
  await cleanup();
}
