import type { TFunction } from 'i18next';
import type { Schemas } from '../../api/client';
import { programsId } from '../../i18n/programs.id';
import { formatNumber, formatRupiah, type Language } from '../../lib/format';

type PeriodKind = Schemas['PeriodKind'];

/**
 * Rupiah as people type them: `500000000`, `500.000.000`, `Rp 500.000.000`. Only the dot (or
 * comma) as a thousands separator in groups of three is accepted; anything else is refused.
 */
export function parseRupiahInput(text: string): number | null {
  const cleaned = text
    .trim()
    .replace(/^rp\.?\s*/i, '')
    .replace(/\s+/g, '');
  if (/^\d+$/.test(cleaned)) return Number(cleaned);
  if (/^\d{1,3}([.,]\d{3})+$/.test(cleaned) && !(cleaned.includes('.') && cleaned.includes(',')))
    return Number(cleaned.replace(/[.,]/g, ''));
  return null;
}

const ROMAN = ['I', 'II', 'III', 'IV'];

/** The web's copy of the server's parsePeriod (src/domain/period.ts): code, kind and label. */
export function parsePeriodCode(
  input: string,
  language: Language,
): { code: string; kind: PeriodKind; label: string } | null {
  const match = /^(\d{4})-(T[1-4]|Q[1-4]|0[1-9]|1[0-2])$/.exec(input.trim().toUpperCase());
  if (!match) return null;
  const year = match[1] as string;
  const part = match[2] as string;
  const code = `${year}-${part}`;
  if (part.startsWith('T') || part.startsWith('Q')) {
    const roman = ROMAN[Number(part.slice(1)) - 1];
    const tahap = part.startsWith('T');
    const word = tahap ? 'Tahap' : language === 'en' ? 'Quarter' : 'Triwulan';
    return { code, kind: tahap ? 'TAHAP' : 'QUARTER', label: `${word} ${roman} ${year}` };
  }
  const month = new Intl.DateTimeFormat(language === 'en' ? 'en-GB' : 'id-ID', {
    month: 'long',
    timeZone: 'UTC',
  }).format(new Date(Date.UTC(Number(year), Number(part) - 1, 1)));
  return { code, kind: 'MONTH', label: `${month} ${year}` };
}

/** Example period codes for a programme's kinds, e.g. "2026-T2" or "2026-03, 2026-Q1". */
export function periodExamples(kinds: readonly PeriodKind[], year = new Date().getFullYear()): string {
  const examples: Record<PeriodKind, string> = {
    TAHAP: `${year}-T2`,
    MONTH: `${year}-03`,
    QUARTER: `${year}-Q1`,
  };
  return kinds.map((k) => examples[k]).join(', ');
}

type RuleLabelKey = keyof typeof programsId.programs.ruleLabels;

/** The Indonesian label of a rule key (`pkh.index.anak_sd` → "Indeks tahunan: anak SD"); the key itself when unknown. */
export function ruleLabel(key: string, t: TFunction): string {
  const id = key.replaceAll('.', '_');
  return id in programsId.programs.ruleLabels ? t(`programs.ruleLabels.${id as RuleLabelKey}`) : key;
}

/** A rule value by its unit: rupiah, percent, or a plain number. */
export function formatRuleValue(value: number, unit: Schemas['RuleUnit'] | null, language: Language): string {
  if (unit === 'RUPIAH') return formatRupiah(value, language);
  if (unit === 'PERCENT') return `${formatNumber(value, language)}%`;
  return formatNumber(value, language);
}

/** valid_to is exclusive (the next value's first day): people read the last day a value applied. */
export function lastDayBefore(ymd: string): string {
  const date = new Date(`${ymd}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() - 1);
  return date.toISOString().slice(0, 10);
}
