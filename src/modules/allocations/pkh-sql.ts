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
  perPeriodValue,
  SMA_MAX_AGE,
} from '../../domain/pkh-benefit';

/**
 * The PKH entitlement of every household an allocation file points at, set-based: the same
 * rule as computePkhBenefit (src/domain/pkh-benefit.ts, which documents it step by step),
 * whatever the number of lines. Reads the temp table `alloc_household` (household_id, lo, hi:
 * the lowest and highest amount the file gives it) and writes `pkh_household` (household_id,
 * subtotal, sanctioned, expected) and `pkh_calc` (household_id, calculation) for the
 * households whose amount differs. Rule values are inlined as integer literals (checked safe
 * integers, never text).
 */

/**
 * The day a member born on it is exactly `years` old at `start` (`age()`'s count: the birthday
 * is reached when month and day are; a 29 February birthday in a common year on the 28th):
 * age at start >= years  <=>  birth_date <= this day. Comparing dates is what lets the
 * entitlement aggregation skip computing ages (to_char per member was most of its time).
 */
function dayYearsBefore(start: string, years: number): string {
  const [y, m, d] = start.split('-').map(Number) as [number, number, number];
  const year = y - years;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const day = m === 2 && d === 29 && !leap ? 28 : d;
  return `${String(year).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Placeholders of the period's days in a statement (each a date parameter). */
interface PeriodDays {
  start: string;
  end: string;
  /** Born after it: at most EARLY_CHILDHOOD_MAX_AGE at the start. */
  child: string;
  /** Born after it: at most SMA_MAX_AGE. */
  sma: string;
  /** Born on or before it: at least ELDERLY_MIN_AGE. */
  elderly: string;
}

function periodDayValues(period: { start: string; end: string }) {
  return [
    period.start,
    period.end,
    dayYearsBefore(period.start, EARLY_CHILDHOOD_MAX_AGE + 1),
    dayYearsBefore(period.start, SMA_MAX_AGE + 1),
    dayYearsBefore(period.start, ELDERLY_MIN_AGE),
  ];
}

const DAYS: PeriodDays = {
  start: '$1::date',
  end: '$2::date',
  child: '$3::date',
  sma: '$4::date',
  elderly: '$5::date',
};

/** One SQL condition per component, on a member row `m` (living and born by the start). */
function conditions(days: PeriodDays): Record<PkhComponent, string> {
  return {
    ibu_hamil: `m.due IS NOT NULL AND m.due - ${PREGNANCY_DAYS} <= ${days.end} AND m.due + ${POSTPARTUM_DAYS} >= ${days.start}`,
    anak_usia_dini: `m.birth_date > ${days.child} AND coalesce(m.schooling, '') NOT IN ('SD', 'SMP', 'SMA')`,
    anak_sd: `m.schooling = 'SD'`,
    anak_smp: `m.schooling = 'SMP'`,
    anak_sma: `m.schooling = 'SMA' AND (m.birth_date IS NULL OR m.birth_date > ${days.sma})`,
    disabilitas_berat: 'm.severe_disability',
    lanjut_usia: `m.birth_date <= ${days.elderly}`,
  };
}

function int(value: number): string {
  if (!Number.isSafeInteger(value)) throw new Error(`benefit rule value is not an integer: ${value}`);
  return String(value);
}

/**
 * The members of the households in `households` (a table with household_id) the rule looks at:
 * living, and born by the period's start (a child born later is not one yet).
 */
function membersOf(households: string, days: PeriodDays): string {
  return `SELECT p.household_id, p.id AS person_id, p.name, p.schooling, p.pregnancy_due_date AS due,
         p.severe_disability, p.birth_date
       FROM ${households} a JOIN person p ON p.household_id = a.household_id
       WHERE p.status = 'HIDUP' AND (p.birth_date IS NULL OR p.birth_date <= ${days.start})`;
}

/**
 * `pkh_household`: the expected amount of every household in `households`; households
 * without an eligible member expect 0 (graduasi alamiah candidates). One aggregation, no sort:
 * each member's single best component is counted per household, and the counted members follow
 * from the counts. Members are taken by index, highest first (components in preference order,
 * equal indexes in the rule's order), each component at most its limit, at most maxMembers in
 * all; so with a_k = least(count_k, limit_k) in preference order, component k contributes
 * least(a_k, greatest(maxMembers - (a_0 + … + a_{k-1}), 0)) members of its per-period value —
 * exactly the members the step-by-step rule counts (pkhMemberRows ranks them one by one for the
 * explanation; the tests hold the two and computePkhBenefit to the same amounts).
 */
export async function buildPkhHouseholds(
  raw: RawConnection,
  rules: PkhRules,
  period: { start: string; end: string; months: number },
  program: { code: string; period: string },
  /** The households (a table or subquery with household_id): the file's, or every registry household. */
  households = 'alloc_household',
) {
  const preference = componentPreference(rules);
  // CASE takes the first true branch: branches in preference order give the highest index.
  const condition = conditions(DAYS);
  const pick = preference.map((c, k) => `WHEN ${condition[c]} THEN ${k}`).join(' ');
  const counts = preference
    .map((c, k) => {
      const limit = rules.limit[c];
      const n = `count(*) FILTER (WHERE component = ${k})`;
      return `${limit === undefined ? n : `least(${n}, ${int(limit)})`} AS a${k}`;
    })
    .join(',\n         ');
  const max = int(rules.maxMembers);
  const taken = preference.map((c, k) => {
    const before = preference.slice(0, k).map((_, i) => `a${i}`);
    const room = before.length === 0 ? max : `greatest(${max} - (${before.join(' + ')}), 0)`;
    return `${int(perPeriodValue(rules.index[c], period.months))}::bigint * least(a${k}, ${room})`;
  });
  const pct = int(rules.sanctionPercent);
  await raw.query(
    `CREATE TEMP TABLE pkh_household ON COMMIT DROP AS
     WITH x AS (
       SELECT household_id, ${taken.join('\n           + ')} AS subtotal
       FROM (
         SELECT household_id,
         ${counts}
         -- OFFSET 0 keeps the subquery apart: pulled up, its CASE was evaluated once per FILTER.
         FROM (SELECT m.household_id, CASE ${pick} END AS component FROM (${membersOf(households, DAYS)}) m OFFSET 0) c
         WHERE component IS NOT NULL
         GROUP BY household_id
       ) n
     )
     SELECT a.household_id, coalesce(x.subtotal, 0) AS subtotal, (n.household_id IS NOT NULL) AS sanctioned,
       coalesce(x.subtotal, 0) - CASE WHEN n.household_id IS NOT NULL THEN coalesce(x.subtotal, 0) * ${pct} / 100 ELSE 0 END
         AS expected
     FROM ${households} a
     LEFT JOIN x ON x.household_id = a.household_id
     LEFT JOIN kpm_noncompliance n ON n.household_id = a.household_id AND n.program_code = $6 AND n.period = $7`,
    [...periodDayValues(period), program.code, program.period],
  );
  await raw.exec('CREATE UNIQUE INDEX ON pkh_household (household_id); ANALYZE pkh_household;');
}

/**
 * The members of the households in `pkh_target`, one row each with its component, limit and
 * rank (pos: 1 = counted first), as computePkhBenefit ranks them.
 */
function pkhMemberRows(rules: PkhRules, months: number): string {
  const preference = componentPreference(rules);
  const condition = conditions(DAYS);
  const pick = preference.map((c) => `WHEN ${condition[c]} THEN '${c}'`).join(' ');
  const values = PKH_COMPONENTS.map((c, i) => {
    const limit = rules.limit[c];
    return `('${c}', ${int(rules.index[c])}::bigint, ${preference.indexOf(c)}, ${limit === undefined ? 'NULL' : int(limit)}::int, ${i})`;
  }).join(', ');
  // Age in whole years as age() counts it, for the explanation: yyyymmdd(start) -
  // yyyymmdd(birth), over 10000 (the birthday is reached when month and day are).
  return `WITH m AS (${membersOf('pkh_target', DAYS)}), c AS (
       SELECT m.household_id, m.person_id, m.name, CASE ${pick} END AS component,
         CASE WHEN m.birth_date IS NULL THEN NULL
           ELSE (to_char($1::date, 'YYYYMMDD')::int - to_char(m.birth_date, 'YYYYMMDD')::int) / 10000 END AS age
       FROM m
     ), v AS (
       SELECT c.*, r.idx, r.pref, r.lim,
         row_number() OVER (PARTITION BY c.household_id, c.component ORDER BY c.person_id) AS nth
       FROM c JOIN (VALUES ${values}) AS r(component, idx, pref, lim, ord) ON r.component = c.component
     )
     SELECT v.household_id, v.person_id, v.name, v.age, v.component, v.idx,
       (v.idx * ${int(months)} / 12) AS per_period,
       (v.lim IS NULL OR v.nth <= v.lim) AS within_limit,
       row_number() OVER (PARTITION BY v.household_id
         ORDER BY (v.lim IS NULL OR v.nth <= v.lim) DESC, v.idx DESC, v.pref, v.person_id) AS pos
     FROM v`;
}

/**
 * `pkh_calc`: the calculation (jsonb, the shape of PkhCalculation) of the households whose
 * amount in the file differs from their entitlement — only those: measured at 1 M lines, a
 * calculation on every line (~640 bytes each) made the insert several times slower and the table
 * several times bigger. The other lines' explanation is recomputed when viewed
 * (docs/format-impor-alokasi.md).
 */
export async function buildMismatchCalculations(
  raw: RawConnection,
  rules: PkhRules,
  period: { start: string; end: string; months: number },
) {
  await raw.exec(
    `CREATE TEMP TABLE pkh_target ON COMMIT DROP AS
     SELECT h.household_id, h.subtotal, h.sanctioned, h.expected
     FROM pkh_household h JOIN alloc_household a ON a.household_id = h.household_id
     WHERE h.expected <> a.lo OR h.expected <> a.hi;
     ANALYZE pkh_target;`,
  );
  await buildCalculations(raw, rules, period);
}

/**
 * `pkh_calc` for the households the linking reader found differing (direct-import.ts): it
 * compared every line with its household's entitlement while reading.
 */
export async function buildCalculationsOf(
  raw: RawConnection,
  households: readonly number[],
  rules: PkhRules,
  period: { start: string; end: string; months: number },
) {
  await raw.query(
    `CREATE TEMP TABLE pkh_target ON COMMIT DROP AS
     SELECT h.household_id, h.subtotal, h.sanctioned, h.expected
     FROM pkh_household h WHERE h.household_id = ANY($1::bigint[])`,
    [households],
  );
  await raw.exec('ANALYZE pkh_target');
  await buildCalculations(raw, rules, period);
}

/** `pkh_calc` (household_id, calculation) for the households in `pkh_target`. */
async function buildCalculations(
  raw: RawConnection,
  rules: PkhRules,
  period: { start: string; end: string; months: number },
) {
  const max = int(rules.maxMembers);
  const pct = int(rules.sanctionPercent);
  await raw.query(
    `CREATE TEMP TABLE pkh_calc ON COMMIT DROP AS
     WITH pkh_member AS (${pkhMemberRows(rules, period.months)})
     SELECT t.household_id, jsonb_build_object('kind', 'PKH', 'maxMembers', ${max},
         'members', coalesce(jsonb_agg(jsonb_build_object(
             'personId', m.person_id, 'name', m.name, 'age', m.age, 'component', m.component,
             'yearlyIndex', m.idx, 'perPeriod', m.per_period, 'counted', m.within_limit AND m.pos <= ${max},
             'outcome', CASE WHEN m.within_limit AND m.pos <= ${max} THEN 'COUNTED'
                             WHEN m.within_limit THEN 'OVER_MAX_MEMBERS' ELSE 'OVER_COMPONENT_LIMIT' END
           ) ORDER BY m.pos) FILTER (WHERE m.person_id IS NOT NULL), '[]'::jsonb),
         'subtotal', t.subtotal, 'sanctioned', t.sanctioned, 'sanctionPercent', ${pct},
         'sanction', t.subtotal - t.expected, 'expected', t.expected) AS calculation
     FROM pkh_target t
     LEFT JOIN pkh_member m ON m.household_id = t.household_id
     GROUP BY t.household_id, t.subtotal, t.sanctioned, t.expected`,
    periodDayValues(period),
  );
  await raw.exec('CREATE UNIQUE INDEX ON pkh_calc (household_id); ANALYZE pkh_calc;');
}
