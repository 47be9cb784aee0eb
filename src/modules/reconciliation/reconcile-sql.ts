import { type RawBuilder, sql } from 'kysely';
import type { Db } from '../../db/database';
import type { Channel } from '../../db/types';

/**
 * The reconciliation as set-based SQL (issue 4, DOMAIN.md "Distribution and reconciliation").
 * Every allocation line of the period gets exactly one status from the channel report lines
 * matched to it (disbursement.allocation_id, set by the report import):
 *
 *   successes ≥ 2                        → GANDA (paid more than once)
 *   1 success, amount = allocation       → TERSALUR
 *   1 success, another amount            → SELISIH_NOMINAL
 *   0 successes, ≥ 1 failure             → GAGAL_SALUR, with the latest failure's reason
 *   nothing                              → BELUM_ADA_LAPORAN
 *
 * Failures do not count once a success exists: PT Pos retries a failed pay-out in a later
 * report, and a failure followed by a success is TERSALUR. Report lines with no allocation
 * (allocation_id NULL) are TIDAK_DIALOKASIKAN and stay in `disbursement`; they never enter
 * reconciliation_line nor the realisasi.
 *
 * Statements are valid on PostgreSQL 15 and PGlite (18): no MERGE, no RETURNING on bulk work.
 */

/**
 * Removes the previous result of the period; the caller's transaction makes delete + insert
 * atomic. (Updating only the lines that changed was tried: the statement then reads
 * reconciliation_line while inserting into it, and the planner's nested-loop anti-join over
 * the table being filled turned 200,000 lines into minutes.)
 */
export async function clearLines(db: Db, program: string, period: string): Promise<void> {
  await sql`DELETE FROM reconciliation_line WHERE program_code = ${program} AND period = ${period}`.execute(
    db,
  );
}

/**
 * Writes one reconciliation_line per allocation line of the period (after clearLines, in the
 * same transaction) and returns the totals (per status, kecamatan and channel), in one
 * statement: the computed lines are materialised once, inserted, and aggregated without
 * reading them back (measured on 1,000,000 lines: a second pass joining the stored lines to
 * `allocation` cost a third of the run).
 * The latest failure's reason is picked with DISTINCT ON over the failures only, so the main
 * aggregate needs no per-group sort.
 */
export async function insertLines(db: Db, program: string, period: string): Promise<AggregateRow[]> {
  const result = await sql<AggregateRow>`
    WITH reported AS (
      SELECT
        allocation_id,
        count(*) FILTER (WHERE status = 'BERHASIL')::int AS paid_count,
        coalesce(sum(amount) FILTER (WHERE status = 'BERHASIL'), 0)::bigint AS paid_amount,
        count(*) FILTER (WHERE status = 'GAGAL')::int AS failed_count,
        max(paid_on) FILTER (WHERE status = 'BERHASIL') AS last_paid_on
      FROM disbursement
      WHERE program_code = ${program} AND period = ${period} AND allocation_id IS NOT NULL
      GROUP BY allocation_id
    ),
    -- "The latest failure": the latest date, then the later report, then the later line.
    last_failure AS (
      SELECT DISTINCT ON (allocation_id)
        allocation_id, coalesce(nullif(trim(reason), ''), 'Tanpa keterangan') AS reason
      FROM disbursement
      WHERE program_code = ${program} AND period = ${period} AND allocation_id IS NOT NULL
        AND status = 'GAGAL'
      ORDER BY allocation_id, paid_on DESC NULLS LAST, report_id DESC, line DESC
    ),
    computed AS MATERIALIZED (
      SELECT
        a.id, a.amount, substr(a.scope_code, 1, 6) AS kecamatan, a.channel,
        CASE
          WHEN coalesce(d.paid_count, 0) >= 2 THEN 'GANDA'
          WHEN d.paid_count = 1 AND d.paid_amount = a.amount THEN 'TERSALUR'
          WHEN d.paid_count = 1 THEN 'SELISIH_NOMINAL'
          WHEN d.failed_count >= 1 THEN 'GAGAL_SALUR'
          ELSE 'BELUM_ADA_LAPORAN'
        END AS status,
        coalesce(d.paid_amount, 0)::bigint AS paid_amount,
        coalesce(d.paid_count, 0) AS paid_count,
        coalesce(d.failed_count, 0) AS failed_count,
        d.last_paid_on,
        CASE WHEN coalesce(d.paid_count, 0) = 0 THEN f.reason END AS failure_reason
      FROM allocation a
      LEFT JOIN reported d ON d.allocation_id = a.id
      LEFT JOIN last_failure f ON f.allocation_id = a.id
      WHERE a.program_code = ${program} AND a.period = ${period}
    ),
    written AS (
      INSERT INTO reconciliation_line
        (allocation_id, program_code, period, status, paid_amount, paid_count, failed_count,
         last_paid_on, failure_reason)
      SELECT id, ${program}, ${period}, status, paid_amount, paid_count, failed_count,
        last_paid_on, failure_reason
      FROM computed
    )
    SELECT
      CASE WHEN grouping(status) = 0 THEN 'status'
           WHEN grouping(kecamatan) = 0 THEN 'kecamatan'
           ELSE 'channel' END AS grp,
      coalesce(status, kecamatan, channel) AS key,
      count(*)::int AS kpm,
      coalesce(sum(amount), 0)::bigint AS allocated,
      (count(*) FILTER (WHERE paid_count > 0))::int AS paid_kpm,
      coalesce(sum(paid_amount), 0)::bigint AS paid
    FROM computed
    GROUP BY GROUPING SETS ((status), (kecamatan), (channel))
  `.execute(db);
  return result.rows.map(numericRow);
}

/** `a.scope_code LIKE prefix%` when the reader is limited to a region; nothing for the whole office. */
function scopeOf(column: string, prefix: string | null): RawBuilder<unknown> {
  return prefix === null ? sql`` : sql`AND ${sql.ref(column)} LIKE ${`${prefix}%`}`;
}

export interface AggregateRow {
  /** Which grouping the row belongs to. */
  grp: 'status' | 'kecamatan' | 'channel';
  key: string;
  kpm: number;
  allocated: number;
  paid_kpm: number;
  paid: number;
}

/**
 * Totals of the stored lines per status, per kecamatan (first six digits of the allocation's
 * scope code) and per channel, in one scan with GROUPING SETS. Money is cast back to bigint:
 * sum(bigint) is numeric in PostgreSQL.
 */
export async function aggregateLines(
  db: Db,
  program: string,
  period: string,
  prefix: string | null,
): Promise<AggregateRow[]> {
  const result = await sql<AggregateRow>`
    SELECT
      CASE WHEN grouping(r.status) = 0 THEN 'status'
           WHEN grouping(substr(a.scope_code, 1, 6)) = 0 THEN 'kecamatan'
           ELSE 'channel' END AS grp,
      coalesce(r.status, substr(a.scope_code, 1, 6), a.channel) AS key,
      count(*)::int AS kpm,
      coalesce(sum(a.amount), 0)::bigint AS allocated,
      (count(*) FILTER (WHERE r.paid_count > 0))::int AS paid_kpm,
      coalesce(sum(r.paid_amount), 0)::bigint AS paid
    FROM reconciliation_line r
    JOIN allocation a ON a.id = r.allocation_id
    WHERE r.program_code = ${program} AND r.period = ${period} ${scopeOf('a.scope_code', prefix)}
    GROUP BY GROUPING SETS ((r.status), (substr(a.scope_code, 1, 6)), (a.channel))
  `.execute(db);
  return result.rows.map(numericRow);
}

function numericRow(row: AggregateRow): AggregateRow {
  return {
    ...row,
    kpm: Number(row.kpm),
    allocated: Number(row.allocated),
    paid_kpm: Number(row.paid_kpm),
    paid: Number(row.paid),
  };
}

export interface UnallocatedRow {
  channel: Channel;
  lines: number;
  paid: number;
}

/** TIDAK_DIALOKASIKAN per channel: report lines with no allocation, and the money paid on them. */
export async function aggregateUnallocated(
  db: Db,
  program: string,
  period: string,
  prefix: string | null,
): Promise<UnallocatedRow[]> {
  const result = await sql<UnallocatedRow>`
    SELECT channel,
      count(*)::int AS lines,
      coalesce(sum(amount) FILTER (WHERE status = 'BERHASIL'), 0)::bigint AS paid
    FROM disbursement
    WHERE program_code = ${program} AND period = ${period} AND allocation_id IS NULL
      ${scopeOf('scope_code', prefix)}
    GROUP BY channel
  `.execute(db);
  return result.rows.map((row) => ({
    channel: row.channel,
    lines: Number(row.lines),
    paid: Number(row.paid),
  }));
}
