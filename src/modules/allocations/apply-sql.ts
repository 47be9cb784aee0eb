import type { RawConnection } from '../../db/raw-connection';

/**
 * The set-based statements that turn a staged allocation file into allocation lines
 * (ARCHITECTURE.md "Set-based SQL for bulk work"). All run inside the import's single
 * transaction: a failure at any point leaves nothing. Valid on PostgreSQL 15 and PGlite.
 */

export const STAGE_COLUMNS = [
  'line',
  'nik',
  'nik_invalid',
  'kk',
  'name',
  'amount',
  'channel',
  'account',
] as const;

export async function createStage(raw: RawConnection): Promise<void> {
  await raw.exec(`
    CREATE TEMP TABLE stage_alloc (
      line integer NOT NULL, nik text NOT NULL, nik_invalid boolean NOT NULL, kk text, name text,
      amount bigint NOT NULL, channel text NOT NULL, account text
    ) ON COMMIT DROP;`);
  await createRejectionStage(raw);
}

/** The rejected lines while the file is read (both ways of importing). */
export async function createRejectionStage(raw: RawConnection): Promise<void> {
  await raw.exec(`
    CREATE TEMP TABLE stage_alloc_rejection (line integer NOT NULL, reasons text[] NOT NULL, fields text[] NOT NULL,
      original jsonb NOT NULL) ON COMMIT DROP;`);
}

export async function analyzeStage(raw: RawConnection): Promise<void> {
  // Temp tables are never analysed automatically: without statistics the planner expects a few
  // rows and picks nested loops over a million.
  await raw.exec('ANALYZE stage_alloc');
}

/**
 * Moves the staged lines that an earlier import of the period already stored exactly (same
 * NIK, amount, channel and account) to the rejected lines as ALREADY_ALLOCATED, and returns
 * how many: an operator who corrects the rejected lines of a file and imports the whole file
 * again gets only the corrected lines, not every line twice (which would make each of those
 * KPM's report lines match two allocations). `original` lists the file's headers and the staged
 * column under each: the rejection shows the line as read (amount in digits), since the
 * original cells of valid lines are not staged.
 */
export async function setAsideAlreadyAllocated(
  raw: RawConnection,
  program: string,
  period: string,
  original: ReadonlyArray<readonly [header: string, column: (typeof STAGE_COLUMNS)[number]]>,
): Promise<number> {
  const pairs = original.map(([, column], i) => `$${i + 3}::text, s.${column}::text`).join(', ');
  const { rows } = await raw.query<{ n: number }>(
    `WITH moved AS (
       DELETE FROM stage_alloc s
       WHERE EXISTS (SELECT 1 FROM allocation a
         WHERE a.program_code = $1 AND a.period = $2 AND a.nik = s.nik AND a.amount = s.amount
           AND a.channel = s.channel AND a.account IS NOT DISTINCT FROM s.account)
       RETURNING s.*
     ), saved AS (
       INSERT INTO stage_alloc_rejection (line, reasons, fields, original)
       SELECT s.line, ARRAY['ALREADY_ALLOCATED'], ARRAY['nik'], jsonb_build_object(${pairs || ''})
       FROM moved s
       RETURNING 1
     )
     SELECT count(*)::int AS n FROM saved`,
    [program, period, ...original.map(([header]) => header)],
  );
  return rows[0]?.n ?? 0;
}

/** Lines whose NIK an earlier import already allocated in this period (kept; targeting reports them). */
export async function countAlreadyAllocated(raw: RawConnection, program: string, period: string) {
  const { rows } = await raw.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM stage_alloc s
     WHERE EXISTS (SELECT 1 FROM allocation a WHERE a.program_code = $1 AND a.period = $2 AND a.nik = s.nik)`,
    [program, period],
  );
  return rows[0]?.n ?? 0;
}

/**
 * `alloc_household`: the registry households the file's NIKs belong to, with the lowest and the
 * highest amount the file gives each (a household's lines disagree with its entitlement exactly
 * when one of the two does; min/max hash-aggregate where the set of amounts needed a second,
 * spilling aggregation).
 */
export async function buildAllocHouseholds(raw: RawConnection): Promise<number> {
  await raw.exec(`
    CREATE TEMP TABLE alloc_household ON COMMIT DROP AS
    SELECT p.household_id, min(s.amount) AS lo, max(s.amount) AS hi
    FROM stage_alloc s JOIN person p ON p.nik = s.nik
    WHERE p.household_id IS NOT NULL
    GROUP BY p.household_id;
    ANALYZE alloc_household;`);
  const { rows } = await raw.query<{ n: number }>('SELECT count(*)::int AS n FROM alloc_household');
  return rows[0]?.n ?? 0;
}

/**
 * Where the expected amount comes from: per household (PKH, `pkh_household`), or one value for
 * every line (Sembako: monthly value × months; a local programme: its benefit amount).
 */
export type ExpectedSource =
  | { kind: 'household' }
  | { kind: 'constant'; expected: number; calculation: unknown }
  | { kind: 'none' };

export interface AllocationTotals {
  lines: number;
  amount: number;
  linked: number;
  expectedAmount: number;
  flags: Record<string, number>;
}

/**
 * Inserts the staged lines as allocation lines: linked to the registry by NIK, scoped to the
 * household's village (else the NIK's kecamatan when it lies in this kabupaten, else the
 * kabupaten: the office still sees the line, no operator does), flagged, with the expected
 * amount, and the explanation of the entitlement on the lines whose amount differs. Returns
 * what it wrote, counted in the same statement (no second pass over a million lines).
 */
export async function insertAllocations(
  raw: RawConnection,
  params: {
    importId: number;
    program: string;
    period: string;
    kabupatenCode: string;
    expected: ExpectedSource;
  },
): Promise<AllocationTotals> {
  const { expected } = params;
  const join =
    expected.kind === 'household'
      ? `LEFT JOIN pkh_household e ON e.household_id = p.household_id
         LEFT JOIN pkh_calc c ON c.household_id = p.household_id`
      : expected.kind === 'constant'
        ? 'CROSS JOIN (SELECT $5::bigint AS expected, $6::jsonb AS calculation) e'
        : 'CROSS JOIN (SELECT NULL::bigint AS expected) e';
  const calculation =
    expected.kind === 'constant'
      ? 'CASE WHEN e.expected <> s.amount THEN e.calculation END'
      : expected.kind === 'household'
        ? 'CASE WHEN e.expected <> s.amount THEN c.calculation END'
        : 'NULL::jsonb';
  const values: unknown[] = [params.importId, params.program, params.period, params.kabupatenCode];
  if (expected.kind === 'constant') values.push(expected.expected, JSON.stringify(expected.calculation));
  const { rows } = await raw.query<{
    lines: number;
    amount: number | null;
    linked: number;
    expected: number | null;
    nik_not_in_registry: number;
    nik_invalid: number;
    kk_mismatch: number;
    amount_mismatch: number;
  }>(
    `WITH ins AS (
       INSERT INTO allocation (import_id, line, program_code, period, nik, kk, name, amount, channel, account,
         household_id, person_id, scope_code, flags, expected_amount, calculation)
       SELECT $1::bigint, s.line, $2, $3, s.nik, s.kk, s.name, s.amount, s.channel, s.account,
         p.household_id, p.id,
         coalesce(h.region_code, p.region_code,
           CASE WHEN left(s.nik, 4) = $4 THEN left(s.nik, 6) ELSE $4 END),
         array_remove(ARRAY[
           CASE WHEN p.id IS NULL THEN 'NIK_NOT_IN_REGISTRY' END,
           CASE WHEN s.nik_invalid THEN 'NIK_INVALID' END,
           CASE WHEN s.kk IS NOT NULL AND h.kk IS NOT NULL AND s.kk <> h.kk THEN 'KK_MISMATCH' END,
           CASE WHEN e.expected IS NOT NULL AND s.amount <> e.expected THEN 'AMOUNT_MISMATCH' END
         ]::text[], NULL),
         e.expected, ${calculation}
       FROM stage_alloc s
       LEFT JOIN person p ON p.nik = s.nik
       LEFT JOIN household h ON h.id = p.household_id
       ${join}
       -- Ids in the file's order (as the linking reader gives them): lists, the reconciliation
       -- detail and the Berita Acara XLSX order lines by id, and a hash join's output has no order.
       ORDER BY s.line
       RETURNING amount, person_id, expected_amount, flags
     )
     SELECT count(*)::int AS lines, sum(amount)::bigint AS amount, count(person_id)::int AS linked,
       sum(expected_amount)::bigint AS expected,
       count(*) FILTER (WHERE 'NIK_NOT_IN_REGISTRY' = ANY(flags))::int AS nik_not_in_registry,
       count(*) FILTER (WHERE 'NIK_INVALID' = ANY(flags))::int AS nik_invalid,
       count(*) FILTER (WHERE 'KK_MISMATCH' = ANY(flags))::int AS kk_mismatch,
       count(*) FILTER (WHERE 'AMOUNT_MISMATCH' = ANY(flags))::int AS amount_mismatch
     FROM ins`,
    values,
  );
  const r = rows[0]!;
  const flags: Record<string, number> = {};
  if (r.nik_not_in_registry) flags.NIK_NOT_IN_REGISTRY = r.nik_not_in_registry;
  if (r.nik_invalid) flags.NIK_INVALID = r.nik_invalid;
  if (r.kk_mismatch) flags.KK_MISMATCH = r.kk_mismatch;
  if (r.amount_mismatch) flags.AMOUNT_MISMATCH = r.amount_mismatch;
  return {
    lines: r.lines,
    amount: Number(r.amount ?? 0),
    linked: r.linked,
    expectedAmount: Number(r.expected ?? 0),
    flags,
  };
}

// The allocation table's secondary indexes and foreign keys, exactly as migrations 0007 and 0012
// made them (the channel report benchmark sets them aside the same way around its setup COPY).
export const ALLOCATION_BULK_DDL = {
  drop: `ALTER TABLE allocation DROP CONSTRAINT allocation_import_id_fkey;
    ALTER TABLE allocation DROP CONSTRAINT allocation_program_code_period_fkey;
    DROP INDEX allocation_period_idx; DROP INDEX allocation_nik_idx;
    DROP INDEX allocation_household_idx; DROP INDEX allocation_import_idx;`,
  create: `CREATE INDEX allocation_period_idx ON allocation (program_code, period, scope_code text_pattern_ops);
    CREATE INDEX allocation_nik_idx ON allocation (nik, program_code, period);
    CREATE INDEX allocation_household_idx ON allocation (household_id);
    CREATE INDEX allocation_import_idx ON allocation (import_id);
    ALTER TABLE allocation ADD CONSTRAINT allocation_import_id_fkey
      FOREIGN KEY (import_id) REFERENCES allocation_import (id);
    ALTER TABLE allocation ADD CONSTRAINT allocation_program_code_period_fkey
      FOREIGN KEY (program_code, period) REFERENCES program_period (program_code, period);`,
};

// Index builds sort a million rows: enough memory keeps the sorts off disk.
export const ALLOCATION_BUILD_SETTINGS = `SET LOCAL maintenance_work_mem = '256MB'`;

/** Lines below which indexes and foreign keys are kept up row by row. */
const BULK_MIN_ROWS = 50_000;

/**
 * A large file into a table no bigger than itself (a kabupaten's first periods) drops the
 * allocation table's secondary indexes and foreign keys and builds them again after the insert:
 * measured on 100 k lines, the two foreign-key checks per row were 43 % of the insert and the
 * four indexes another 25 %; rebuilding them is one sort and one join each. Inside the import's
 * transaction, so a failure restores them; on PostgreSQL the table is locked against other
 * sessions until the import commits (as the registry import does with `person`).
 */
export async function withBulkLoad<T>(raw: RawConnection, newRows: number, insert: () => Promise<T>) {
  const bulk = await setKeysAsideFor(raw, newRows);
  const result = await insert();
  if (bulk) await rebuildKeys(raw);
  return { result, bulk };
}

/** Drops the table's secondary indexes and foreign keys when `newRows` lines are worth rebuilding them for; true if so. */
export async function setKeysAsideFor(raw: RawConnection, newRows: number): Promise<boolean> {
  const { rows } = await raw.query<{ n: number }>(
    "SELECT greatest(reltuples, 0)::bigint AS n FROM pg_class WHERE oid = 'allocation'::regclass",
  );
  const bulk = newRows >= BULK_MIN_ROWS && newRows >= Number(rows[0]?.n ?? 0);
  if (bulk) await raw.exec(ALLOCATION_BULK_DDL.drop);
  return bulk;
}

export async function rebuildKeys(raw: RawConnection): Promise<void> {
  await raw.exec(ALLOCATION_BUILD_SETTINGS);
  // One statement at a time: each shows in the statement timings.
  for (const statement of ALLOCATION_BULK_DDL.create.split(';').filter((s) => s.trim()))
    await raw.exec(statement);
}

export async function saveRejections(raw: RawConnection, importId: number): Promise<void> {
  await raw.query(
    `INSERT INTO allocation_import_rejection (import_id, line, reasons, fields, original)
     SELECT $1::bigint, line, reasons, fields, original FROM stage_alloc_rejection`,
    [importId],
  );
}

/** Fresh planner statistics after a bulk insert: PGlite has no autovacuum. */
export async function analyzeAllocations(raw: RawConnection): Promise<void> {
  // The columns lists and joins filter on; the calculation jsonb needs no statistics.
  await raw.exec(
    'ANALYZE allocation (program_code, period, scope_code, nik, household_id, import_id, flags);',
  );
}
