/**
 * Reading the values of imported cells as offices write them. Each parser returns the
 * canonical value, or `undefined` when the text is present but not understood (the import
 * then rejects the row with a reason), or `null` when the cell is empty.
 */
type Cell = string | number | Date | boolean | null | undefined;

const pad = (n: number) => String(n).padStart(2, '0');

function isoOf(year: number, month: number, day: number): string | undefined {
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day)
    return undefined;
  if (year < 1880 || year > 2100) return undefined;
  return `${year}-${pad(month)}-${pad(day)}`;
}

/** Excel's day 1 is 1900-01-01 and it counts a 29 February 1900 that never was: serial 60. */
export function excelSerialToIso(serial: number): string | undefined {
  if (!Number.isInteger(serial) || serial < 61 || serial > 80_000) return undefined;
  const ms = Date.UTC(1899, 11, 30) + serial * 86_400_000;
  const d = new Date(ms);
  return isoOf(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

/** `dd/mm/yyyy`, `dd-mm-yyyy`, `yyyy-mm-dd`, an Excel serial number, or a spreadsheet date cell. */
export function parseDateCell(cell: Cell): string | null | undefined {
  if (cell === null || cell === undefined || cell === '') return null;
  if (cell instanceof Date) {
    if (Number.isNaN(cell.getTime())) return undefined;
    // exceljs gives date cells as UTC midnight of the calendar day.
    return isoOf(cell.getUTCFullYear(), cell.getUTCMonth() + 1, cell.getUTCDate());
  }
  if (typeof cell === 'number') return excelSerialToIso(cell);
  if (typeof cell !== 'string') return undefined;
  const text = cell.trim();
  let m = /^(\d{1,2})[/-](\d{1,2})[/-](\d{4})$/.exec(text);
  if (m) return isoOf(Number(m[3]), Number(m[2]), Number(m[1]));
  m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T].*)?$/.exec(text);
  if (m) return isoOf(Number(m[1]), Number(m[2]), Number(m[3]));
  if (/^\d{5}$/.test(text)) return excelSerialToIso(Number(text));
  return undefined;
}

const SEX: Record<string, 'L' | 'P'> = {
  L: 'L',
  LK: 'L',
  '1': 'L',
  'LAKI-LAKI': 'L',
  'LAKI LAKI': 'L',
  LAKILAKI: 'L',
  P: 'P',
  PR: 'P',
  '2': 'P',
  PEREMPUAN: 'P',
  WANITA: 'P',
};

export function parseSex(cell: Cell): 'L' | 'P' | null | undefined {
  if (cell === null || cell === undefined || cell === '') return null;
  return SEX[String(cell).trim().toUpperCase()];
}

const STATUS: Record<string, 'HIDUP' | 'MENINGGAL' | 'PINDAH'> = {
  HIDUP: 'HIDUP',
  ADA: 'HIDUP',
  AKTIF: 'HIDUP',
  MENINGGAL: 'MENINGGAL',
  'MENINGGAL DUNIA': 'MENINGGAL',
  WAFAT: 'MENINGGAL',
  PINDAH: 'PINDAH',
  'PINDAH DOMISILI': 'PINDAH',
};

export function parseStatus(cell: Cell): 'HIDUP' | 'MENINGGAL' | 'PINDAH' | null | undefined {
  if (cell === null || cell === undefined || cell === '') return null;
  return STATUS[String(cell).trim().toUpperCase().replace(/_/g, ' ')];
}

/** SHDK (status hubungan dalam keluarga): text or the Dukcapil code 1–10. */
const RELATIONSHIP: Record<string, string> = {
  '1': 'KEPALA_KELUARGA',
  KEPALA_KELUARGA: 'KEPALA_KELUARGA',
  KEPALA: 'KEPALA_KELUARGA',
  KK: 'KEPALA_KELUARGA',
  '2': 'SUAMI',
  SUAMI: 'SUAMI',
  '3': 'ISTRI',
  ISTRI: 'ISTRI',
  ISTERI: 'ISTRI',
  '4': 'ANAK',
  ANAK: 'ANAK',
  ANAK_KANDUNG: 'ANAK',
  ANAK_ANGKAT: 'ANAK',
  ANAK_TIRI: 'ANAK',
  '5': 'MENANTU',
  MENANTU: 'MENANTU',
  '6': 'CUCU',
  CUCU: 'CUCU',
  '7': 'ORANG_TUA',
  ORANG_TUA: 'ORANG_TUA',
  ORANGTUA: 'ORANG_TUA',
  '8': 'MERTUA',
  MERTUA: 'MERTUA',
  '9': 'FAMILI_LAIN',
  FAMILI_LAIN: 'FAMILI_LAIN',
  '10': 'LAINNYA',
  LAINNYA: 'LAINNYA',
  PEMBANTU: 'LAINNYA',
};

export function parseRelationship(cell: Cell): string | null | undefined {
  if (cell === null || cell === undefined || cell === '') return null;
  return RELATIONSHIP[
    String(cell)
      .trim()
      .toUpperCase()
      .replace(/[\s-]+/g, '_')
  ];
}

export function parseDesil(cell: Cell): number | null | undefined {
  if (cell === null || cell === undefined || cell === '') return null;
  const n = typeof cell === 'number' ? cell : Number(String(cell).trim());
  return Number.isInteger(n) && n >= 1 && n <= 10 ? n : undefined;
}

/** Free text: trimmed, inner whitespace folded, empty → null. Numbers (e.g. RT 3) become text. */
export function parseText(cell: Cell, maxLength = 200): string | null {
  if (cell === null || cell === undefined) return null;
  const text = (cell instanceof Date ? cell.toISOString().slice(0, 10) : String(cell))
    .replace(/\s+/g, ' ')
    .trim();
  return text === '' ? null : text.slice(0, maxLength);
}

/** RT/RW as three digits ("3" → "003"), the way Dukcapil writes them. */
export function parseRtRw(cell: Cell): string | null {
  const text = parseText(cell, 10);
  if (text === null) return null;
  return /^\d{1,3}$/.test(text) ? text.padStart(3, '0') : text;
}
