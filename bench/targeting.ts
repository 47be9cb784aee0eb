/**
 * Targeting lists and enrolment on a demo-size registry with many allocation lines, printing JSON
 * (seconds per operation). The registry is the synthetic Kota Padang one (≈4 people per family);
 * the allocation period SEMBAKO 2026-03 gets one line per family for two families in three, a
 * second line for one family in fifty (HOUSEHOLD_TWICE), and lines of NIKs unknown to the
 * registry up to `lines` in total (NOT_IN_DTSEN).
 * Usage: npx tsx bench/targeting.ts [households=25000] [lines=households]
 *        DATABASE_URL=postgres://… (an EMPTY database) to run on PostgreSQL instead of PGlite;
 *        BENCH_REUSE=1 with DATABASE_URL measures again on a database this benchmark filled before.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { openDatabase } from '../src/db/database';
import { migrate } from '../src/db/migrate';
import { seedDemoRegistry } from '../src/modules/demo/seed';
import { loadReferenceRegions } from '../src/modules/regions/load';
import { SYSTEM_ACTOR } from '../src/platform/auth/actor';
import { loadConfig } from '../src/platform/config';
import { createServices } from '../src/platform/services';

const households = Number(process.argv[2] ?? 25_000);
const lines = Number(process.argv[3] ?? households);
const databaseUrl = process.env.DATABASE_URL;
const seconds = (start: number) => Math.round((performance.now() - start) / 10) / 100;

const dataDir = databaseUrl ? null : fs.mkdtempSync(path.join(os.tmpdir(), 'salur-bench-targeting-'));
try {
  const database = await openDatabase(databaseUrl ? { databaseUrl } : { dataDir: dataDir! });
  const reuse = Boolean(databaseUrl && process.env.BENCH_REUSE);
  let start = performance.now();
  let seedSeconds = 0;
  if (!reuse) {
    await migrate(database);
    await loadReferenceRegions(database);
    await seedDemoRegistry(database, { seed: 1, households, batchSize: 5_000 });
    seedSeconds = seconds(start);
  }
  const count = async (table: 'household' | 'person' | 'allocation', period?: string) => {
    const where = period ? sql`WHERE period = ${period}` : sql``;
    const result = await sql<{ n: number }>`SELECT count(*) AS n FROM ${sql.table(table)} ${where}`.execute(
      database.db,
    );
    return Number(result.rows[0]!.n);
  };
  const seeded = { households: await count('household'), persons: await count('person') };

  start = performance.now();
  if (reuse) {
    // Undo the previous run's enrolment so the commit below has budget again.
    await sql`DELETE FROM allocation WHERE program_code = 'SEMBAKO_DAERAH'`.execute(database.db);
    await sql`DELETE FROM allocation_import WHERE program_code = 'SEMBAKO_DAERAH'`.execute(database.db);
  } else
    await database.transaction(async ({ db }) => {
      await sql`INSERT INTO program_period (program_code, period) VALUES ('SEMBAKO', '2026-03')`.execute(db);
      await sql`INSERT INTO allocation_import (program_code, period, source, file_name, rows_read, accepted, rejected, summary, started_at)
      VALUES ('SEMBAKO', '2026-03', 'FILE', 'bench.csv', 0, 0, 0, '{}', now())`.execute(db);
      await sql`INSERT INTO allocation (import_id, line, program_code, period, nik, kk, name, amount, channel, household_id, person_id, scope_code)
      SELECT 1, row_number() OVER (), 'SEMBAKO', '2026-03', p.nik, h.kk, p.name, 200000, 'BRI', h.id, p.id, h.region_code
      FROM household h
      JOIN LATERAL (SELECT * FROM person p WHERE p.household_id = h.id ORDER BY p.id LIMIT 1) p ON true
      CROSS JOIN generate_series(1, 2) g
      WHERE h.id % 3 <> 0 AND (g = 1 OR h.id % 50 = 0)`.execute(db);
      await sql`INSERT INTO allocation (import_id, line, program_code, period, nik, amount, channel, scope_code, flags)
      SELECT 1, 10000000 + g, 'SEMBAKO', '2026-03', '1371017001' || lpad((g % 1000000)::text, 6, '0'), 200000, 'POS',
        '137101', '{NIK_NOT_IN_REGISTRY}'
      FROM generate_series(1, greatest(0, ${lines} - (SELECT count(*) FROM allocation))) g`.execute(db);
      await sql`INSERT INTO program (code, name, kind, period_kinds, funding, budget, benefit_amount)
      VALUES ('SEMBAKO_DAERAH', 'Sembako Daerah', 'LOCAL', '{MONTH,QUARTER}', 'APBD', 5000000000, 200000)`.execute(
        db,
      );
    });
  await database.withConnection((raw) => raw.exec('ANALYZE'));
  const allocationSeconds = seconds(start);
  const allocationLines = await count('allocation');
  const measuredPeriodLines = await count('allocation', process.env.BENCH_PERIOD ?? '2026-03');

  const config = loadConfig({ SALUR_KABUPATEN: '13.71', SALUR_DATA_DIR: dataDir ?? '' });
  const services = createServices(database, config);
  const admin = { ...SYSTEM_ACTOR, username: 'bench', regionCode: '1371' };
  const kelurahan = (
    await sql<{
      code: string;
    }>`SELECT region_code AS code FROM household GROUP BY 1 ORDER BY count(*) DESC LIMIT 1`.execute(
      database.db,
    )
  ).rows[0]!.code;
  const operator = { ...admin, role: 'operator_kelurahan' as const, regionCode: kelurahan };
  // BENCH_PERIOD (reuse only): measure another SEMBAKO period of the same database.
  const measured = process.env.BENCH_PERIOD ?? '2026-03';
  const query = { program: 'SEMBAKO', period: measured };
  const page = { page: 1, pageSize: 50 };
  const timed = async <T>(body: () => Promise<T>): Promise<[number, T]> => {
    const s = performance.now();
    const result = await body();
    return [seconds(s), result];
  };

  const [inclusionAdmin, inc] = await timed(() => services.targeting.inclusion(admin, query, page));
  const [inclusionKelurahan] = await timed(() => services.targeting.inclusion(operator, query, page));
  const [exclusionAdmin, exc] = await timed(() => services.targeting.exclusion(admin, query, page));
  const [exclusionKelurahan] = await timed(() => services.targeting.exclusion(operator, query, page));
  const [exportInclusion] = await timed(async () => {
    const exporter = await services.targeting.openExport(admin, 'inclusion', query);
    const out = fs.createWriteStream(os.devNull);
    const done = new Promise<void>((resolve, reject) => out.on('finish', resolve).on('error', reject));
    await exporter.write(out);
    await done;
  });
  const enrolInput = {
    local: 'SEMBAKO_DAERAH',
    period: '2026-03',
    fromProgram: 'SEMBAKO',
    fromPeriod: measured,
    dryRun: true,
  };
  const [enrolPreview, preview] = await timed(() => services.targeting.enrol(admin, enrolInput));
  const [enrolCommit, committed] = await timed(() =>
    services.targeting.enrol(admin, { ...enrolInput, dryRun: false }),
  );
  await services.jobs.stop();
  await database.close();

  console.log(
    JSON.stringify({
      engine: databaseUrl ? 'postgres' : 'pglite',
      households: seeded.households,
      persons: seeded.persons,
      allocationLines,
      measuredPeriodLines,
      seedSeconds,
      allocationSeconds,
      inclusionCandidates: inc.candidates,
      exclusionCandidates: exc.total,
      enrolled: committed.enrolled,
      previewEnrolled: preview.enrolled,
      seconds: {
        inclusionAdmin,
        inclusionKelurahan,
        exclusionAdmin,
        exclusionKelurahan,
        exportInclusion,
        enrolPreview,
        enrolCommit,
      },
    }),
  );
} finally {
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
}
