/**
 * Issue 4's performance target for the allocation (alokasi) import: 1,000,000 allocation lines
 * against a registry of ~250,000 households (~1 M people, the demo generator), import time as a
 * ratio to a plain COPY of the same file in the same run (targets: ≤ 6× on PGlite, ≤ 4× on
 * PostgreSQL). Each engine runs in its own process (this file with `engine <pglite|postgres>`),
 * so peak memory is that engine's alone; PostgreSQL runs when BENCH_DATABASE_URL is set, in a
 * fresh database `bench_alloc_<pid>` dropped at the end.
 *
 * Per engine, on a fresh database: migrate, load regions, seed the demo registry (untimed), write
 * the allocation CSV from the same generated families (cached in the temp dir; one line per
 * person, the amount their family's PKH entitlement for 2026-T2 — every 37th family 25,000 more,
 * every 50th amount written `1.234.000`, every 1000th NIK a spreadsheet number — then lines with
 * NIKs unknown to the registry up to the line count), then time:
 *   copyBaselineSeconds   plain COPY of the file (streamed, 50,000 lines per COPY, one transaction)
 *                         into a bare table of 6 text columns
 *   importSeconds, ratio  `import alokasi --program PKH --period 2026-T2` and its ratio to the baseline
 *   readSeconds           csv-parse + validation + COPY into the staging table (part of importSeconds)
 *   storeFloorSeconds, storeFloorRatio
 *                         writing the import's finished rows into an empty allocation-shaped table
 *                         and building its indexes and keys, nothing else (support/store-floor.ts),
 *                         and its ratio to the baseline: the part of the budget no design avoids
 *   steps, slowStatements the service's timings and the statements that took ≥ 0.5 s
 *   peakRssMB, maxRssMB   sampled every 200 ms, and the process's maxRSS
 * Prints JSON. Usage: npm run -s bench -- allocation-import [households] [lines]
 *   (defaults 250000 1000000; BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:55432/postgres for PostgreSQL)
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { SalurDatabase } from '../src/db/database';
import { migrate } from '../src/db/migrate';
import { encodeNik } from '../src/domain/nik';
import { computePkhBenefit, pkhRulesFrom } from '../src/domain/pkh-benefit';
import { ALLOCATION_BUILD_SETTINGS, ALLOCATION_BULK_DDL } from '../src/modules/allocations/apply-sql';
import { type DemoHousehold, type DemoRegion, generateDemoRegistry } from '../src/modules/demo/generator';
import { seedDemoRegistry } from '../src/modules/demo/seed';
import { rulesAt } from '../src/modules/programs/period-rules';
import { loadReferenceRegions } from '../src/modules/regions/load';
import { SYSTEM_ACTOR } from '../src/platform/auth/actor';
import { loadConfig } from '../src/platform/config';
import { createServices } from '../src/platform/services';
import { type AllocationLine, allocationCsvLine, writeLines } from '../test/support/distribution-files';
import {
  BASELINE_TABLE,
  checkpoint,
  copyCsvFile,
  createBaselineTable,
  dropBaselineTable,
  MB,
  openFreshDatabase,
  secondsSince,
  startRssSampler,
  stepsAndSlowStatements,
} from './support/engine-kit';
import { ENGINE_NODE_ARGS } from './support/node-args';
import { timeStoreFloor } from './support/store-floor';
import { timeStatements } from './support/timed-database';

const SEED = 1;
const PERIOD = { code: '2026-T2', start: '2026-04-01', end: '2026-06-30', months: 3 };
const BASELINE_CHUNK_LINES = 50_000;
const BASELINE_COLUMNS = ['nik', 'no_kk', 'nama', 'nominal', 'bank', 'no_rekening'];
const targets = { pgliteRatioMax: 6, postgresRatioMax: 4, peakRssMBMax: 1500 };

if (process.argv[2] === 'engine')
  await engine(process.argv[3] as 'pglite' | 'postgres', process.argv.slice(4));
else orchestrate();

function orchestrate() {
  const [households = '250000', lines = '1000000'] = process.argv.slice(2);
  const run = (engineName: string) => {
    const result = spawnSync(
      process.execPath,
      [...ENGINE_NODE_ARGS, import.meta.filename, 'engine', engineName, households, lines],
      { stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8', maxBuffer: 64 * MB },
    );
    if (result.status !== 0) throw new Error(`engine ${engineName} exited with ${result.status}`);
    return JSON.parse(result.stdout);
  };
  const load = os.loadavg()[0]!;
  const pglite = run('pglite');
  const postgres = process.env.BENCH_DATABASE_URL ? run('postgres') : null;
  process.stdout.write(
    `${JSON.stringify(
      {
        machine: {
          cpus: os.cpus().length,
          loadAvg1m: [load, os.loadavg()[0]!].map((l) => Math.round(l * 100) / 100),
        },
        households: Number(households),
        lines: Number(lines),
        pglite,
        postgres,
        targets,
        pass: {
          pglite: pglite.ratio <= targets.pgliteRatioMax,
          postgres: postgres ? postgres.ratio <= targets.postgresRatioMax : null,
          peakRss: [pglite, postgres].every(
            (e) => !e || Math.max(e.peakRssMB, e.maxRssMB) < targets.peakRssMBMax,
          ),
        },
      },
      null,
      2,
    )}\n`,
  );
}

async function engine(kind: 'pglite' | 'postgres', args: string[]) {
  const households = Number(args[0]);
  const lines = Number(args[1]);
  const log = (message: string) => process.stderr.write(`[${kind}] ${message}\n`);
  const rss = startRssSampler();

  const { database, cleanup } = await openFreshDatabase(kind, {
    tmpPrefix: 'salur-bench-alloc-',
    dbPrefix: 'bench_alloc_',
    serverUrl: process.env.BENCH_DATABASE_URL,
  });
  try {
    await migrate(database);
    await loadReferenceRegions(database);
    let start = performance.now();
    const seeded = await seedDemoRegistry(database, { seed: SEED, households });
    log(`registry: ${seeded.households} households, ${seeded.persons} persons in ${secondsSince(start)} s`);
    const csvPath = await ensureCsv(database, households, lines, log);

    await checkpoint(database);
    start = performance.now();
    await createBaselineTable(database, BASELINE_COLUMNS);
    const baselineRows = await copyCsvFile(database, csvPath, BASELINE_TABLE, BASELINE_COLUMNS, {
      skipHeader: true,
      chunkLines: BASELINE_CHUNK_LINES,
    });
    const baseline = secondsSince(start);
    log(`baseline COPY: ${baselineRows} rows in ${baseline} s`);
    await dropBaselineTable(database);
    await checkpoint(database);

    const timed = timeStatements(database);
    const services = createServices(timed.database, loadConfig({ SALUR_KABUPATEN: '13.71' }));
    timed.take();
    start = performance.now();
    let readSeconds = 0;
    const summary = await services.allocationImport.importAllocations(
      { ...SYSTEM_ACTOR, regionCode: '1371' },
      { program: 'PKH', period: PERIOD.code, filePath: csvPath },
      (_rowsRead, stage) => {
        if (stage === 'menerapkan') readSeconds = secondsSince(start);
      },
    );
    const importSeconds = secondsSince(start);
    log(`import: ${importSeconds} s`);
    const statements = timed.take();
    rss.sample();
    rss.stop();
    const { timingsMs, headers: _h, ...counts } = summary;
    log('store floor…');
    const floor = await timeStoreFloor(database, {
      table: 'allocation',
      rowsOf: `import_id = ${summary.importId}`,
      primaryKeyDuringInsert: true,
      createDdl: ALLOCATION_BULK_DDL.create,
      buildSettings: ALLOCATION_BUILD_SETTINGS,
    });
    log(`store floor: ${floor.seconds} s`);
    process.stdout.write(
      `${JSON.stringify({
        registry: seeded,
        fileBytes: fs.statSync(csvPath).size,
        copyBaselineSeconds: baseline,
        importSeconds,
        ratio: Math.round((importSeconds / baseline) * 100) / 100,
        readSeconds,
        applySeconds: Math.round((importSeconds - readSeconds) * 1000) / 1000,
        storeFloorSeconds: floor.seconds,
        storeFloorRatio: Math.round((floor.seconds / baseline) * 100) / 100,
        storeFloorStatements: floor.statements,
        ...stepsAndSlowStatements(timingsMs, statements),
        peakRssMB: rss.peakMB(),
        maxRssMB: rss.maxRssMB(),
        summary: counts,
      })}\n`,
    );
  } finally {
    rss.stop();
    await database.close();
    await cleanup();
  }
}

/** The allocation file, generated from the same families the seed wrote (same seed, same regions). */
async function ensureCsv(
  database: SalurDatabase,
  households: number,
  lines: number,
  log: (m: string) => void,
) {
  const file = path.join(os.tmpdir(), `salur-bench-alokasi-${households}-${lines}-s${SEED}.csv`);
  if (fs.existsSync(file)) return file;
  const start = performance.now();
  // The same region list seedDemoRegistry reads, so the generator gives the same families.
  const regions: DemoRegion[] = await database.db
    .selectFrom('region')
    .select(['code', 'level', 'name'])
    .where('code', 'like', '13%')
    .where('retired_in', 'is', null)
    .orderBy('code')
    .execute();
  const rules = pkhRulesFrom(await rulesAt(database.db, 'PKH', PERIOD.start));
  const partial = `${file}.${process.pid}.partial`;
  await writeLines(partial, allocationText(households, lines, regions, rules));
  fs.renameSync(partial, file);
  log(`allocation CSV written in ${secondsSince(start)} s`);
  return file;
}

function* allocationText(
  households: number,
  lines: number,
  regions: DemoRegion[],
  rules: ReturnType<typeof pkhRulesFrom>,
): Generator<string> {
  yield 'NIK,NO_KK,NAMA,NOMINAL,BANK,NO_REKENING';
  let n = 0;
  let family = 0;
  const channels = ['BRI', 'BNI', 'MANDIRI', 'BSI', 'POS'] as const;
  const line = (l: AllocationLine, index: number) => {
    let text = allocationCsvLine(l);
    if (index % 1000 === 999) text = text.replace(l.nik, '1.37101E+15');
    else if (index % 50 === 49 && l.amount >= 1_000_000)
      text = text.replace(`,${l.amount},`, `,"${l.amount.toLocaleString('id-ID')}",`);
    return text;
  };
  for (const batch of generateDemoRegistry({ seed: SEED, households, regions })) {
    for (const h of batch as DemoHousehold[]) {
      const calc = computePkhBenefit(
        h.members.map((m, i) => ({ personId: i + 1, ...m })),
        PERIOD,
        rules,
        { sanctioned: false },
      );
      const amount = calc.expected + (family % 37 === 36 ? 25_000 : 0);
      family++;
      for (const m of h.members) {
        if (n === lines) return;
        yield line(
          {
            nik: m.nik,
            kk: h.kk,
            name: m.name,
            amount,
            channel: channels[n % channels.length]!,
            account: `0021${String(n).padStart(11, '0')}`,
          },
          n,
        );
        n++;
      }
    }
  }
  // NIKs unknown to the registry (issued in Jakarta) up to the line count.
  for (let i = 0; n < lines; i++, n++) {
    const day = new Date(Date.UTC(1960, 0, 1) + (i % 15_000) * 86_400_000).toISOString().slice(0, 10);
    const nik = encodeNik({
      kecamatanCode: '317101',
      birthDate: day,
      sex: 'P',
      serial: 1 + Math.floor(i / 15_000),
    });
    yield line({ nik, kk: '', name: `Luar ${i}`, amount: 750_000, channel: 'POS', account: '' }, n);
  }
}
