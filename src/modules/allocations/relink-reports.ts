import { sql } from 'kysely';
import type { Db } from '../../db/database';

/**
 * Channel report lines of the period that found no allocation when their report was imported
 * (TIDAK_DIALOKASIKAN) are matched again after allocations are added to the period: a
 * supplementary file (susulan) often allocates a KPM the channel has already paid. The rule is
 * the report import's (match-sql.ts): an account naming exactly one allocation line decides,
 * else a NIK naming exactly one; a line whose keys name several stays unallocated (it was kept,
 * not rejected, and a stored line is not rejected afterwards). The line takes its allocation's
 * region, as a matched line does. Returns how many lines were linked; the caller audits it with
 * the import. Set-based: one UPDATE over the period's unallocated lines.
 */
export async function relinkUnallocatedReportLines(db: Db, program: string, period: string): Promise<number> {
  const result = await sql`
    WITH open_line AS (
      SELECT id, nik, account FROM disbursement
      WHERE program_code = ${program} AND period = ${period} AND allocation_id IS NULL
    ), by_account AS (
      SELECT d.id, min(a.id) AS allocation_id, count(*) AS n
      FROM open_line d JOIN allocation a ON a.account = d.account AND a.program_code = ${program} AND a.period = ${period}
      GROUP BY d.id
    ), by_nik AS (
      SELECT d.id, min(a.id) AS allocation_id, count(*) AS n
      FROM open_line d JOIN allocation a ON a.nik = d.nik AND a.program_code = ${program} AND a.period = ${period}
      GROUP BY d.id
    ), chosen AS (
      SELECT d.id, CASE WHEN ba.n = 1 THEN ba.allocation_id WHEN bn.n = 1 THEN bn.allocation_id END AS allocation_id
      FROM open_line d LEFT JOIN by_account ba ON ba.id = d.id LEFT JOIN by_nik bn ON bn.id = d.id
    )
    UPDATE disbursement t SET allocation_id = c.allocation_id, scope_code = a.scope_code
    FROM chosen c JOIN allocation a ON a.id = c.allocation_id
    WHERE t.id = c.id`.execute(db);
  return Number(result.numAffectedRows ?? 0);
}
