/**
 * Seeds the demo Kota Padang registry (25,000 households, ≈100,000 people) into a fresh
 * on-disk PGlite data directory and prints JSON:
 *   households, persons      what was written
 *   seedSeconds              seedDemoRegistry end to end (generation, CSV, COPY, INSERT … SELECT, indexes)
 *   generateSeconds          generation and CSV text alone, no database (part of seedSeconds)
 *   copyBaselineSeconds      COPY of the same person rows into a bare table with the same columns
 *                            (no indexes, constraints or staging), same batch size, one transaction
 *   dataDirBytes             size of the data directory after the seed (baseline table dropped, closed)
 *   dataDirBytesBeforeSeed   the same, migrated with the region list loaded, before the seed
 *   registryBytes            household + person + household_desil with their indexes
 * Usage: npx tsx bench/demo-seed.ts [households] [seed]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { csvValue } from '../src/db/copy-csv';
import { openDatabase } from '../src/db/database';
import { migrate } from '../src/db/migrate';
import { type DemoHousehold, generateDemoRegistry } from '../src/modules/demo/generator';
import { seedDemoRegistry } from '../src/modules/demo/seed';
import { loadReferenceRegions } from '../src/modules/regions/load';
import { readReferenceRegions } from '../src/modules/regions/reference-data';

const households = Number(process.argv[2] ?? 25_000);
const seed = Number(process.argv[3] ?? 1);
const BATCH = 5_000;

const PERSON_COLUMNS = [
  'nik',
  'household_id',
  'kabupaten_code',
  'region_code',
  'name',
  'birth_place',
  'birth_date',
  'sex',
  'relationship',
  'mother_name',
  'status',
  'death_date',
  'schooling',
  'pregnancy_due_date',
  'severe_disability',
  'nik_warnings',
  'id_dtsen',
];

/** The person rows as seedDemoRegistry writes them, household ids numbered from 1 in order. */
function personCsv(batch: DemoHousehold[], firstHouseholdId: number): string {
  const lines: string[] = [];
  batch.forEach((household, index) => {
    for (const p of household.members) {
      const row = [
        p.nik,
        firstHouseholdId + index,
        household.kabupatenCode,
        household.regionCode,
        p.name,
        p.birthPlace,
        p.birthDate,
        p.sex,
        p.relationship,
        p.motherName,
        p.status,
        p.deathDate,
        p.schooling,
        p.pregnancyDueDate,
        p.severeDisability,
        `{${p.nikWarnings.join(',')}}`,
        p.idDtsen,
      ];
      lines.push(`${row.map(csvValue).join(',')}\n`);
    }
  });
  return lines.join('');
}

function directoryBytes(dir: string): number {
  let total = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    total += entry.isDirectory() ? directoryBytes(full) : fs.statSync(full).size;
  }
  return total;
}

const seconds = (start: number) => Math.round((performance.now() - start) / 10) / 100;

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'salur-bench-demo-'));
try {
  const database = await openDatabase({ dataDir });
  await migrate(database);
  await loadReferenceRegions(database);
  await database.withConnection((raw) => raw.exec('CHECKPOINT'));
  const dataDirBytesBeforeSeed = directoryBytes(dataDir);

  let start = performance.now();
  const seeded = await seedDemoRegistry(database, { seed, households, batchSize: BATCH });
  const seedSeconds = seconds(start);

  // Generation and CSV text alone, to separate the database's share of seedSeconds.
  const regions = readReferenceRegions();
  const csvBatches: string[] = [];
  start = performance.now();
  let nextId = 1;
  for (const batch of generateDemoRegistry({ seed, households, regions, batchSize: BATCH })) {
    csvBatches.push(personCsv(batch, nextId));
    nextId += batch.length;
  }
  const generateSeconds = seconds(start);

  const { rows: columnTypes } = await database.withConnection((raw) =>
    raw.query<{ column_name: string; data_type: string }>(
      `SELECT column_name, data_type FROM information_schema.columns WHERE table_name = 'person'`,
    ),
  );
  const typeOf = new Map(
    columnTypes.map((c) => [c.column_name, c.data_type === 'ARRAY' ? 'text[]' : c.data_type]),
  );
  const bareColumns = PERSON_COLUMNS.map((c) => `${c} ${typeOf.get(c)}`);
  start = performance.now();
  const copied = await database.transaction(async ({ raw }) => {
    await raw.exec(`CREATE TABLE bench_person_bare (${bareColumns.join(', ')})`);
    let rows = 0;
    for (const csv of csvBatches) rows += await raw.copyCsv('bench_person_bare', PERSON_COLUMNS, csv);
    return rows;
  });
  const copyBaselineSeconds = seconds(start);
  if (copied !== seeded.persons)
    throw new Error(`baseline copied ${copied} rows, seed wrote ${seeded.persons}`);

  await database.withConnection(async (raw) => {
    await raw.exec('DROP TABLE bench_person_bare');
    await raw.exec('CHECKPOINT');
  });
  const { rows } = await database.withConnection((raw) =>
    raw.query<{ bytes: number }>(
      `SELECT (pg_total_relation_size('household') + pg_total_relation_size('person')
        + pg_total_relation_size('household_desil'))::int8 AS bytes`,
    ),
  );
  await database.close();

  console.log(
    JSON.stringify({
      households: seeded.households,
      persons: seeded.persons,
      seedSeconds,
      generateSeconds,
      copyBaselineSeconds,
      dataDirBytes: directoryBytes(dataDir),
      dataDirBytesBeforeSeed,
      registryBytes: rows[0]!.bytes,
    }),
  );
} finally {
  fs.rmSync(dataDir, { recursive: true, force: true });
}
