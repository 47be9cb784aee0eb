/**
 * Deterministic allocation (alokasi) and channel-report (penyaluran) file content, generated
 * from registry rows — for tests, benches and other helpers. No randomness: the same families
 * and options always give the same bytes.
 *
 * - `allocationLines(families, options)` → AllocationLine objects: one per family (its head,
 *   or its first member) or one per member (`perFamily: 'all'`), amount/channel/account from
 *   the options (a number or a function of the family and the line index).
 * - `allocationCsvLines(families, options)` → CSV text lines (header first unless
 *   `header: false`), columns ALLOCATION_CSV_HEADERS: NIK, NO_KK, NAMA, NOMINAL, BANK, NO_REKENING.
 * - `reportCsvLines(lines, options)` → a channel report matching allocation lines (the same
 *   AllocationLine objects): columns REPORT_CSV_HEADERS: NIK, NO_REKENING, NOMINAL, TGL_SALUR,
 *   STATUS, KETERANGAN; every `failEvery`-th line GAGAL with a reason, the others BERHASIL with
 *   the allocated amount (or `paidAmount(line, i)`).
 * - `writeLines(file, lines)` writes any of these to disk (CRLF, streamed);
 *   `writeAllocationXlsx(file, lines)` writes allocation lines as a real .xlsx (NIK as text).
 *
 * A "family" is anything with a KK and members with NIK and name: a DemoHousehold of
 * src/modules/demo/generator.ts, or a household built by test/support/factories.ts.
 */
import fs from 'node:fs';
import ExcelJS from 'exceljs';
import type { Channel } from '../../src/db/types';

export interface RegistryFamily {
  kk: string;
  members: ReadonlyArray<{ nik: string; name: string; relationship?: string | null }>;
}

export interface AllocationLine {
  nik: string;
  kk: string;
  name: string;
  amount: number;
  channel: Channel;
  account: string;
}

export const ALLOCATION_CSV_HEADERS = ['NIK', 'NO_KK', 'NAMA', 'NOMINAL', 'BANK', 'NO_REKENING'] as const;
export const REPORT_CSV_HEADERS = [
  'NIK',
  'NO_REKENING',
  'NOMINAL',
  'TGL_SALUR',
  'STATUS',
  'KETERANGAN',
] as const;

type PerLine<T> = T | ((family: RegistryFamily, index: number) => T);

export interface AllocationLineOptions {
  /** Rupiah per line (default 750,000: one tahap of one young child). */
  amount?: PerLine<number>;
  channel?: PerLine<Channel>;
  /** 'head': one line per family (the KEPALA_KELUARGA, else the first member); 'all': one per member. */
  perFamily?: 'head' | 'all';
}

const CHANNEL_CYCLE: readonly Channel[] = ['BRI', 'BNI', 'MANDIRI', 'BSI', 'POS'];

const lineValue = <T>(
  value: PerLine<T> | undefined,
  fallback: T,
  family: RegistryFamily,
  index: number,
): T =>
  value === undefined
    ? fallback
    : typeof value === 'function'
      ? (value as (f: RegistryFamily, i: number) => T)(family, index)
      : value;

/** An account number derived from the line index: 15 digits, stable. */
export function accountFor(index: number): string {
  return `0021${String(index).padStart(11, '0')}`;
}

export function* allocationLines(
  families: Iterable<RegistryFamily>,
  options: AllocationLineOptions = {},
): Generator<AllocationLine> {
  let index = 0;
  for (const family of families) {
    const members =
      options.perFamily === 'all'
        ? family.members
        : [family.members.find((m) => m.relationship === 'KEPALA_KELUARGA') ?? family.members[0]].filter(
            (m) => m !== undefined,
          );
    for (const member of members) {
      yield {
        nik: member.nik,
        kk: family.kk,
        name: member.name,
        amount: lineValue(options.amount, 750_000, family, index),
        channel: lineValue(options.channel, CHANNEL_CYCLE[index % CHANNEL_CYCLE.length]!, family, index),
        account: accountFor(index),
      };
      index++;
    }
  }
}

function csvField(value: string | number): string {
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function allocationCsvLine(line: AllocationLine): string {
  return [line.nik, line.kk, line.name, line.amount, line.channel, line.account].map(csvField).join(',');
}

export function* allocationCsvLines(
  families: Iterable<RegistryFamily>,
  options: AllocationLineOptions & { header?: boolean } = {},
): Generator<string> {
  if (options.header !== false) yield ALLOCATION_CSV_HEADERS.join(',');
  for (const line of allocationLines(families, options)) yield allocationCsvLine(line);
}

export interface ReportLineOptions {
  /** Every n-th line (1-based) is reported GAGAL; 0 = none (default). */
  failEvery?: number;
  failReason?: string;
  /** YYYY-MM-DD, written dd/mm/yyyy as the channels do (default 2026-05-20). */
  paidOn?: string;
  paidAmount?: (line: AllocationLine, index: number) => number;
  header?: boolean;
}

export function* reportCsvLines(
  lines: Iterable<AllocationLine>,
  options: ReportLineOptions = {},
): Generator<string> {
  if (options.header !== false) yield REPORT_CSV_HEADERS.join(',');
  const paidOn = options.paidOn ?? '2026-05-20';
  const date = `${paidOn.slice(8, 10)}/${paidOn.slice(5, 7)}/${paidOn.slice(0, 4)}`;
  let index = 0;
  for (const line of lines) {
    const failed = (options.failEvery ?? 0) > 0 && (index + 1) % options.failEvery! === 0;
    const amount = options.paidAmount ? options.paidAmount(line, index) : line.amount;
    yield [
      line.nik,
      line.account,
      failed ? 0 : amount,
      date,
      failed ? 'GAGAL' : 'BERHASIL',
      failed ? (options.failReason ?? 'Rekening belum dibuka') : '',
    ]
      .map(csvField)
      .join(',');
    index++;
  }
}

/** Writes text lines (CRLF, as offices' files come), streamed: fine for a million lines. */
export async function writeLines(file: string, lines: Iterable<string>): Promise<string> {
  const out = fs.createWriteStream(file);
  let buffer = '';
  for (const line of lines) {
    buffer += `${line}\r\n`;
    if (buffer.length > 1 << 20) {
      if (!out.write(buffer)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
      buffer = '';
    }
  }
  out.end(buffer);
  await new Promise<void>((resolve, reject) => {
    out.on('finish', resolve);
    out.on('error', reject);
  });
  return file;
}

/** Allocation lines as a real .xlsx; NIK, KK and account as text cells, amount a number cell. */
export async function writeAllocationXlsx(
  file: string,
  lines: Iterable<AllocationLine>,
  sheetName = 'Alokasi',
): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(sheetName);
  sheet.addRow([...ALLOCATION_CSV_HEADERS]);
  for (const l of lines) sheet.addRow([l.nik, l.kk, l.name, l.amount, l.channel, l.account]);
  for (const column of [1, 2, 6]) sheet.getColumn(column).numFmt = '@';
  await workbook.xlsx.writeFile(file);
  return file;
}
