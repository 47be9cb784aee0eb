import {
  parseDesil,
  parseRelationship,
  parseRtRw,
  parseSex,
  parseStatus,
  parseText,
} from '../../../domain/cell-values';
import { parseNik } from '../../../domain/nik';
import type { CellValue } from '../../../platform/files/tabular';
import type { DtsenField } from './fields';
import { NikSet } from './nik-set';
import type { WarningCode } from './reasons';
import { type RegistryRecord, type RowContext, type RowRejection, validateRow } from './validate-row';

/**
 * validateRow for a million rows: the same answers, faster (issue 3, performance).
 *
 * Rows in the usual shape — text cells without stray whitespace, 16-digit NIK/KK, 10-digit
 * region code, dd/mm/yyyy or yyyy-mm-dd dates, known codes — are checked here on character
 * codes, with the domain parsers' answers for the few distinct values of sex, relationship,
 * status, desil, RT/RW and NIK birth digits remembered. Any other row, and every row that
 * would be rejected, goes to validateRow itself, so reasons, fields and order are its own.
 */
export type RowValidator = (line: number, cells: readonly CellValue[]) => RegistryRecord | RowRejection;

const NOT_FAST = Symbol('not fast');
/** checkBirth's answer for a NIK whose birth digits agree with the recorded date and sex. */
const BIRTH_AGREES: { dateValid: boolean; warnings: WarningCode[] } = Object.freeze({
  dateValid: true,
  warnings: Object.freeze([]) as unknown as WarningCode[],
});
type Fast<T> = T | typeof NOT_FAST;
/** A remembered answer per distinct cell text; bounded so that a file of odd values cannot grow it without end. */
const MEMO_LIMIT = 50_000;

function memo<T>(parse: (cell: CellValue) => T): (cell: CellValue) => T {
  const known = new Map<string, T>();
  return (cell) => {
    if (typeof cell !== 'string') return parse(cell);
    let value = known.get(cell);
    if (value === undefined && !known.has(cell)) {
      value = parse(cell);
      if (known.size >= MEMO_LIMIT) known.clear();
      known.set(cell, value);
    }
    return value as T;
  };
}

/** True when every character is a digit and there are exactly `length`. */
function isDigits(text: string, length: number): boolean {
  if (text.length !== length) return false;
  for (let i = 0; i < length; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/**
 * Text that parseText would return unchanged: printable ASCII, single inner spaces, nothing
 * to trim, within `max`. Anything else is left to parseText.
 */
function isCleanText(text: string, max: number): boolean {
  const length = text.length;
  if (length === 0 || length > max) return false;
  let previousSpace = true;
  for (let i = 0; i < length; i++) {
    const c = text.charCodeAt(i);
    if (c === 32) {
      if (previousSpace) return false;
      previousSpace = true;
    } else if (c < 33 || c > 126) return false;
    else previousSpace = false;
  }
  return !previousSpace;
}

function text(cell: CellValue, max = 200): string | null {
  return typeof cell === 'string' && isCleanText(cell, max) ? cell : parseText(cell, max);
}

/** No closure per row: the module's keepNames transform makes each one cost a call. */
function pick(cells: readonly CellValue[], index: number): CellValue {
  return index < 0 ? null : (cells[index] ?? null);
}

/** `count` digits from `from` as a number (the caller checked they are digits). */
function digitsAt(text: string, from: number, count: number): number {
  let n = 0;
  for (let i = from; i < from + count; i++) n = n * 10 + text.charCodeAt(i) - 48;
  return n;
}

/** `YYYY-MM-DD` (fastDate's answer) as the number yyyymmdd. */
function isoDateNumber(iso: string): number {
  return digitsAt(iso, 0, 4) * 10_000 + digitsAt(iso, 5, 2) * 100 + digitsAt(iso, 8, 2);
}

function daysIn(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

function digit(text: string, at: number): number {
  const c = text.charCodeAt(at) - 48;
  return c >= 0 && c <= 9 ? c : -100_000;
}

/** `dd/mm/yyyy`, `dd-mm-yyyy` or `yyyy-mm-dd` with two-digit day and month, as parseDateCell reads them. */
function fastDate(cell: CellValue): Fast<string | null> {
  if (cell === null) return null;
  if (typeof cell !== 'string' || cell.length !== 10) return NOT_FAST;
  let year: number;
  let month: number;
  let day: number;
  const s2 = cell.charCodeAt(2);
  if ((s2 === 47 || s2 === 45) && cell.charCodeAt(5) === s2) {
    day = digit(cell, 0) * 10 + digit(cell, 1);
    month = digit(cell, 3) * 10 + digit(cell, 4);
    year = digit(cell, 6) * 1000 + digit(cell, 7) * 100 + digit(cell, 8) * 10 + digit(cell, 9);
  } else if (cell.charCodeAt(4) === 45 && cell.charCodeAt(7) === 45) {
    year = digit(cell, 0) * 1000 + digit(cell, 1) * 100 + digit(cell, 2) * 10 + digit(cell, 3);
    month = digit(cell, 5) * 10 + digit(cell, 6);
    day = digit(cell, 8) * 10 + digit(cell, 9);
  } else return NOT_FAST;
  if (year < 1880 || year > 2100 || month < 1 || month > 12 || day < 1 || day > daysIn(year, month))
    return NOT_FAST;
  const mm = month < 10 ? `0${month}` : `${month}`;
  const dd = day < 10 ? `0${day}` : `${day}`;
  return `${year}-${mm}-${dd}`;
}

export function createRowValidator(ctx: RowContext): RowValidator {
  const col = (field: DtsenField) => ctx.columns[field] ?? -1;
  const at = {
    nik: col('nik'),
    kk: col('kk'),
    name: col('name'),
    birthDate: col('birthDate'),
    birthPlace: col('birthPlace'),
    sex: col('sex'),
    relationship: col('relationship'),
    regionCode: col('regionCode'),
    address: col('address'),
    rt: col('rt'),
    rw: col('rw'),
    desil: col('desil'),
    idDtsen: col('idDtsen'),
    idDtks: col('idDtks'),
    motherName: col('motherName'),
    status: col('status'),
  };
  const sexOf = memo(parseSex);
  const relationshipOf = memo(parseRelationship);
  const statusOf = memo(parseStatus);
  const desilOf = memo(parseDesil);
  const rtRwOf = memo(parseRtRw);
  // The NIK's birth digits against the recorded date and sex: parseNik's own answer, for a
  // NIK with those digits and an accepted kecamatan and serial (checked separately below).
  // Keyed by a number (NIK digits ddmmyy, recorded yyyymmdd, sex): no key string built per row.
  const birthCheck = new Map<number, { dateValid: boolean; warnings: WarningCode[] }>();
  // parseNik's "today" as yyyymmdd in its local calendar (chooseYear reads the same fields).
  const todayNumber =
    ctx.today.getFullYear() * 10_000 + (ctx.today.getMonth() + 1) * 100 + ctx.today.getDate();
  const checkBirth = (nik: string, birthDate: string | null, sex: 'L' | 'P' | null) => {
    // The usual row: the NIK's DDMMYY is exactly the recorded date (day + 40 for a woman) and
    // the sex agrees. parseNik then takes the recorded year (19YY or 20YY, not in the future:
    // chooseYear) and finds nothing to warn about; answered here without a lookup. The memo
    // below missed on most rows of a real file: it holds 50,000 answers, and a registry has
    // more distinct (birth date, sex) pairs than that (1 M people: 0.45 s of reading).
    if (birthDate !== null) {
      const recorded = isoDateNumber(birthDate);
      const year = (recorded / 10_000) | 0;
      const nikDay = digitsAt(nik, 6, 2);
      const day = nikDay > 40 ? nikDay - 40 : nikDay;
      if (
        recorded % 10_000 === digitsAt(nik, 8, 2) * 100 + day &&
        year % 100 === digitsAt(nik, 10, 2) &&
        year >= 1900 &&
        year <= 2099 &&
        recorded <= todayNumber &&
        (sex === null || (sex === 'P') === nikDay > 40)
      )
        return BIRTH_AGREES;
    }
    const key =
      (digitsAt(nik, 6, 6) * 1e8 + (birthDate === null ? 0 : isoDateNumber(birthDate))) * 3 +
      (sex === null ? 0 : sex === 'L' ? 1 : 2);
    let known = birthCheck.get(key);
    if (!known) {
      const ddmmyy = nik.slice(6, 12);
      const parsed = parseNik(`000000${ddmmyy}0001`, {
        kecamatanExists: () => true,
        today: ctx.today,
        ...(birthDate ? { recordedBirthDate: birthDate } : {}),
        ...(sex ? { recordedSex: sex } : {}),
      });
      known = { dateValid: parsed.errors.length === 0, warnings: parsed.warnings };
      if (birthCheck.size >= MEMO_LIMIT) birthCheck.clear();
      birthCheck.set(key, known);
    }
    return known;
  };
  const kabupaten = ctx.kabupatenCode;
  const seen = ctx.seen;
  const addNew =
    seen instanceof NikSet
      ? (nik: string) => seen.addNew(nik)
      : (nik: string) => {
          if (seen.has(nik)) return false;
          seen.add(nik);
          return true;
        };

  let lastVillage = '';

  return (line, cells) => {
    const nameCell = pick(cells, at.name);
    if (typeof nameCell !== 'string') return validateRow(line, cells, ctx);
    const name = isCleanText(nameCell, 200) ? nameCell : parseText(nameCell);
    if (name === null) return validateRow(line, cells, ctx);
    const birthDate = fastDate(pick(cells, at.birthDate));
    if (birthDate === NOT_FAST) return validateRow(line, cells, ctx);
    const sex = sexOf(pick(cells, at.sex));
    const relationship = relationshipOf(pick(cells, at.relationship));
    const status = statusOf(pick(cells, at.status));
    const desil = desilOf(pick(cells, at.desil));
    if (sex === undefined || relationship === undefined || status === undefined || desil === undefined)
      return validateRow(line, cells, ctx);

    const nik = pick(cells, at.nik);
    if (typeof nik !== 'string' || !isDigits(nik, 16)) return validateRow(line, cells, ctx);
    const birth = checkBirth(nik, birthDate, sex);
    if (!birth.dateValid || nik.endsWith('0000') || !ctx.kecamatanExists(nik.slice(0, 6)))
      return validateRow(line, cells, ctx);

    const kk = pick(cells, at.kk);
    if (typeof kk !== 'string' || !isDigits(kk, 16)) return validateRow(line, cells, ctx);
    const regionCode = pick(cells, at.regionCode);
    if (typeof regionCode !== 'string') return validateRow(line, cells, ctx);
    // Rows of one village mostly follow each other: the previous row's accepted code needs no second look.
    if (regionCode !== lastVillage) {
      if (!isDigits(regionCode, 10) || !ctx.villageExists(regionCode) || !regionCode.startsWith(kabupaten))
        return validateRow(line, cells, ctx);
      lastVillage = regionCode;
    }
    if (!addNew(nik)) return validateRow(line, cells, ctx);

    return {
      line,
      nik,
      kk,
      name,
      birthDate,
      birthPlace: text(pick(cells, at.birthPlace)),
      sex,
      relationship,
      regionCode,
      address: text(pick(cells, at.address)),
      rt: rtRwOf(pick(cells, at.rt)),
      rw: rtRwOf(pick(cells, at.rw)),
      desil,
      idDtsen: text(pick(cells, at.idDtsen), 60),
      idDtks: text(pick(cells, at.idDtks), 60),
      motherName: text(pick(cells, at.motherName)),
      status: status ?? 'HIDUP',
      warnings: birth.warnings.length === 0 ? [] : [...birth.warnings],
    };
  };
}
