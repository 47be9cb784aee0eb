import type { RawConnection } from '../../db/raw-connection';
import {
  componentPreference,
  EARLY_CHILDHOOD_MAX_AGE,
  ELDERLY_MIN_AGE,
  PKH_COMPONENTS,
  type PkhComponent,
  type PkhRules,
  POSTPARTUM_DAYS,
  PREGNANCY_DAYS,
  SMA_MAX_AGE,
} from '../../domain/pkh-benefit';

/**
 * The PKH entitlement of every household an allocation file points at, set-based: the same
 * rule as computePkhBenefit (src/domain/pkh-benefit.ts, which documents it step by step) in
 * three statements, whatever the number of lines. Reads the temp table `alloc_household`
 * (household_id) and writes `pkh_household` (household_id, expected, calculation).
 * Rule values are inlined as integer literals (checked safe integers, never text).
 */

// One SQL condition per component, on the member row `m` ($1 period start, $2 period end).
const CONDITION: Record<PkhComponent, string> = {
  ibu_hamil: `m.due IS NOT NULL AND m.due - ${PREGNANCY_DAYS} <= $2::date AND m.due + ${POSTPARTUM_DAYS} >= $1::date`,
  anak_usia_dini: `m.age BETWEEN 0 AND ${EARLY_CHILDHOOD_MAX_AGE} AND coalesce(m.schooling, '') NOT IN ('SD', 'SMP', 'SMA')`,
  anak_sd: `m.schooling = 'SD'`,
  anak_smp: `m.schooling = 'SMP'`,
  anak_sma: `m.schooling = 'SMA' AND (m.age IS NULL OR m.age <= ${SMA_MAX_AGE})`,
  disabilitas_berat: 'm.severe_disability',
  lanjut_usia: `m.age >= ${ELDERLY_MIN_AGE}`,
};

function int(value: number): string {
  if (!Number.isSafeInteger(value)) throw new Error(`benefit rule value is not an integer: ${value}`);
  return String(value);
}

/** `pkh_member`: each living member of those households with a component, its limit and rank. */
export async function buildPkhMembers(
  raw: RawConnection,
  rules: PkhRules,
  period: { start: string; end: string; months: number },
) {
  const preference = componentPreference(rules);
  // CASE takes the first true branch: branches in preference order give the highest index.
  const pick = preference.map((c) => `WHEN ${CONDITION[c]} THEN '${c}'`).join(' ');
  const values = PKH_COMPONENTS.map((c, i) => {
    const limit = rules.limit[c];
    return `('${c}', ${int(rules.index[c])}::bigint, ${preference.indexOf(c)}, ${limit === undefined ? 'NULL' : int(limit)}::int, ${i})`;
  }).join(', ');
  await raw.query(
    `CREATE TEMP TABLE pkh_member ON COMMIT DROP AS
     WITH m AS MATERIALIZED (
       -- Materialised: inlined, the age below was computed once per CASE branch for every member.
       -- Age in whole years as age() counts them: yyyymmdd(start) - yyyymmdd(birth), over 10000
       -- (the birthday is reached when month and day are); members born after the start are gone.
       SELECT p.household_id, p.id AS person_id, p.name, p.schooling, p.pregnancy_due_date AS due,
         p.severe_disability,
         CASE WHEN p.birth_date IS NULL THEN NULL
           ELSE ($4::int - to_char(p.birth_date, 'YYYYMMDD')::int) / 10000 END AS age
       FROM alloc_household a JOIN person p ON p.household_id = a.household_id
       -- Members at the period's start: living, and born by then (a child born later is not one yet).
       WHERE p.status = 'HIDUP' AND (p.birth_date IS NULL OR p.birth_date <= $1::date)
     ), c AS (
       SELECT m.household_id, m.person_id, m.name, m.age, CASE ${pick} END AS component FROM m
     ), v AS (
       SELECT c.*, r.idx, r.pref, r.lim,
         row_number() OVER (PARTITION BY c.household_id, c.component ORDER BY c.person_id) AS nth
       FROM c JOIN (VALUES ${values}) AS r(component, idx, pref, lim, ord) ON r.component = c.component
     )
     SELECT v.household_id, v.person_id, v.name, v.age, v.component, v.idx,
       (v.idx * $3::int / 12) AS per_period,
       (v.lim IS NULL OR v.nth <= v.lim) AS within_limit,
       row_number() OVER (PARTITION BY v.household_id
         ORDER BY (v.lim IS NULL OR v.nth <= v.lim) DESC, v.idx DESC, v.pref, v.person_id) AS pos
     FROM v`,
    [period.start, period.end, period.months, Number(period.start.replaceAll('-', ''))],
  );
}

/**
 * `pkh_household`: the expected amount per household; households without an eligible member
 * expect 0 (graduasi alamiah candidates). No explanation here: see calculationJson.
 */
export async function buildPkhHouseholds(
  raw: RawConnection,
  rules: PkhRules,
  program: { code: string; period: string },
) {
  const max = int(rules.maxMembers);
  const pct = int(rules.sanctionPercent);
  await raw.query(
    `CREATE TEMP TABLE pkh_household ON COMMIT DROP AS
     WITH x AS (
       SELECT household_id, sum(per_period)::bigint AS subtotal
       FROM pkh_member WHERE within_limit AND pos <= ${max} GROUP BY household_id
     )
     SELECT a.household_id, coalesce(x.subtotal, 0) AS subtotal, (n.household_id IS NOT NULL) AS sanctioned,
       coalesce(x.subtotal, 0) - CASE WHEN n.household_id IS NOT NULL THEN coalesce(x.subtotal, 0) * ${pct} / 100 ELSE 0 END
         AS expected
     FROM alloc_household a
     LEFT JOIN x ON x.household_id = a.household_id
     LEFT JOIN kpm_noncompliance n ON n.household_id = a.household_id AND n.program_code = $1 AND n.period = $2`,
    [program.code, program.period],
  );
  await raw.exec('CREATE UNIQUE INDEX ON pkh_household (household_id); ANALYZE pkh_household;');
}

/**
 * `pkh_calc`: the calculation (jsonb, the shape of PkhCalculation) of the households whose
 * amount in the file differs from their entitlement — only those: measured at 1 M lines, a
 * calculation on every line (~640 bytes each) made the insert several times slower and the table
 * several times bigger. The other lines' explanation is recomputed when viewed
 * (docs/format-impor-alokasi.md). Reads alloc_household.amounts (the amounts the file gives).
 */
export async function buildMismatchCalculations(raw: RawConnection, rules: PkhRules) {
  const max = int(rules.maxMembers);
  const pct = int(rules.sanctionPercent);
  await raw.exec(
    `CREATE TEMP TABLE pkh_calc ON COMMIT DROP AS
     WITH target AS (
       SELECT h.household_id, h.subtotal, h.sanctioned, h.expected
       FROM pkh_household h JOIN alloc_household a ON a.household_id = h.household_id
       WHERE h.expected <> ANY (a.amounts)
     )
     SELECT t.household_id, jsonb_build_object('kind', 'PKH', 'maxMembers', ${max},
         'members', coalesce(jsonb_agg(jsonb_build_object(
             'personId', m.person_id, 'name', m.name, 'age', m.age, 'component', m.component,
             'yearlyIndex', m.idx, 'perPeriod', m.per_period, 'counted', m.within_limit AND m.pos <= ${max},
             'outcome', CASE WHEN m.within_limit AND m.pos <= ${max} THEN 'COUNTED'
                             WHEN m.within_limit THEN 'OVER_MAX_MEMBERS' ELSE 'OVER_COMPONENT_LIMIT' END
           ) ORDER BY m.pos) FILTER (WHERE m.person_id IS NOT NULL), '[]'::jsonb),
         'subtotal', t.subtotal, 'sanctioned', t.sanctioned, 'sanctionPercent', ${pct},
         'sanction', t.subtotal - t.expected, 'expected', t.expected) AS calculation
     FROM target t
     LEFT JOIN pkh_member m ON m.household_id = t.household_id
     GROUP BY t.household_id, t.subtotal, t.sanctioned, t.expected;
     CREATE UNIQUE INDEX ON pkh_calc (household_id);
     ANALYZE pkh_calc;`,
  );
}
