import { maskIdentifier, readIdentifierText } from './identifier-text';

/**
 * NIK (Nomor Induk Kependudukan) rules, DOMAIN.md "Identifiers — validation rules":
 * - digits 1–6: kecamatan where the NIK was first issued;
 * - digits 7–12: birth date DDMMYY, day + 40 for women;
 * - digits 13–16: serial 0001…, 0000 is invalid. There is no check digit.
 * A NIK is always text; a spreadsheet's numeric cell has lost its last digit.
 */

export type NikErrorCode =
  | 'NIK_FORMAT'
  | 'NIK_NUMERIC_CELL'
  | 'NIK_DATE'
  | 'NIK_SERIAL'
  | 'NIK_REGION_UNKNOWN';
export type NikWarningCode = 'NIK_BIRTHDATE_MISMATCH' | 'NIK_SEX_MISMATCH';
export type Sex = 'L' | 'P';

export interface NikResult {
  /** Canonical 16-digit text, or null when the input is not 16 digits. */
  nik: string | null;
  valid: boolean;
  errors: NikErrorCode[];
  /** The record is kept; these only flag it for checking. */
  warnings: NikWarningCode[];
  /** YYYY-MM-DD, null when the digits do not make an existing date. */
  birthDate: string | null;
  sex: Sex | null;
  /** The 6 digits of the issuing kecamatan (present even when that kecamatan is unknown). */
  kecamatanCode: string | null;
  serial: string | null;
}

export interface ParseNikOptions {
  kecamatanExists: (code6: string) => boolean;
  /** Reference day for the century choice; its local calendar date is used. Default: now. */
  today?: Date;
  /** YYYY-MM-DD as recorded on the person's record (e.g. from DTSEN). */
  recordedBirthDate?: string;
  recordedSex?: Sex;
}

export const NIK_MESSAGES: Record<NikErrorCode | NikWarningCode, string> = {
  NIK_FORMAT: 'NIK harus tepat 16 angka.',
  NIK_NUMERIC_CELL:
    'NIK terbaca sebagai angka: spreadsheet (Excel/LibreOffice) telah mengubah NIK menjadi angka sehingga ' +
    'angka terakhirnya hilang. Format kolom NIK sebagai Teks, lalu isi ulang NIK dari dokumen aslinya.',
  NIK_DATE:
    'Tanggal lahir dalam NIK (angka ke-7 s.d. 12, DDMMYY) tidak valid: bulan harus 01–12, tanggal 01–31 ' +
    '(laki-laki) atau 41–71 (perempuan), dan tanggal itu harus ada di kalender.',
  NIK_SERIAL: 'Nomor urut NIK (4 angka terakhir) tidak boleh 0000.',
  NIK_REGION_UNKNOWN:
    'Kode kecamatan dalam NIK (6 angka pertama) tidak dikenal dalam daftar wilayah Kemendagri.',
  NIK_BIRTHDATE_MISMATCH:
    'Tanggal lahir dalam NIK berbeda dengan tanggal lahir yang tercatat. Data tetap disimpan; periksa dokumen.',
  NIK_SEX_MISMATCH:
    'Jenis kelamin dalam NIK berbeda dengan jenis kelamin yang tercatat. Data tetap disimpan; periksa dokumen.',
};

/** Women's day of birth is written with 40 added (DOMAIN.md). */
const WOMAN_DAY_OFFSET = 40;

export function parseNik(input: unknown, options: ParseNikOptions): NikResult {
  const result: NikResult = {
    nik: null,
    valid: false,
    errors: [],
    warnings: [],
    birthDate: null,
    sex: null,
    kecamatanCode: null,
    serial: null,
  };
  const text = readIdentifierText(input, 16);
  if (text.kind === 'numeric-cell') return { ...result, errors: ['NIK_NUMERIC_CELL'] };
  if (text.kind === 'format') return { ...result, errors: ['NIK_FORMAT'] };

  const nik = text.digits;
  result.nik = nik;
  result.kecamatanCode = nik.slice(0, 6);
  result.serial = nik.slice(12);

  // Every applicable error is reported, so the operator fixes the record in one go.
  const birth = decodeBirth(nik.slice(6, 12), options);
  result.sex = birth.sex;
  result.birthDate = birth.date;
  if (!birth.date) result.errors.push('NIK_DATE');
  if (result.serial === '0000') result.errors.push('NIK_SERIAL');
  if (!options.kecamatanExists(result.kecamatanCode)) result.errors.push('NIK_REGION_UNKNOWN');

  // Mismatches are warnings only: real NIKs like this exist and cannot be changed (DOMAIN.md).
  if (options.recordedBirthDate !== undefined && birth.date && birth.date !== options.recordedBirthDate) {
    result.warnings.push('NIK_BIRTHDATE_MISMATCH');
  }
  if (options.recordedSex !== undefined && birth.sex && birth.sex !== options.recordedSex) {
    result.warnings.push('NIK_SEX_MISMATCH');
  }
  result.valid = result.errors.length === 0;
  return result;
}

/** Decodes DDMMYY: sex from the day's range, the date (null if it does not exist). */
function decodeBirth(ddmmyy: string, options: ParseNikOptions): { date: string | null; sex: Sex | null } {
  const rawDay = Number(ddmmyy.slice(0, 2));
  const month = Number(ddmmyy.slice(2, 4));
  const yy = Number(ddmmyy.slice(4, 6));
  let sex: Sex | null = null;
  if (rawDay >= 1 && rawDay <= 31) sex = 'L';
  else if (rawDay >= 1 + WOMAN_DAY_OFFSET && rawDay <= 31 + WOMAN_DAY_OFFSET) sex = 'P';
  if (!sex || month < 1 || month > 12) return { date: null, sex };

  const day = sex === 'P' ? rawDay - WOMAN_DAY_OFFSET : rawDay;
  const year = chooseYear(yy, month, day, options);
  if (day > daysInMonth(year, month)) return { date: null, sex };
  return { date: isoDate(year, month, day), sex };
}

/**
 * The NIK holds two year digits. DOMAIN.md: choose the century that does not put the birth
 * date in the future. A person over 100 is then read a century too young; when the recorded
 * birth date carries the same DDMMYY in the older century (not in the future either), that
 * century is taken instead, so such a person is not flagged with a false mismatch.
 */
function chooseYear(yy: number, month: number, day: number, options: ParseNikOptions): number {
  const today = options.today ?? new Date();
  const todayKey = dateKey(today.getFullYear(), today.getMonth() + 1, today.getDate());
  const candidates = [2000 + yy, 1900 + yy].filter((year) => dateKey(year, month, day) <= todayKey);
  const recordedYear = recordedYearMatching(options.recordedBirthDate, yy, month, day);
  if (recordedYear !== null && candidates.includes(recordedYear)) return recordedYear;
  // 19YY is never in the future for a date Salur runs on; the fallback only guards the filter.
  return candidates[0] ?? 1900 + yy;
}

function recordedYearMatching(recorded: string | undefined, yy: number, month: number, day: number) {
  const match = recorded ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(recorded) : null;
  if (!match) return null;
  const year = Number(match[1]);
  return year % 100 === yy && Number(match[2]) === month && Number(match[3]) === day ? year : null;
}

function dateKey(year: number, month: number, day: number): number {
  return year * 10_000 + month * 100 + day;
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function isoDate(year: number, month: number, day: number): string {
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** `1371014107900001` → `1371********0001` (DOMAIN.md "Personal data"). */
export function maskNik(nik: string): string {
  return maskIdentifier(nik);
}

export interface NikParts {
  /** Canonical 6-digit kecamatan code. */
  kecamatanCode: string;
  /** YYYY-MM-DD. */
  birthDate: string;
  sex: Sex;
  /** 1…9999. */
  serial: number;
}

/**
 * Builds a NIK from its parts (demo data). It parses back to the same parts as long as the
 * birth date lies within the 100 years before the day it is parsed (the century rule).
 * Throws on parts no NIK can hold: a programming error, not operator input.
 */
export function encodeNik(parts: NikParts): string {
  if (!/^\d{6}$/.test(parts.kecamatanCode)) {
    throw new RangeError(`encodeNik: kecamatanCode must be 6 digits, got ${parts.kecamatanCode}`);
  }
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(parts.birthDate);
  const [year, month, day] = match ? [Number(match[1]), Number(match[2]), Number(match[3])] : [0, 0, 0];
  if (!match || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    throw new RangeError(`encodeNik: birthDate must be an existing YYYY-MM-DD date, got ${parts.birthDate}`);
  }
  if (!Number.isInteger(parts.serial) || parts.serial < 1 || parts.serial > 9999) {
    throw new RangeError(`encodeNik: serial must be an integer 1…9999, got ${parts.serial}`);
  }
  const nikDay = parts.sex === 'P' ? day + WOMAN_DAY_OFFSET : day;
  const pad2 = (n: number) => String(n).padStart(2, '0');
  return `${parts.kecamatanCode}${pad2(nikDay)}${pad2(month)}${pad2(year % 100)}${String(parts.serial).padStart(4, '0')}`;
}
