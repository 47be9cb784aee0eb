import { type RawBuilder, sql } from 'kysely';

/**
 * Inclusion error candidates (DOMAIN.md "Targeting errors"): every allocation line of one
 * programme and period within a region prefix, with the reasons it may not belong there.
 * Set-based: the scoped lines go to a temporary table first (see scopedLinesSql), the
 * registry facts of their households are aggregated once, the duplicate checks are joins on
 * the period's lines; never a round trip per line.
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
 * The lines of the period inside the scope, for the temporary table `tgt_lines` the candidate
 * query reads (analysed first: the planner then knows whether it holds 50 lines or a million);
 * `chunk` limits them to the next `size` ids after `after` (exports).
 */
export function scopedLinesSql(scope: InclusionScope, chunk?: { after: number; size: number }) {
  const chunkSql = chunk ? sql`AND id > ${chunk.after} ORDER BY id LIMIT ${chunk.size}` : sql``;
  return sql`
    SELECT id, line, nik, kk, name, amount, channel, household_id, scope_code, flags
    FROM allocation
    WHERE program_code = ${scope.program} AND period = ${scope.period} AND scope_code LIKE ${`${scope.prefix}%`}
    ${chunkSql}`;
}

export const LINES_TABLE_COLUMNS =
  'id bigint, line integer, nik text, kk text, name text, amount bigint, channel text, household_id bigint, scope_code text, flags text[]';

/** Every line of `tgt_lines` with its reasons (possibly none). */
export function inclusionLinesSql(scope: InclusionScope): RawBuilder<InclusionRow> {
  const { program, period } = scope;
  const desilAbove =
    scope.desilMax === null
      ? sql`NULL`
      : sql`CASE WHEN ds.desil > ${scope.desilMax} THEN 'DESIL_ABOVE_THRESHOLD' END`;
  return sql<InclusionRow>`
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
      SELECT DISTINCT ON (d.household_id) d.household_id, d.desil, d.edition
      FROM household_desil d
      WHERE d.household_id IN (SELECT household_id FROM tgt_lines)
      ORDER BY d.household_id, d.edition DESC
    ),
    -- One household on two lines of the period; lines not linked to the registry count by NIK.
    twice AS (
      SELECT o.household_id FROM allocation o
      WHERE o.program_code = ${program} AND o.period = ${period}
        AND o.household_id IN (SELECT household_id FROM tgt_lines)
      GROUP BY o.household_id HAVING count(*) > 1
    ),
    twice_nik AS (
      SELECT o.nik FROM allocation o
      WHERE o.program_code = ${program} AND o.period = ${period} AND o.household_id IS NULL
        AND o.nik IN (SELECT nik FROM tgt_lines WHERE household_id IS NULL)
      GROUP BY o.nik HAVING count(*) > 1
    ),
    -- One person in two KPM: the representative of a line is also the representative of a line
    -- of another household, or a registry member of a household allocated on another line
    -- (e.g. moved into it after the allocation was decided); both lines are marked.
    two_kpm AS (
      SELECT a.id FROM tgt_lines a
      JOIN allocation o ON o.program_code = ${program} AND o.period = ${period} AND o.nik = a.nik AND o.id <> a.id
      WHERE o.household_id IS DISTINCT FROM a.household_id
      UNION
      SELECT a.id FROM tgt_lines a
      JOIN person r ON r.nik = a.nik
      WHERE r.household_id IS DISTINCT FROM a.household_id
        AND EXISTS (SELECT 1 FROM allocation o
                    WHERE o.household_id = r.household_id AND o.program_code = ${program} AND o.period = ${period})
      UNION
      SELECT a.id FROM tgt_lines a
      JOIN person m ON m.household_id = a.household_id
      JOIN allocation o ON o.program_code = ${program} AND o.period = ${period} AND o.nik = m.nik
      WHERE o.household_id IS DISTINCT FROM a.household_id
    )
    SELECT a.id, a.line, a.nik, a.kk, coalesce(a.name, rep.name) AS name, a.amount, a.channel,
      a.household_id, a.scope_code, ds.desil, ds.edition AS desil_edition,
      rep.absent_since_edition, rep.status AS rep_status,
      array_remove(ARRAY[
        CASE WHEN 'NIK_NOT_IN_REGISTRY' = ANY (a.flags)
               OR (a.household_id IS NULL AND rep.id IS NULL)
               OR rep.absent_since_edition IS NOT NULL
               OR (hh.present = 0 AND hh.absent > 0)
               OR (a.household_id IS NOT NULL AND ds.desil IS NULL)
             THEN 'NOT_IN_DTSEN' END,
        ${desilAbove},
        CASE WHEN rep.status = 'MENINGGAL' OR (hh.members > 0 AND hh.dead = hh.members) THEN 'DECEASED' END,
        CASE WHEN 'NIK_INVALID' = ANY (a.flags) THEN 'NIK_INVALID' END,
        CASE WHEN tk.id IS NOT NULL THEN 'PERSON_IN_TWO_KPM' END,
        CASE WHEN tw.household_id IS NOT NULL OR tn.nik IS NOT NULL THEN 'HOUSEHOLD_TWICE' END
      ]::text[], NULL) AS reasons
    FROM tgt_lines a
    LEFT JOIN person rep ON rep.nik = a.nik
    LEFT JOIN hh ON hh.household_id = a.household_id
    LEFT JOIN ds ON ds.household_id = a.household_id
    LEFT JOIN twice tw ON tw.household_id = a.household_id
    LEFT JOIN twice_nik tn ON a.household_id IS NULL AND tn.nik = a.nik
    LEFT JOIN (SELECT DISTINCT id FROM two_kpm) tk ON tk.id = a.id`;
}

/** Candidates only: lines of `tgt_lines` with at least one reason. */
export function inclusionCandidatesSql(scope: InclusionScope): RawBuilder<InclusionRow> {
  return sql<InclusionRow>`SELECT * FROM (${inclusionLinesSql(scope)}) l WHERE cardinality(l.reasons) > 0`;
}
