import type { TFunction } from 'i18next';

export const INCLUSION_REASONS = [
  'NOT_IN_DTSEN',
  'DESIL_ABOVE_THRESHOLD',
  'DECEASED',
  'NIK_INVALID',
  'PERSON_IN_TWO_KPM',
  'HOUSEHOLD_TWICE',
] as const;
export type InclusionReason = (typeof INCLUSION_REASONS)[number];

const COMPONENTS = [
  'ibu_hamil',
  'anak_usia_dini',
  'anak_sd',
  'anak_smp',
  'anak_sma',
  'disabilitas_berat',
  'lanjut_usia',
] as const;
type Component = (typeof COMPONENTS)[number];

export function reasonLabel(t: TFunction, reason: string): string {
  return (INCLUSION_REASONS as readonly string[]).includes(reason)
    ? t(`targeting.reasons.${reason as InclusionReason}`)
    : reason;
}

export function reasonHelp(t: TFunction, reason: string): string {
  return (INCLUSION_REASONS as readonly string[]).includes(reason)
    ? t(`targeting.reasonHelp.${reason as InclusionReason}`)
    : reason;
}

export function componentLabel(t: TFunction, component: string): string {
  return (COMPONENTS as readonly string[]).includes(component)
    ? t(`targeting.components.${component as Component}`)
    : component;
}

/** The export address with the list's filters (no NIK or name ever goes into it). */
export function exportUrl(
  program: string,
  period: string,
  kind: 'inclusion' | 'exclusion',
  filters: Record<string, string | undefined>,
): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) if (value) query.set(key, value);
  const suffix = query.size ? `?${query}` : '';
  return `/api/programs/${encodeURIComponent(program)}/periods/${encodeURIComponent(period)}/targeting/${kind}/export.xlsx${suffix}`;
}
