import type { RawConnection } from '../../db/raw-connection';
import { analyzeStageLine } from './match-sql';

/**
 * The set-based statements that turn a staged channel report into disbursement lines
 * (ARCHITECTURE.md "Set-based SQL for bulk work"). All run inside the import's one transaction:
 * a crash at any point leaves nothing. Valid on PostgreSQL 15 and PGlite.
 */

export const STAGE_COLUMNS = [
  'line',
  'nik',
  'nik_valid',
  'account',
  'amount',
  'paid_on',
  'status',
  'reason',
] as const;

export const REJECTION_COLUMNS = ['line', 'reasons', 'fields', 'original'] as const;

export async function createStage(raw: RawConnection): Promise<void> {
  await raw.exec(`
    CREATE TEMP TABLE stage_disbursement (
      line integer NOT NULL, nik text, nik_valid boolean NOT NULL, account text, amount bigint NOT NULL,
      paid_on date, status text NOT NULL, reason text
    ) ON COMMIT DROP;`);
  await createRejectionStage(raw);
}

/** Rejected lines only: a report matched while read writes its lines straight to `disbursement`. */
export async function createRejectionStage(raw: RawConnection): Promise<void> {
  await raw.exec(`
    CREATE TEMP TABLE stage_disbursement_rejection (line integer NOT NULL, reasons text[] NOT NULL,
      fields text[] NOT NULL, original jsonb NOT NULL) ON COMMIT DROP;`);
}

/**
 * Lines that appeared more than once in stage_line (a key naming two allocations) become one
 * line again: the account decides when it names exactly one allocation, else the NIK when it
 * names exactly one; otherwise the line is ambiguous. Returns how many lines were settled.
 */
export async function resolveFanOut(
  raw: RawConnection,
  program: string,
  period: string,
  channel: string,
  stagedLines: number,
  matchedRows: number,
) {
  // Nearly always no key names two allocations: then stage_line holds each staged line once
  // (matchAllocations' row count, matchedRows, says so), which spares grouping every line.
  if (matchedRows === stagedLines) return 0;
  await analyzeStageLine(raw);
  const fanOut = await raw.query(
    `CREATE TEMP TABLE stage_fan_out ON COMMIT DROP AS
     SELECT line, count(DISTINCT account_match) AS n_account, min(account_match) AS account_match,
       count(DISTINCT nik_match) AS n_nik, min(nik_match) AS nik_match
     FROM stage_line
     WHERE line IN (SELECT line FROM stage_line GROUP BY line HAVING count(*) > 1)
     GROUP BY line`,
  );
  if (fanOut.rowCount === 0) return 0;
  await raw.query(
    `CREATE TEMP TABLE stage_settled ON COMMIT DROP AS
     SELECT DISTINCT ON (l.line) l.line, l.nik, l.nik_valid, l.account, l.amount, l.paid_on, l.status, l.reason,
       f.account_match, f.nik_match, a.id AS allocation_id,
       a.id IS NULL AND (f.n_account > 1 OR f.n_nik > 1) AS ambiguous,
       coalesce(a.scope_code, CASE WHEN l.nik_valid THEN substr(l.nik, 1, 6) END, '') AS scope_code,
       coalesce(a.channel <> $3, false) AS channel_differs,
       coalesce(l.nik <> a.nik, false) AS nik_differs,
       false AS already_reported
     FROM stage_line l
     JOIN stage_fan_out f ON f.line = l.line
     LEFT JOIN allocation a ON a.program_code = $1 AND a.period = $2
       AND a.id = CASE WHEN f.n_account = 1 THEN f.account_match WHEN f.n_nik = 1 THEN f.nik_match END
     ORDER BY l.line`,
    [program, period, channel],
  );
  await raw.query('DELETE FROM stage_line WHERE line IN (SELECT line FROM stage_fan_out)');
  await raw.query(
    `INSERT INTO stage_line (${STAGE_LINE_COLUMNS}) SELECT ${STAGE_LINE_COLUMNS} FROM stage_settled`,
  );
  return fanOut.rowCount;
}

const STAGE_LINE_COLUMNS = `line, nik, nik_valid, account, amount, paid_on, status, reason, account_match, nik_match,
  allocation_id, ambiguous, scope_code, channel_differs, nik_differs, already_reported`;

/** True when an earlier report of this channel already stored lines for the period. */
export async function hasEarlierLines(
  raw: RawConnection,
  program: string,
  period: string,
  channel: string,
): Promise<boolean> {
  const { rows } = await raw.query<{ found: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM disbursement WHERE program_code = $1 AND period = $2 AND channel = $3) AS found`,
    [program, period, channel],
  );
  return rows[0]?.found === true;
}

// What makes two report lines "the same line": the allocation it pays (or, unmatched, the NIK
// and account it names), amount, date and status. Nulls folded so the key hashes.
const KEY = `coalesce(allocation_id, 0) AS k_allocation,
  CASE WHEN allocation_id IS NULL THEN coalesce(nik, '') ELSE '' END AS k_nik,
  CASE WHEN allocation_id IS NULL THEN coalesce(account, '') ELSE '' END AS k_account,
  amount AS k_amount, coalesce(paid_on, DATE '0001-01-01') AS k_paid_on, status AS k_status`;
const KEY_COLUMNS = ['k_allocation', 'k_nik', 'k_account', 'k_amount', 'k_paid_on', 'k_status'];

/**
 * A cumulative re-export (the channel sends everything paid so far, again): a line identical to
 * one already stored from an earlier report of this channel and period is skipped, counted as
 * `alreadyReported`. Counted as a multiset: if earlier reports hold a line once and this file
 * holds it twice, one is skipped and one is kept (a second payment). Identical lines within this
 * file are all kept: that is how a double payment shows (reconciliation calls it GANDA).
 */
export async function markAlreadyReported(
  raw: RawConnection,
  program: string,
  period: string,
  channel: string,
): Promise<number> {
  const on = KEY_COLUMNS.map((c) => `p.${c} = r.${c}`).join(' AND ');
  const result = await raw.query(
    `WITH prior AS (
       SELECT ${KEY_COLUMNS.join(', ')}, count(*) AS n
       FROM (SELECT ${KEY} FROM disbursement WHERE program_code = $1 AND period = $2 AND channel = $3) d
       GROUP BY ${KEY_COLUMNS.join(', ')}
     ), ranked AS (
       SELECT line, ${KEY_COLUMNS.join(', ')},
         row_number() OVER (PARTITION BY ${KEY_COLUMNS.join(', ')} ORDER BY line) AS rank
       FROM (SELECT line, ${KEY} FROM stage_line WHERE NOT ambiguous) s
     )
     UPDATE stage_line t SET already_reported = true
     FROM ranked r JOIN prior p ON ${on}
     WHERE t.line = r.line AND r.rank <= p.n`,
    [program, period, channel],
  );
  return result.rowCount;
}

/** File lines of the ambiguous matches, in order (their original cells are read again for the report). */
export async function ambiguousLines(raw: RawConnection): Promise<number[]> {
  const { rows } = await raw.query<{ line: number }>(
    'SELECT line FROM stage_line WHERE ambiguous ORDER BY line',
  );
  return rows.map((r) => r.line);
}

export async function insertDisbursements(
  raw: RawConnection,
  reportId: number,
  program: string,
  period: string,
  channel: string,
): Promise<number> {
  const result = await raw.query(
    `INSERT INTO disbursement (report_id, line, program_code, period, channel, nik, account, amount, paid_on,
       status, reason, allocation_id, scope_code)
     SELECT $1::bigint, line, $2, $3, $4, nik, account, amount, paid_on, status, reason, allocation_id, scope_code
     FROM stage_line
     WHERE NOT ambiguous AND NOT already_reported`,
    [reportId, program, period, channel],
  );
  return result.rowCount;
}

// The disbursement table's indexes and foreign keys, exactly as migration 0007 made them.
export const DISBURSEMENT_BULK_DDL = {
  // No foreign key points at disbursement: its primary key can go and come back too (the ids
  // come in heap order, so its rebuild sorts presorted input; kept up row by row it was a third
  // of the insert on PGlite).
  drop: `ALTER TABLE disbursement DROP CONSTRAINT disbursement_report_id_fkey;
    ALTER TABLE disbursement DROP CONSTRAINT disbursement_allocation_id_fkey;
    DROP INDEX disbursement_period_idx; DROP INDEX disbursement_allocation_idx; DROP INDEX disbursement_report_idx;
    ALTER TABLE disbursement DROP CONSTRAINT disbursement_pkey;`,
  create: `ALTER TABLE disbursement ADD CONSTRAINT disbursement_pkey PRIMARY KEY (id);
    CREATE INDEX disbursement_period_idx ON disbursement (program_code, period);
    CREATE INDEX disbursement_allocation_idx ON disbursement (allocation_id);
    CREATE INDEX disbursement_report_idx ON disbursement (report_id);
    ALTER TABLE disbursement ADD CONSTRAINT disbursement_report_id_fkey FOREIGN KEY (report_id) REFERENCES disbursement_report (id);
    ALTER TABLE disbursement ADD CONSTRAINT disbursement_allocation_id_fkey FOREIGN KEY (allocation_id) REFERENCES allocation (id);`,
};

/** Lines below which indexes and keys are kept up row by row; above, and when the report at least doubles the table, they are rebuilt. */
const BULK_MIN_ROWS = 50_000;

/**
 * Inserts the report's lines. A large report into a table not much larger drops the table's
 * secondary indexes and foreign keys and builds them again after the insert (as the registry
 * import does for people): checking two foreign keys row by row locks and dirties every
 * allocation row it points at, and was most of the insert's time (measured, bench/disbursement-import.ts).
 * Inside the import's transaction, so a failure restores them; on PostgreSQL the table is
 * locked against other sessions until the import commits.
 */
export async function insertDisbursementsBulkAware(
  raw: RawConnection,
  reportId: number,
  program: string,
  period: string,
  channel: string,
  newRows: number,
) {
  const bulk = await setKeysAsideFor(raw, newRows);
  const inserted = await insertDisbursements(raw, reportId, program, period, channel);
  if (bulk) await rebuildKeys(raw);
  return { inserted, bulk };
}

/** Drops the table's indexes and keys when `newRows` lines are worth rebuilding them for; true if so. */
export async function setKeysAsideFor(raw: RawConnection, newRows: number): Promise<boolean> {
  const { rows } = await raw.query<{ n: number }>(
    "SELECT greatest(reltuples, 0)::bigint AS n FROM pg_class WHERE oid = 'disbursement'::regclass",
  );
  const bulk = newRows >= BULK_MIN_ROWS && newRows >= Number(rows[0]?.n ?? 0);
  if (bulk) await raw.exec(DISBURSEMENT_BULK_DDL.drop);
  return bulk;
}

export async function rebuildKeys(raw: RawConnection): Promise<void> {
  // One statement at a time: each shows in the statement timings.
  for (const statement of DISBURSEMENT_BULK_DDL.create.split(';').filter((s) => s.trim()))
    await raw.exec(statement);
}

export async function saveRejections(raw: RawConnection, reportId: number): Promise<void> {
  await raw.query(
    `INSERT INTO disbursement_report_rejection (report_id, line, reasons, fields, original)
     SELECT $1::bigint, line, reasons, fields, original FROM stage_disbursement_rejection`,
    [reportId],
  );
}

export interface StoredCounts {
  stored: number;
  ambiguous: number;
  alreadyReported: number;
  matched: number;
  unallocated: number;
  channelDiffers: number;
  nikDiffers: number;
  nikInvalid: number;
  berhasilLines: number;
  berhasilAmount: number;
  gagalLines: number;
  gagalAmount: number;
}

/** What the stored lines are: the report's summary. */
export async function countLines(raw: RawConnection): Promise<StoredCounts> {
  const { rows } = await raw.query<Record<string, string | number | null>>(
    `SELECT count(*) FILTER (WHERE kept) AS stored,
       count(*) FILTER (WHERE ambiguous) AS ambiguous,
       count(*) FILTER (WHERE already_reported) AS already_reported,
       count(*) FILTER (WHERE kept AND allocation_id IS NOT NULL) AS matched,
       count(*) FILTER (WHERE kept AND allocation_id IS NULL) AS unallocated,
       count(*) FILTER (WHERE kept AND channel_differs) AS channel_differs,
       count(*) FILTER (WHERE kept AND nik_differs) AS nik_differs,
       count(*) FILTER (WHERE kept AND NOT nik_valid AND nik IS NOT NULL) AS nik_invalid,
       count(*) FILTER (WHERE kept AND status = 'BERHASIL') AS berhasil_lines,
       coalesce(sum(amount) FILTER (WHERE kept AND status = 'BERHASIL'), 0) AS berhasil_amount,
       count(*) FILTER (WHERE kept AND status = 'GAGAL') AS gagal_lines,
       coalesce(sum(amount) FILTER (WHERE kept AND status = 'GAGAL'), 0) AS gagal_amount
     FROM (SELECT *, NOT ambiguous AND NOT already_reported AS kept FROM stage_line) s`,
  );
  const r = rows[0] ?? {};
  // count() and sum() of bigint arrive as text from pg: rupiah stay exact integers.
  const n = (key: string) => Number(r[key] ?? 0);
  return {
    stored: n('stored'),
    ambiguous: n('ambiguous'),
    alreadyReported: n('already_reported'),
    matched: n('matched'),
    unallocated: n('unallocated'),
    channelDiffers: n('channel_differs'),
    nikDiffers: n('nik_differs'),
    nikInvalid: n('nik_invalid'),
    berhasilLines: n('berhasil_lines'),
    berhasilAmount: n('berhasil_amount'),
    gagalLines: n('gagal_lines'),
    gagalAmount: n('gagal_amount'),
  };
}

/** PGlite has no autovacuum: fresh statistics keep reconciliation's plans sane after a bulk load. */
export async function analyzeDisbursements(raw: RawConnection): Promise<void> {
  await raw.exec('ANALYZE disbursement;');
}
