import type { Channel } from '../../db/types';
import { accountKey } from '../../domain/account';
import { parseText } from '../../domain/cell-values';
import { parseKk } from '../../domain/kk';
import { parseRupiah } from '../../domain/money';
import { parseNik } from '../../domain/nik';
import { parseChannel } from '../../domain/period';
import type { CellValue } from '../../platform/files/tabular';
import type { AllocationField } from './fields';
import type { AllocationRejectionCode } from './reasons';

/** One accepted line, in canonical form, ready for the staging table. */
export interface AllocationRecord {
  line: number;
  nik: string;
  /** 16 digits but not a NIK Dukcapil could have issued (date, serial, kecamatan): kept, flagged. */
  nikInvalid: boolean;
  kk: string | null;
  name: string | null;
  amount: number;
  channel: Channel;
  account: string | null;
}

export interface AllocationRowRejection {
  line: number;
  reasons: AllocationRejectionCode[];
  fields: AllocationField[];
}

export interface AllocationRowContext {
  columns: Partial<Record<AllocationField, number>>;
  /** The channel of every line whose channel cell is empty (`--channel`). */
  defaultChannel: Channel | null;
  kecamatanExists: (code: string) => boolean;
  today: Date;
  /** NIKs of the file's earlier lines (DUPLICATE_IN_FILE): adds one, false when it was there already. */
  seen: { addNew(nik: string): boolean };
}

/**
 * Checks one line of an allocation file. A line is rejected only for what makes it unusable
 * (no readable NIK, amount or channel); what is doubtful but real (a NIK with an impossible
 * birth date exists on real KTPs) is kept and flagged, so the money already allocated by the
 * centre stays visible to reconciliation.
 */
export function validateAllocationRow(
  line: number,
  cells: readonly CellValue[],
  ctx: AllocationRowContext,
): AllocationRecord | AllocationRowRejection {
  // No closures per line: a 1 M-line file calls this a million times (measured hot).
  const { columns } = ctx;
  // Scratch lists, emptied per line and copied only for a rejected line: two new arrays for
  // every accepted line were garbage for the collector.
  const reasons = REASONS;
  const fields = FIELDS;
  reasons.length = 0;
  fields.length = 0;

  let nik: string | null = null;
  let nikInvalid = false;
  const rawNik = cellAt(cells, columns.nik);
  if (rawNik === null) reject(reasons, fields, 'REQUIRED_FIELD', 'nik');
  else if (typeof rawNik === 'string' && surelyValidNik(rawNik, ctx.kecamatanExists)) nik = rawNik;
  else {
    const parsed = parseNik(rawNik, { kecamatanExists: ctx.kecamatanExists, today: ctx.today });
    if (parsed.nik === null)
      reject(
        reasons,
        fields,
        parsed.errors[0] === 'NIK_NUMERIC_CELL' ? 'NIK_NUMERIC_CELL' : 'NIK_FORMAT',
        'nik',
      );
    else {
      nik = parsed.nik;
      nikInvalid = !parsed.valid;
    }
  }

  let kk: string | null = null;
  const rawKk = cellAt(cells, columns.kk);
  if (typeof rawKk === 'string' && SIXTEEN_DIGITS.test(rawKk)) kk = rawKk;
  else if (rawKk !== null) {
    const parsed = parseKk(rawKk);
    if (parsed.valid) kk = parsed.kk;
    else reject(reasons, fields, 'KK_FORMAT', 'kk');
  }

  let amount: number | null = null;
  const rawAmount = cellAt(cells, columns.amount);
  if (rawAmount === null) reject(reasons, fields, 'REQUIRED_FIELD', 'amount');
  else if (typeof rawAmount === 'string' && PLAIN_AMOUNT.test(rawAmount)) amount = Number(rawAmount);
  else {
    const parsed = parseRupiah(rawAmount);
    if (parsed.ok) amount = parsed.value;
    else reject(reasons, fields, parsed.code, 'amount');
  }

  // The file's own value wins; `--channel` fills the lines (or the file) that name none.
  let channel: Channel | null = null;
  const rawChannel = cellAt(cells, columns.channel);
  if (rawChannel === null) {
    if (ctx.defaultChannel) channel = ctx.defaultChannel;
    else reject(reasons, fields, 'REQUIRED_FIELD', 'channel');
  } else {
    channel = channelOf(String(rawChannel));
    if (!channel) reject(reasons, fields, 'CHANNEL_UNKNOWN', 'channel');
  }

  if (nik && reasons.length === 0) {
    if (!ctx.seen.addNew(nik)) reject(reasons, fields, 'DUPLICATE_IN_FILE', 'nik');
  }
  if (reasons.length > 0 || nik === null || amount === null || channel === null) {
    return { line, reasons: [...reasons], fields: [...fields] };
  }
  return {
    line,
    nik,
    nikInvalid,
    kk,
    name: text(cellAt(cells, columns.name), 200),
    amount,
    channel,
    account: storedAccount(text(cellAt(cells, columns.account), 40)),
  };
}

function cellAt(cells: readonly CellValue[], index: number | undefined): CellValue {
  return index === undefined ? null : (cells[index] ?? null);
}

const REASONS: AllocationRejectionCode[] = [];
const FIELDS: AllocationField[] = [];

function reject(
  reasons: AllocationRejectionCode[],
  fields: AllocationField[],
  code: AllocationRejectionCode,
  field: AllocationField,
): void {
  if (!reasons.includes(code)) reasons.push(code);
  if (!fields.includes(field)) fields.push(field);
}

// Fast paths for the shapes nearly every line has: a 1 M-line file spends most of its reading
// time here (measured), and the full parsers are only needed for the unusual cells.
const SIXTEEN_DIGITS = /^\d{16}$/;
const PLAIN_AMOUNT = /^\d{1,15}$/;
const NEEDS_CLEANING = /\s\s|[\t\r\n]|^\s|\s$/;

/**
 * True when a 16-digit text is a NIK Dukcapil could issue whatever the century: known
 * kecamatan, month 01–12, day 01–28 (or 41–68), serial not 0000. Anything else goes through
 * parseNik, which decides the rest (29–31, leap years, the century rule).
 */
export function surelyValidNik(value: string, kecamatanExists: (code: string) => boolean): boolean {
  if (!SIXTEEN_DIGITS.test(value)) return false;
  const day = Number(value.slice(6, 8));
  const month = Number(value.slice(8, 10));
  if (month < 1 || month > 12) return false;
  if (!((day >= 1 && day <= 28) || (day >= 41 && day <= 68))) return false;
  if (value.endsWith('0000')) return false;
  return kecamatanExists(value.slice(0, 6));
}

// Channel spellings repeat: each distinct one is parsed once.
const channelCache = new Map<string, Channel | null>();
function channelOf(value: string): Channel | null {
  let channel = channelCache.get(value);
  if (channel === undefined) {
    channel = parseChannel(value);
    if (channelCache.size < 1000) channelCache.set(value, channel);
  }
  return channel;
}

/** The account as it is stored and matched (accountKey); null when empty. */
function storedAccount(value: string | null): string | null {
  if (value === null) return null;
  const key = accountKey(value);
  return key === '' ? null : key;
}

function text(value: CellValue, maxLength: number): string | null {
  if (typeof value === 'string' && value.length <= maxLength && !NEEDS_CLEANING.test(value)) return value;
  return parseText(value, maxLength);
}

export function isAllocationRejection(
  result: AllocationRecord | AllocationRowRejection,
): result is AllocationRowRejection {
  return 'reasons' in result;
}
