import { type RawBuilder, sql } from 'kysely';

/**
 * Inclusion error candidates (DOMAIN.md "Targeting errors"): every allocation line of one
 * programme and period within a region prefix, with the reasons it may not belong there.
 * Set-based: the scoped lines go to a temporary table `tgt_lines` first, with their
 * representative looked up once (see scopedLinesSql); the reasons are computed from it into
 * `tgt_inclusion` (id and reasons only, see inclusionReasonsSql); the shown fields are read for
 * the rows actually returned (inclusionDetailsSql). Every step costs in proportion to the
 * scoped lines (or one ordered pass over the period's NIK index for a big scope), never to a
 * join of the whole period: a page of a desa stays cheap and a kabupaten takes seconds.
 */
export interface InclusionScope {
  program: string;
  period: string;
  /** Region prefix (the reader's scope, narrowed by a filter). */
  prefix: string;
  /** `targeting.desil_max` in force at the period start; null = no threshold rule. */
  desilMax: number | null;
}

export interface InclusionRow {
  id: number;
  line: number;
  nik: string;
  kk: string | null;
  name: string | null;
  amount: number;
  channel: string;
  household_id: number | null;
  scope_code: string;
  desil: number | null;
  desil_edition: string | null;
  absent_since_edition: string | null;
  rep_status: string | null;
  reasons: string[];
}

/**
 * The lines of the period inside the scope with their representative (the registry person of
 * the line's NIK, if any), for the temporary table `tgt_lines` (analysed next: the planner then
 * knows whether it holds 50 lines or a million).
 */
export function scopedLinesSql(scope: InclusionScope) {
  return sql`
    SELECT a.id, a.line, a.nik, a.household_id, a.scope_code, a.flags,
      rep.id, rep.household_id, rep.status, rep.absent_since_edition
    FROM allocation a
    LEFT JOIN person rep ON rep.nik = a.nik
    WHERE a.program_code = ${scope.program} AND a.period = ${scope.period} AND a.scope_code LIKE ${`${scope.prefix}%`}`;
}

export const LINES_TABLE_COLUMNS = `id bigint, line integer, nik text, household_id bigint, scope_code text, flags text[],
  rep_id bigint, rep_household_id bigint, rep_status text, rep_absent text`;

export interface LinesShape {
  /**
   * Many lines (a big kecamatan, a kabupaten): one ordered pass over the period's NIK index
   * finds the duplicated NIKs, and the period's other lines are hashed; for a few lines, one
   * index probe per line (or member) is cheaper.
   */
  wide: boolean;
}

/** Every line of `tgt_lines` (id, line, scope_code) with its reasons (possibly none). */
export function inclusionReasonsSql(scope: InclusionScope, shape: LinesShape) {
  const { program, period } = scope;
  const period_ = sql`o.program_code = ${program} AND o.period = ${period}`;
  // A line of the period outside `tgt_lines`.
  const outside = sql`NOT (o.scope_code LIKE ${`${scope.prefix}%`})`;
  const desilAbove =
    scope.desilMax === null
      ? sql`NULL`
      : sql`CASE WHEN hh.desil > ${scope.desilMax} THEN 'DESIL_ABOVE_THRESHOLD' END`;
  return sql<{ id: number; line: number; scope_code: string; reasons: string[] }>`
    WITH hh AS (
      SELECT m.household_id,
        count(*) AS members,
        count(*) FILTER (WHERE m.status = 'HIDUP' AND m.absent_since_edition IS NULL) AS present,
        count(*) FILTER (WHERE m.absent_since_edition IS NOT NULL) AS absent,
        count(*) FILTER (WHERE m.status = 'MENINGGAL') AS dead
      FROM person m
      WHERE m.household_id IN (SELECT household_id FROM tgt_lines)
      GROUP BY m.household_id
    ),
    ds AS (
      SELECT DISTINCT ON (d.household_id) d.household_id, d.desil
      FROM household_desil d
      WHERE d.household_id IN (SELECT household_id FROM tgt_lines)
      ORDER BY d.household_id, d.edition DESC
    ),
    -- One household on two lines of the period.
    twice AS (
      SELECT o.household_id FROM allocation o
      WHERE ${period_} AND o.household_id IN (SELECT household_id FROM tgt_lines)
      GROUP BY o.household_id HAVING count(*) > 1
    ),
    -- NIKs on two lines or more of the period (few: the index alone answers), then what those
    -- lines are: one NIK for two different households (or a household and an unknown one) is
    -- one person in two KPM on every such line; an unknown NIK twice is a household twice.
    dup_nik AS (${
      shape.wide
        ? // One grouping of the period's NIKs: in NIK order along the NIK index (it leads with
          // the NIK, migration 0012), or hashed when the table holds many other periods.
          sql`SELECT o.nik FROM allocation o WHERE ${period_} GROUP BY o.nik HAVING count(*) > 1`
        : sql`SELECT DISTINCT a.nik FROM tgt_lines a
              WHERE (SELECT count(*) FROM allocation o WHERE ${period_} AND o.nik = a.nik) > 1`
    }),
    dup AS (
      SELECT o.nik,
        count(*) FILTER (WHERE o.household_id IS NULL) AS unlinked,
        count(DISTINCT o.household_id) + max(CASE WHEN o.household_id IS NULL THEN 1 ELSE 0 END) AS households
      FROM allocation o
      WHERE ${period_} AND o.nik IN (SELECT nik FROM dup_nik)
      GROUP BY o.nik
    ),
    -- One person in two KPM, the receiving household's side (the moved line's side is in the
    -- SELECT): a member of the line's household is the representative of a line of the period
    -- for another household. Lines in tgt_lines know their representative already; the other
    -- lines of the period are looked up from the members.
    received AS (
      SELECT a.rep_household_id AS household_id FROM tgt_lines a
      WHERE a.rep_household_id IS NOT NULL AND a.rep_household_id IS DISTINCT FROM a.household_id
      UNION
      ${
        shape.wide
          ? sql`SELECT m.household_id FROM person m
              JOIN allocation o ON ${period_} AND o.nik = m.nik
              WHERE m.household_id IN (SELECT household_id FROM hh) AND ${outside}
                AND o.household_id IS DISTINCT FROM m.household_id`
          : // Few members: one index probe each rather than a pass over the period.
            sql`SELECT m.household_id FROM person m
              WHERE m.household_id IN (SELECT household_id FROM hh)
                AND EXISTS (SELECT 1 FROM LATERAL (SELECT 1 FROM allocation o
                  WHERE ${period_} AND o.nik = m.nik AND ${outside}
                    AND o.household_id IS DISTINCT FROM m.household_id LIMIT 1) x)`
      }
    ),
    -- Everything known per household, joined to the lines once.
    fam AS (
      SELECT t.household_id, hh.members, hh.present, hh.absent, hh.dead, ds.desil,
        tw.household_id IS NOT NULL AS twice, rc.household_id IS NOT NULL AS received
      FROM (SELECT DISTINCT household_id FROM tgt_lines WHERE household_id IS NOT NULL) t
      LEFT JOIN hh ON hh.household_id = t.household_id
      LEFT JOIN ds ON ds.household_id = t.household_id
      LEFT JOIN twice tw ON tw.household_id = t.household_id
      LEFT JOIN received rc ON rc.household_id = t.household_id
    )
    SELECT a.id, a.line, a.scope_code,
      array_remove(ARRAY[
        CASE WHEN 'NIK_NOT_IN_REGISTRY' = ANY (a.flags)
               OR (a.household_id IS NULL AND a.rep_id IS NULL)
               OR a.rep_absent IS NOT NULL
               OR (hh.present = 0 AND hh.absent > 0)
               OR (a.household_id IS NOT NULL AND hh.desil IS NULL)
             THEN 'NOT_IN_DTSEN' END,
        ${desilAbove},
        CASE WHEN a.rep_status = 'MENINGGAL' OR (hh.members > 0 AND hh.dead = hh.members) THEN 'DECEASED' END,
        CASE WHEN 'NIK_INVALID' = ANY (a.flags) THEN 'NIK_INVALID' END,
        CASE WHEN dup.households > 1 OR hh.received
               -- The line's representative now belongs to another household, also allocated in
               -- the period (e.g. moved after the allocation): rare, so one index probe each.
               OR (a.rep_household_id IS DISTINCT FROM a.household_id AND a.rep_household_id IS NOT NULL
                   AND EXISTS (SELECT 1 FROM LATERAL (SELECT 1 FROM allocation o
                               WHERE o.household_id = a.rep_household_id AND ${period_} LIMIT 1) x))
             THEN 'PERSON_IN_TWO_KPM' END,
        CASE WHEN hh.twice OR (a.household_id IS NULL AND dup.unlinked > 1) THEN 'HOUSEHOLD_TWICE' END
      ]::text[], NULL) AS reasons
    FROM tgt_lines a
    LEFT JOIN fam hh ON hh.household_id = a.household_id
    LEFT JOIN dup ON dup.nik = a.nik`;
}

/** Candidates only: lines of `tgt_lines` with at least one reason, for `tgt_inclusion`. */
export function inclusionCandidatesSql(scope: InclusionScope, shape: LinesShape) {
  return sql`SELECT * FROM (${inclusionReasonsSql(scope, shape)}) l WHERE cardinality(l.reasons) > 0`;
}

export const CANDIDATES_TABLE_COLUMNS = 'id bigint, line integer, scope_code text, reasons text[]';

/**
 * The shown fields of some candidates `c` (id, reasons): the line, its representative's name
 * when the line has none, the latest desil of its household.
 */
export function inclusionDetailsSql(candidates: RawBuilder<unknown>): RawBuilder<InclusionRow> {
  return sql<InclusionRow>`
    SELECT a.id, a.line, a.nik, a.kk, coalesce(a.name, rep.name) AS name, a.amount, a.channel,
      a.household_id, a.scope_code, ds.desil, ds.edition AS desil_edition,
      rep.absent_since_edition, rep.status AS rep_status, c.reasons
    FROM (${candidates}) c
    JOIN allocation a ON a.id = c.id
    LEFT JOIN person rep ON rep.nik = a.nik
    LEFT JOIN LATERAL (
      SELECT d.desil, d.edition FROM household_desil d
      WHERE d.household_id = a.household_id ORDER BY d.edition DESC LIMIT 1
    ) ds ON true`;
}
