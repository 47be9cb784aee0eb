/**
 * Distribution periods (issue 4): PKH pays per tahap `2026-T2`; Sembako per month `2026-03`
 * or per quarter `2026-Q1`. A period maps to the calendar dates it covers, which choose the
 * benefit rules in force (rules carry validity dates) and the members' ages.
 */
import type { Channel, PeriodKind } from '../db/types';

export const CHANNELS: readonly Channel[] = ['BRI', 'BNI', 'MANDIRI', 'BTN', 'BSI', 'POS'];

export interface Period {
  code: string;
  kind: PeriodKind;
  year: number;
  /** First day, `YYYY-MM-DD`. */
  start: string;
  /** Last day, `YYYY-MM-DD`. */
  end: string;
  /** Months the period covers (a tahap and a quarter cover three). */
  months: number;
  label: string;
}

const MONTH_NAMES = [
  'Januari',
  'Februari',
  'Maret',
  'April',
  'Mei',
  'Juni',
  'Juli',
  'Agustus',
  'September',
  'Oktober',
  'November',
  'Desember',
];
const ROMAN = ['I', 'II', 'III', 'IV'];

export function parsePeriod(code: string): Period | null {
  const match = /^(\d{4})-(T[1-4]|Q[1-4]|0[1-9]|1[0-2])$/.exec(code.trim().toUpperCase());
  if (!match) return null;
  const year = Number(match[1]);
  const part = match[2] as string;
  if (part.startsWith('T') || part.startsWith('Q')) {
    const quarter = Number(part.slice(1));
    const firstMonth = (quarter - 1) * 3 + 1;
    const kind: PeriodKind = part.startsWith('T') ? 'TAHAP' : 'QUARTER';
    return {
      code: `${year}-${part}`,
      kind,
      year,
      start: isoDate(year, firstMonth, 1),
      end: isoDate(year, firstMonth + 2, daysIn(year, firstMonth + 2)),
      months: 3,
      label:
        kind === 'TAHAP' ? `Tahap ${ROMAN[quarter - 1]} ${year}` : `Triwulan ${ROMAN[quarter - 1]} ${year}`,
    };
  }
  const month = Number(part);
  return {
    code: `${year}-${part}`,
    kind: 'MONTH',
    year,
    start: isoDate(year, month, 1),
    end: isoDate(year, month, daysIn(year, month)),
    months: 1,
    label: `${MONTH_NAMES[month - 1]} ${year}`,
  };
}

function isoDate(year: number, month: number, day: number): string {
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Channel names as channels and offices write them: `PT POS`, `Bank BRI`, `mandiri`. */
export function parseChannel(input: unknown): Channel | null {
  if (typeof input !== 'string') return null;
  const text = input
    .trim()
    .toUpperCase()
    .replace(/^PT\.?\s*/, '')
    .replace(/^BANK\s+/, '')
    .replace(/\s+(INDONESIA|PERSERO|\(PERSERO\)|TBK\.?)$/g, '')
    .trim();
  if (text === 'POS' || text === 'POS INDONESIA') return 'POS';
  if (text === 'BANK SYARIAH INDONESIA' || text === 'SYARIAH INDONESIA') return 'BSI';
  return (CHANNELS as readonly string[]).includes(text) ? (text as Channel) : null;
}
