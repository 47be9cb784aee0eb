import { type RawBuilder, sql } from 'kysely';
import {
  EARLY_CHILDHOOD_MAX_AGE,
  ELDERLY_MIN_AGE,
  PKH_COMPONENTS,
  type PkhComponent,
  POSTPARTUM_DAYS,
  PREGNANCY_DAYS,
  SMA_MAX_AGE,
} from '../../domain/pkh-benefit';

/**
 * Exclusion error candidates (DOMAIN.md "Targeting errors"): families of the registry within a
 * region prefix whose latest desil is within the programme's threshold, with at least one
 * living member (for PKH: a living member eligible for a PKH component), not allocated in the
 * programme and period. Set-based: a few statements over household, household_desil and person.
 */
export interface ExclusionScope {
  program: string;
  period: string;
  prefix: string;
  desilMax: number;
  /** PKH needs a member eligible for a component (DOMAIN.md "PKH components"). */
  requireComponent: boolean;
  /** First and last day of the period: ages and pregnancies are judged on them. */
  start: string;
  end: string;
  /** Only families allocated in this programme and period ("a PKH family not covered by Sembako"). */
  receives?: { program: string; period: string } | undefined;
}

export interface ExclusionRow {
  household_id: number;
  kk: string;
  region_code: string;
  desil: number;
  desil_edition: string;
  living: number;
  head_person_id: number;
  head_nik: string;
  head_name: string;
  components: string[];
}

/**
 * PKH component eligibility as SQL over person `p`: the same conditions as
 * qualifyingComponents in src/domain/pkh-benefit.ts (DOMAIN.md "PKH components"), ages on the
 * period's first day: pregnant or in nifas during the period, aged 0–6 and not yet at school,
 * schooling SD/SMP/SMA (SMA up to 21), severe disability, 70 or older.
 */
function componentsSql(start: string, end: string): Record<PkhComponent, RawBuilder<unknown>> {
  const s = sql`${start}::date`;
  const age = sql`extract(year FROM age(${s}, p.birth_date))`;
  return {
    ibu_hamil: sql`p.pregnancy_due_date - ${sql.lit(PREGNANCY_DAYS)} <= ${end}::date AND p.pregnancy_due_date + ${sql.lit(POSTPARTUM_DAYS)} >= ${s}`,
    anak_usia_dini: sql`${age} BETWEEN 0 AND ${sql.lit(EARLY_CHILDHOOD_MAX_AGE)} AND coalesce(p.schooling, '') NOT IN ('SD', 'SMP', 'SMA')`,
    anak_sd: sql`p.schooling = 'SD'`,
    anak_smp: sql`p.schooling = 'SMP'`,
    anak_sma: sql`p.schooling = 'SMA' AND (p.birth_date IS NULL OR ${age} <= ${sql.lit(SMA_MAX_AGE)})`,
    disabilitas_berat: sql`p.severe_disability`,
    lanjut_usia: sql`${age} >= ${sql.lit(ELDERLY_MIN_AGE)}`,
  };
}

/**
 * A member of the family in the period: alive, still in DTSEN, and born by its first day (as
 * computePkhBenefit counts members: a child born later is neither a component nor a member yet;
 * SQL's age() of a later birth is a negative interval whose year part is 0, "aged 0").
 */
function aliveSql(start: string) {
  return sql`p.status = 'HIDUP' AND p.absent_since_edition IS NULL
    AND (p.birth_date IS NULL OR p.birth_date <= ${start}::date)`;
}

/**
 * The households inside the scope, for the temporary table `tgt_households` the candidate
 * query reads (analysed first, like the inclusion lines); `chunk` for exports.
 */
export function scopedHouseholdsSql(prefix: string, chunk?: { after: number; size: number }) {
  const chunkSql = chunk ? sql`AND id > ${chunk.after} ORDER BY id LIMIT ${chunk.size}` : sql``;
  return sql`SELECT id FROM household WHERE region_code LIKE ${`${prefix}%`} ${chunkSql}`;
}

export const EXCLUSION_TABLE_COLUMNS = `household_id bigint, kk text, region_code text, desil smallint,
  desil_edition text, living integer, head_person_id bigint, head_nik text, head_name text, components text[]`;

/** The candidates among the households of `tgt_households`. */
export function exclusionSql(scope: ExclusionScope): RawBuilder<ExclusionRow> {
  const comps = componentsSql(scope.start, scope.end);
  const ALIVE = aliveSql(scope.start);
  const flags = PKH_COMPONENTS.map(
    (code) => sql`CASE WHEN bool_or(${ALIVE} AND (${comps[code]})) THEN ${sql.lit(code)} END`,
  );
  const receives = scope.receives
    ? sql`AND EXISTS (SELECT 1 FROM allocation r WHERE r.household_id = h.id
            AND r.program_code = ${scope.receives.program} AND r.period = ${scope.receives.period})`
    : sql``;
  const adult = sql`${scope.start}::date - interval '17 years'`;
  return sql<ExclusionRow>`
    WITH ds AS (
      SELECT DISTINCT ON (d.household_id) d.household_id, d.desil, d.edition
      FROM household_desil d
      WHERE d.household_id IN (SELECT id FROM tgt_households)
      ORDER BY d.household_id, d.edition DESC
    ),
    c AS (
      SELECT h.id, h.kk, h.region_code, ds.desil, ds.edition
      FROM household h JOIN ds ON ds.household_id = h.id
      WHERE ds.desil <= ${scope.desilMax}
        AND NOT EXISTS (SELECT 1 FROM allocation a WHERE a.household_id = h.id
                        AND a.program_code = ${scope.program} AND a.period = ${scope.period})
        ${receives}
    ),
    m AS (
      SELECT p.household_id,
        count(*) FILTER (WHERE ${ALIVE}) AS living,
        -- The head: the living KEPALA_KELUARGA, else the first living adult, else the first living member.
        (array_agg(p.id ORDER BY (p.relationship = 'KEPALA_KELUARGA') DESC,
                                 (p.birth_date <= ${adult}) DESC NULLS LAST, p.id)
           FILTER (WHERE ${ALIVE}))[1] AS head_id,
        array_remove(ARRAY[${sql.join(flags)}]::text[], NULL) AS components
      FROM person p
      WHERE p.household_id IN (SELECT id FROM c)
      GROUP BY p.household_id
    )
    SELECT c.id AS household_id, c.kk, c.region_code, c.desil, c.edition AS desil_edition, m.living,
      head.id AS head_person_id, head.nik AS head_nik, head.name AS head_name, m.components
    FROM c
    JOIN m ON m.household_id = c.id
    JOIN person head ON head.id = m.head_id
    WHERE m.living > 0 ${scope.requireComponent ? sql`AND cardinality(m.components) > 0` : sql``}`;
}
