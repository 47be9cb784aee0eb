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

/**
 * Channel names as channels and offices write them, once upper-cased, stripped of punctuation
 * and of the legal-form words (`PT`, `Persero`, `Tbk`) and of a leading `Bank`: the short name
 * or the bank's full name. Only these exact spellings: `Bank Jatim` or `Mandiri Taspen` are
 * other banks and stay unknown (CHANNEL_UNKNOWN), never guessed from a shared word.
 *
 * BRI Syariah, BNI Syariah and Bank Syariah Mandiri merged into PT Bank Syariah Indonesia on
 * 1 February 2021 and their accounts became BSI accounts, so those names mean BSI (and never
 * BRI, BNI or Mandiri). Listed in docs/format-impor-alokasi.md and format-laporan-penyaluran.md.
 */
const CHANNEL_SPELLINGS: ReadonlyMap<string, Channel> = new Map(
  Object.entries({
    BRI: 'BRI',
    'RAKYAT INDONESIA': 'BRI',
    BNI: 'BNI',
    'NEGARA INDONESIA': 'BNI',
    MANDIRI: 'MANDIRI',
    BTN: 'BTN',
    'TABUNGAN NEGARA': 'BTN',
    BSI: 'BSI',
    'SYARIAH INDONESIA': 'BSI',
    'BRI SYARIAH': 'BSI',
    'BNI SYARIAH': 'BSI',
    'SYARIAH MANDIRI': 'BSI',
    'MANDIRI SYARIAH': 'BSI',
    BSM: 'BSI',
    POS: 'POS',
    'POS INDONESIA': 'POS',
    'KANTOR POS': 'POS',
  } satisfies Record<string, Channel>),
);

const LEGAL_FORM_WORDS = new Set(['PT', 'PERSERO', 'TBK']);

/** `PT. Bank Rakyat Indonesia (Persero) Tbk.`, `Bank BRI`, `pos indonesia`, `BSI` → the channel. */
export function parseChannel(input: unknown): Channel | null {
  if (typeof input !== 'string') return null;
  const words = input
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, ' ')
    .trim()
    .split(' ')
    .filter((word) => word !== '' && !LEGAL_FORM_WORDS.has(word));
  if (words[0] === 'BANK') words.shift();
  return CHANNEL_SPELLINGS.get(words.join(' ')) ?? null;
}
