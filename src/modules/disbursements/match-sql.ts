import type { RawConnection } from '../../db/raw-connection';

/**
 * Each staged line of a channel report against the period's allocations, into the temp table
 * `stage_line`: by account/KKS number when it names exactly one allocation line, else by NIK
 * when that names exactly one (issue 4 brief). A line naming two or more (and not settled by
 * the other key) is ambiguous and will be rejected (MATCHES_TWO_ALLOCATIONS); a line naming
 * none is kept unmatched (TIDAK_DIALOKASIKAN). Accounts are compared without spaces, dots,
 * dashes and slashes, upper case: both imports store them so (migration 0011), so
 * `0123-01-000123-50-1` in one file and `012301000123501` in the other are the same account,
 * and the join is plain equality. Valid on PostgreSQL 15 and PGlite.
 *
 * Two plain hash joins, no aggregation: a key naming two allocations makes its line appear
 * twice, which `resolveFanOut` (apply-sql.ts) then settles for those few lines. Measured on 1 M
 * lines against 1 M allocations (PGlite), grouping every line by its matches instead cost twice
 * the CPU. Matching by account first and by NIK only for the lines left was no faster on the
 * benchmark's report (a tenth of its lines are found by NIK: 1.3 s + 1.1 s against 1.7–2.0 s on
 * PostgreSQL), so one statement does both. Nor was inserting the matched lines straight into
 * `disbursement` and counting them from RETURNING, skipping this table (1 M lines: 3.1–3.2 s
 * against 3.0–3.2 s on PostgreSQL, 0.2–0.3 s less of 8.5 s on PGlite, for a second way of
 * matching to keep equal to this one).
 *
 * Returns the rows written: more than the staged lines when a key named two allocations.
 */
export async function matchAllocations(
  raw: RawConnection,
  program: string,
  period: string,
  channel: string,
): Promise<number> {
  // Temp tables are never analysed automatically: without statistics the planner expects a few
  // rows and picks nested loops over a million.
  await raw.exec('ANALYZE stage_disbursement');
  const created = await raw.query(
    `CREATE TEMP TABLE stage_line ON COMMIT DROP AS
     SELECT s.line, s.nik, s.nik_valid, s.account, s.amount, s.paid_on, s.status, s.reason,
       aa.id AS account_match, an.id AS nik_match,
       coalesce(aa.id, an.id) AS allocation_id,
       false AS ambiguous,
       -- The line's region for role × region scope: its allocation's, else the kecamatan that
       -- issued its NIK (only when the NIK is valid, so a made-up code never scopes a line).
       coalesce(aa.scope_code, an.scope_code, CASE WHEN s.nik_valid THEN substr(s.nik, 1, 6) END, '') AS scope_code,
       coalesce(coalesce(aa.channel, an.channel) <> $3, false) AS channel_differs,
       -- Found by its account, the line names another person's NIK (NIK_DIFFERS).
       coalesce(s.nik <> coalesce(aa.nik, an.nik), false) AS nik_differs,
       false AS already_reported
     FROM stage_disbursement s
     LEFT JOIN allocation aa ON aa.account = s.account AND aa.program_code = $1 AND aa.period = $2
     LEFT JOIN allocation an ON an.nik = s.nik AND an.program_code = $1 AND an.period = $2`,
    [program, period, channel],
  );
  // stage_line is analysed only by the steps that join it (analyzeStageLine).
  return created.rowCount;
}

/** Statistics for the statements that join stage_line (a fan-out, a cumulative re-export). */
export async function analyzeStageLine(raw: RawConnection): Promise<void> {
  await raw.exec('ANALYZE stage_line;');
}
