/**
 * The PKH entitlement of one family for one period (DOMAIN.md "PKH components"; issue 4 "PKH
 * amount check"). Pure: the allocation import computes the same thing set-based in SQL
 * (src/modules/allocations/pkh-sql.ts) for a whole file at once; this function is the
 * readable reference, the unit-tested rule, and what the SQL's output shape follows.
 *
 * The rule, step by step:
 * 1. Only members at the period's first day count: living (status HIDUP) and already born;
 *    ages are taken on that day.
 * 2. Each member takes the ONE component with the highest yearly index it qualifies for
 *    (ties: the order of PKH_COMPONENTS).
 * 3. Per-component family limits (pkh.limit.*: 2 pregnancies, 2 young children, 1 severe
 *    disability, 1 elderly) keep the first members of that component (in the order given).
 * 4. Of the members left, the pkh.max_members (4) with the highest index count — which four is
 *    not published, so this is our choice, shown on every calculation.
 * 5. The value per period is the yearly index × months / 12 (a tahap is ¼), whole rupiah,
 *    rounded down; a recorded non-compliance cuts pkh.sanction_percent (10 %), rounded down.
 */

export const PKH_COMPONENTS = [
  'ibu_hamil',
  'anak_usia_dini',
  'anak_sd',
  'anak_smp',
  'anak_sma',
  'disabilitas_berat',
  'lanjut_usia',
] as const;

export type PkhComponent = (typeof PKH_COMPONENTS)[number];

/** Indonesian names of the components, for the calculation table. */
export const PKH_COMPONENT_LABELS: Record<PkhComponent, string> = {
  ibu_hamil: 'Ibu hamil/nifas',
  anak_usia_dini: 'Anak usia dini (0–6 tahun)',
  anak_sd: 'Anak SD',
  anak_smp: 'Anak SMP',
  anak_sma: 'Anak SMA',
  disabilitas_berat: 'Disabilitas berat',
  lanjut_usia: 'Lanjut usia (70+)',
};

/** Pregnancy lasts about 280 days before the due date; nifas (post-partum) 42 days after it. */
export const PREGNANCY_DAYS = 280;
export const POSTPARTUM_DAYS = 42;
export const EARLY_CHILDHOOD_MAX_AGE = 6;
export const SMA_MAX_AGE = 21;
export const ELDERLY_MIN_AGE = 70;

export interface PkhRules {
  /** Yearly index (rupiah) per component. */
  index: Record<PkhComponent, number>;
  /** Members per family per component; absent = no limit. */
  limit: Partial<Record<PkhComponent, number>>;
  maxMembers: number;
  sanctionPercent: number;
}

/** Reads the rules in force (`rulesAt(db, 'PKH', date)`) into PkhRules; a missing key is an error. */
export function pkhRulesFrom(rules: Record<string, number>): PkhRules {
  const need = (key: string): number => {
    const value = rules[key];
    if (value === undefined) throw new Error(`benefit rule ${key} is not in force for this period`);
    return value;
  };
  const index = Object.fromEntries(PKH_COMPONENTS.map((c) => [c, need(`pkh.index.${c}`)])) as Record<
    PkhComponent,
    number
  >;
  const limit: Partial<Record<PkhComponent, number>> = {};
  for (const c of PKH_COMPONENTS) {
    const value = rules[`pkh.limit.${c}`];
    if (value !== undefined) limit[c] = value;
  }
  return { index, limit, maxMembers: need('pkh.max_members'), sanctionPercent: need('pkh.sanction_percent') };
}

export interface PkhMember {
  personId: number;
  name: string;
  /** YYYY-MM-DD or null when unknown (then no age-based component). */
  birthDate: string | null;
  status: 'HIDUP' | 'MENINGGAL' | 'PINDAH';
  /** PAUD_TK, SD, SMP, SMA, TIDAK_SEKOLAH or null. */
  schooling: string | null;
  pregnancyDueDate: string | null;
  severeDisability: boolean;
}

export interface PkhPeriod {
  /** First and last day, YYYY-MM-DD. */
  start: string;
  end: string;
  months: number;
}

export type PkhMemberOutcome = 'COUNTED' | 'OVER_COMPONENT_LIMIT' | 'OVER_MAX_MEMBERS';

export interface PkhCalculationMember {
  personId: number;
  name: string;
  age: number | null;
  component: PkhComponent;
  yearlyIndex: number;
  perPeriod: number;
  counted: boolean;
  outcome: PkhMemberOutcome;
}

export interface PkhCalculation {
  kind: 'PKH';
  maxMembers: number;
  /** Eligible members, counted ones first, in the order they were chosen. */
  members: PkhCalculationMember[];
  subtotal: number;
  sanctioned: boolean;
  sanctionPercent: number;
  sanction: number;
  expected: number;
}

/** Whole years between a birth date and a day (both YYYY-MM-DD). */
export function ageOn(birthDate: string, day: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

function addDays(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** The components a member qualifies for in the period, whatever the index. */
export function qualifyingComponents(member: PkhMember, period: PkhPeriod): PkhComponent[] {
  const age = member.birthDate ? ageOn(member.birthDate, period.start) : null;
  const found: PkhComponent[] = [];
  const due = member.pregnancyDueDate;
  if (due && addDays(due, -PREGNANCY_DAYS) <= period.end && addDays(due, POSTPARTUM_DAYS) >= period.start)
    found.push('ibu_hamil');
  // PAUD/TK is early-childhood education: still "anak usia dini"; a child already in SD is anak_sd.
  const inSchool = member.schooling === 'SD' || member.schooling === 'SMP' || member.schooling === 'SMA';
  if (age !== null && age >= 0 && age <= EARLY_CHILDHOOD_MAX_AGE && !inSchool) found.push('anak_usia_dini');
  if (member.schooling === 'SD') found.push('anak_sd');
  if (member.schooling === 'SMP') found.push('anak_smp');
  if (member.schooling === 'SMA' && (age === null || age <= SMA_MAX_AGE)) found.push('anak_sma');
  if (member.severeDisability) found.push('disabilitas_berat');
  if (age !== null && age >= ELDERLY_MIN_AGE) found.push('lanjut_usia');
  return found;
}

/** The order in which components win for one member: highest index first, ties by PKH_COMPONENTS. */
export function componentPreference(rules: PkhRules): PkhComponent[] {
  return [...PKH_COMPONENTS].sort(
    (a, b) => rules.index[b] - rules.index[a] || PKH_COMPONENTS.indexOf(a) - PKH_COMPONENTS.indexOf(b),
  );
}

export function perPeriodValue(yearlyIndex: number, months: number): number {
  return Math.floor((yearlyIndex * months) / 12);
}

export function computePkhBenefit(
  members: readonly PkhMember[],
  period: PkhPeriod,
  rules: PkhRules,
  options: { sanctioned: boolean },
): PkhCalculation {
  const preference = componentPreference(rules);
  const rank = (c: PkhComponent) => preference.indexOf(c);
  // Step 2: each living member's single best component.
  const eligible = members
    .filter((m) => m.status === 'HIDUP' && (m.birthDate === null || m.birthDate <= period.start))
    .flatMap((m) => {
      const components = qualifyingComponents(m, period);
      if (components.length === 0) return [];
      const component = components.sort((a, b) => rank(a) - rank(b))[0] as PkhComponent;
      return [{ member: m, component, yearlyIndex: rules.index[component] }];
    });
  // Step 3: per-component limits, first members (by person id) kept.
  const taken = new Map<PkhComponent, number>();
  const withinLimit = [...eligible]
    .sort((a, b) => a.member.personId - b.member.personId)
    .map((e) => {
      const n = (taken.get(e.component) ?? 0) + 1;
      taken.set(e.component, n);
      const limit = rules.limit[e.component];
      return { ...e, withinLimit: limit === undefined || n <= limit };
    });
  // Step 4: the highest-index members within their limits, up to maxMembers.
  const ordered = withinLimit.sort(
    (a, b) =>
      Number(b.withinLimit) - Number(a.withinLimit) ||
      b.yearlyIndex - a.yearlyIndex ||
      rank(a.component) - rank(b.component) ||
      a.member.personId - b.member.personId,
  );
  let counted = 0;
  const result: PkhCalculationMember[] = ordered.map((e) => {
    const counts = e.withinLimit && counted < rules.maxMembers;
    if (counts) counted++;
    return {
      personId: e.member.personId,
      name: e.member.name,
      age: e.member.birthDate ? ageOn(e.member.birthDate, period.start) : null,
      component: e.component,
      yearlyIndex: e.yearlyIndex,
      perPeriod: perPeriodValue(e.yearlyIndex, period.months),
      counted: counts,
      outcome: counts ? 'COUNTED' : e.withinLimit ? 'OVER_MAX_MEMBERS' : 'OVER_COMPONENT_LIMIT',
    };
  });
  const subtotal = result.filter((m) => m.counted).reduce((sum, m) => sum + m.perPeriod, 0);
  const sanction = options.sanctioned ? Math.floor((subtotal * rules.sanctionPercent) / 100) : 0;
  return {
    kind: 'PKH',
    maxMembers: rules.maxMembers,
    members: result,
    subtotal,
    sanctioned: options.sanctioned,
    sanctionPercent: rules.sanctionPercent,
    sanction,
    expected: subtotal - sanction,
  };
}
