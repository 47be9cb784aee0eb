import fs from 'node:fs';
import path from 'node:path';
import { CsvError, parse } from 'csv-parse';
import ExcelJS from 'exceljs';
import { ValidationError } from '../errors';
import { CsvFallback, type CsvRecord, createCsvTokenizer } from './csv-tokenizer';
import { assertReadableFile } from './hash';

/**
 * Streaming reader for the tables offices receive: CSV (comma, semicolon or tab, detected;
 * UTF-8 with or without BOM) and .xlsx (first sheet or a named one). Rows come one at a time
 * with their line number in the file, so a 1 M-row file never sits whole in memory.
 *
 * Cell values keep their type: a spreadsheet number stays a JS number (so a NIK that became a
 * number can be recognised as such), a date cell becomes a Date, text stays text.
 */
export type CellValue = string | number | Date | boolean | null;

export interface TabularRow {
  /** 1-based line (CSV) or row number (xlsx) in the file, as the operator sees it. */
  line: number;
  cells: CellValue[];
}

export interface TabularFile {
  format: 'csv' | 'xlsx';
  /** Data rows expected (CSV: lines after the header, counted by a fast scan; xlsx: unknown). */
  estimatedRows: number | null;
  delimiter?: string;
  headers: string[];
  /** The data rows. Read either `rows` or `rowBatches`, not both: they share one reader. */
  rows: AsyncIterable<TabularRow>;
  /** The same rows in batches (CSV: as read, about 16 KB of text each), for bulk readers. */
  rowBatches?: AsyncIterable<TabularRow[]>;
}

export async function openTabular(
  filePath: string,
  options: {
    sheet?: string | undefined;
    /** false: skip the line count behind estimatedRows (a reader that already knows it). */
    countRows?: boolean;
  } = {},
): Promise<TabularFile> {
  await assertReadableFile(filePath);
  const ext = path.extname(filePath).toLowerCase();
  if (ext === '.xlsx') return openXlsx(filePath, options.sheet);
  if (ext === '.xls') {
    throw new ValidationError(
      'FILE_FORMAT',
      'Berkas .xls (Excel 97–2003) tidak didukung: simpan ulang sebagai .xlsx atau .csv.',
    );
  }
  return openCsv(filePath, options.countRows ?? true);
}

async function openCsv(filePath: string, countRows: boolean): Promise<TabularFile> {
  const head = await readHead(filePath, 64 * 1024);
  if (head.includes('\u0000'))
    throw new ValidationError('FILE_FORMAT', 'Berkas bukan teks CSV (berisi data biner).');
  const firstLine = head.replace(/^\uFEFF/, '').split(/\r?\n/)[0] ?? '';
  const delimiter = detectDelimiter(firstLine);
  const batches = csvRecordBatches(filePath, delimiter);
  const iterator = batches[Symbol.asyncIterator]();
  let first: IteratorResult<TabularRow[]>;
  do first = await iterator.next();
  while (!first.done && first.value.length === 0);
  if (first.done) throw new ValidationError('FILE_EMPTY', 'Berkas kosong: tidak ada baris judul kolom.');
  const [headerRow, ...firstRows] = first.value;
  const headers = headerRow!.cells as string[];
  async function* rowBatches(): AsyncIterable<TabularRow[]> {
    if (firstRows.length > 0) yield firstRows;
    for (;;) {
      const next = await iterator.next();
      if (next.done) return;
      yield next.value;
    }
  }
  const rowBatchIterable = rowBatches();
  return {
    format: 'csv',
    delimiter,
    headers,
    rows: flatten(rowBatchIterable),
    rowBatches: rowBatchIterable,
    estimatedRows: countRows ? Math.max(0, (await countLines(filePath)) - 1) : null,
  };
}

async function* flatten(batches: AsyncIterable<TabularRow[]>): AsyncIterable<TabularRow> {
  for await (const batch of batches) yield* batch;
}

/** Empty cells are null, as in an .xlsx (not in the header row: it is read first). */
function emptyToNull(cells: CellValue[]): void {
  for (let i = 0; i < cells.length; i++) if (cells[i] === '') cells[i] = null;
}

function toRow(line: number, record: string[], header: boolean): TabularRow {
  if (!header) emptyToNull(record);
  return { line, cells: record };
}

/**
 * The file's records in batches: the fast tokenizer (csv-tokenizer.ts) first; when the file
 * needs csv-parse's full rules, csv-parse from the start, skipping the records already given,
 * so values, line numbers and error messages are csv-parse's.
 */
async function* csvRecordBatches(filePath: string, delimiter: string): AsyncIterable<TabularRow[]> {
  let given = 0;
  try {
    // 16 KB pieces: a piece's rows are all alive until the sink has taken them, and each garbage
    // collection of the young generation copies (promotes) the live ones. Measured on the import
    // of 1 M people on PostgreSQL, reading took 4.4 s with 64 KB pieces, 3.7 s with 16 KB, 3.8–4.0 s
    // with 4–8 KB; with 1 MB pieces (before) 5.7 s.
    const stream = fs.createReadStream(filePath, { highWaterMark: 1 << 14, encoding: 'utf8' });
    try {
      const tokenizer = createCsvTokenizer(delimiter);
      let out: CsvRecord[] = [];
      // The tokenizer's records become the rows themselves (no second object per row).
      const take = (): TabularRow[] => {
        const batch = out;
        for (let i = given === 0 ? 1 : 0; i < batch.length; i++) emptyToNull(batch[i]!.cells);
        out = [];
        return batch;
      };
      for await (const chunk of stream) {
        tokenizer.push(chunk as string, out);
        const batch = take();
        given += batch.length;
        yield batch;
      }
      tokenizer.end(out);
      const batch = take();
      given += batch.length;
      yield batch;
      return;
    } finally {
      stream.destroy();
    }
  } catch (error) {
    if (!(error instanceof CsvFallback)) throw error;
  }
  const parser = fs.createReadStream(filePath).pipe(
    parse({
      bom: true,
      delimiter,
      relax_column_count: true,
      skip_empty_lines: true,
      info: true,
      trim: true,
    }),
  );
  let index = 0;
  /** Line the last good record ended on: a broken record starts after it. */
  let lastLine = 0;
  try {
    let batch: TabularRow[] = [];
    for await (const { record, info } of parser as AsyncIterable<{
      record: string[];
      info: { lines: number };
    }>) {
      lastLine = info.lines;
      if (index++ < given) continue;
      batch.push(toRow(info.lines, record, index === 1));
      if (batch.length >= 1000) {
        yield batch;
        batch = [];
      }
    }
    yield batch;
  } catch (error) {
    // csv-parse's own errors become the operator's answer, with the line (also when the file
    // breaks before its first rows were handed out); anything else (a read error) stays as it is.
    if (!(error instanceof CsvError)) throw error;
    const quoteOpenedAt =
      error.code === 'CSV_QUOTE_NOT_CLOSED' ? await unclosedQuoteLine(filePath, lastLine + 1) : null;
    throw formatCsvError(error, quoteOpenedAt);
  }
}

/**
 * csv-parse's error as the operator's answer: what is wrong, on which line, and what to fix, in
 * Bahasa Indonesia (its own messages are English and, for an unclosed quote, name the line where
 * the file ended rather than the one where the quote opened). The code stays FILE_FORMAT, which
 * the API and the CLI already return; `details` keeps csv-parse's code for support.
 */
export function formatCsvError(error: CsvError, quoteOpenedAt: number | null = null): ValidationError {
  const e = error as CsvError & { lines?: number; column?: number | string };
  const line = e.lines ?? '?';
  const column = typeof e.column === 'number' ? ` kolom ke-${e.column + 1}` : '';
  const at = `baris ${line}${column}`;
  const doubled = 'tulis tanda kutip di dalam isi sel ganda ("") dan apit seluruh isi sel dengan tanda kutip';
  let message: string;
  switch (e.code as string) {
    case 'CSV_QUOTE_NOT_CLOSED':
      message =
        quoteOpenedAt !== null
          ? `tanda kutip (") yang dibuka di baris ${quoteOpenedAt} tidak pernah ditutup sampai akhir berkas. Tambahkan tanda kutip penutup di akhir isi sel itu, atau hapus tanda kutip pembukanya.`
          : `ada tanda kutip (") yang tidak pernah ditutup sampai akhir berkas (baris ${line}). Periksa sel yang diawali tanda kutip: tambahkan penutupnya, atau hapus tanda kutip pembukanya.`;
      break;
    case 'CSV_INVALID_CLOSING_QUOTE':
    case 'CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE':
      message = `di ${at} ada teks setelah tanda kutip penutup ("), sebelum pemisah kolom. Bila tanda kutip itu bagian dari isi sel, ${doubled}; bila tidak, hapus.`;
      break;
    case 'INVALID_OPENING_QUOTE':
      // The cell's text is left out on purpose: it may be part of a NIK.
      message = `di ${at} ada tanda kutip (") di tengah isi sel. Hapus tanda kutip itu, atau ${doubled}.`;
      break;
    case 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH':
    case 'CSV_RECORD_INCONSISTENT_COLUMNS':
      message = `jumlah kolom di baris ${line} berbeda dari baris judul. Periksa pemisah kolom (koma/titik koma) dan tanda kutip di baris itu.`;
      break;
    case 'CSV_MAX_RECORD_SIZE':
      message = `satu baris yang berakhir di baris ${line} terlalu panjang; biasanya karena tanda kutip (") yang tidak ditutup di atasnya.`;
      break;
    default:
      message = `berkas tidak dapat dibaca di sekitar baris ${line} (${e.code}). Simpan ulang dari aplikasi lembar kerja sebagai CSV.`;
  }
  return new ValidationError('FILE_FORMAT', `CSV rusak: ${message}`, {
    line: quoteOpenedAt ?? e.lines ?? null,
    csvCode: e.code,
  });
}

/**
 * Line of the quote that never closed, from the line where the broken record starts: the last
 * quote that opens (quotes toggle; an escaped `""` toggles twice). Streams the file once more,
 * counting quotes only after the last good record, and only when the file is known to be broken.
 */
async function unclosedQuoteLine(filePath: string, fromLine: number): Promise<number | null> {
  let line = 1;
  let quoted = false;
  let openedAt: number | null = null;
  for await (const chunk of fs.createReadStream(filePath, { encoding: 'utf8' })) {
    const text = chunk as string;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) line++;
      else if (c === 34 && line >= fromLine) {
        quoted = !quoted;
        if (quoted) openedAt = line;
      }
    }
  }
  return quoted ? openedAt : null;
}

/** The separator that splits the header line into the most columns (quotes respected). */
export function detectDelimiter(headerLine: string): string {
  const counts = new Map<string, number>([
    [',', 0],
    [';', 0],
    ['\t', 0],
    ['|', 0],
  ]);
  let quoted = false;
  for (const ch of headerLine) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && counts.has(ch)) counts.set(ch, counts.get(ch)! + 1);
  }
  let best = ',';
  for (const [d, n] of counts) if (n > counts.get(best)!) best = d;
  return best;
}

/** Newlines in the file, for a progress bar that knows its end (a quoted newline counts too: an estimate). */
async function countLines(filePath: string): Promise<number> {
  let lines = 0;
  let last = 10;
  for await (const chunk of fs.createReadStream(filePath, { highWaterMark: 1 << 20 })) {
    const buffer = chunk as Buffer;
    for (let i = buffer.indexOf(10); i !== -1; i = buffer.indexOf(10, i + 1)) lines++;
    if (buffer.length > 0) last = buffer[buffer.length - 1]!;
  }
  return last === 10 ? lines : lines + 1;
}

async function readHead(filePath: string, bytes: number): Promise<string> {
  const handle = await fs.promises.open(filePath, 'r');
  try {
    const buffer = Buffer.alloc(bytes);
    const { bytesRead } = await handle.read(buffer, 0, bytes, 0);
    return buffer.subarray(0, bytesRead).toString('utf8');
  } finally {
    await handle.close();
  }
}

async function openXlsx(filePath: string, sheetName: string | undefined): Promise<TabularFile> {
  let found: Awaited<ReturnType<typeof findSheet>> | undefined;
  for (let attempt = 1; !found; attempt++) {
    try {
      found = await findSheet(filePath, sheetName);
    } catch (error) {
      const message = (error as Error).message;
      // exceljs's streaming reader sometimes reaches a sheet before the workbook part that names
      // it and fails with "reading 'sheets'" (a race, exceljs issue #3064; files written by
      // exceljs itself store that part last). The same file read again usually goes through.
      if (attempt === 1 && message.includes("reading 'sheets'")) continue;
      throw new ValidationError('FILE_FORMAT', `Berkas .xlsx tidak dapat dibaca: ${message}`);
    }
  }
  const { sheet, seen } = found;
  if (!sheet) {
    throw new ValidationError(
      'SHEET_NOT_FOUND',
      `Lembar "${sheetName}" tidak ada. Lembar yang ada: ${seen.join(', ') || '(tidak ada)'}.`,
    );
  }
  const rowIterator = sheet[Symbol.asyncIterator]();
  const first = await rowIterator.next();
  if (first.done) throw new ValidationError('FILE_EMPTY', 'Lembar kosong: tidak ada baris judul kolom.');
  const headers = rowCells(first.value).map((c) => (c === null ? '' : String(c)));
  async function* rows(): AsyncIterable<TabularRow> {
    for (;;) {
      const next = await rowIterator.next();
      if (next.done) return;
      const cells = rowCells(next.value);
      if (cells.every((c) => c === null)) continue;
      yield { line: next.value.number, cells };
    }
  }
  return { format: 'xlsx', headers, rows: rows(), estimatedRows: null };
}

/** The wanted sheet (the first when none is named) and the names of the sheets before it. */
async function findSheet(filePath: string, sheetName: string | undefined) {
  // styles: 'cache' so date-formatted cells come back as Date, not as serial numbers.
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(filePath, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  const sheets = reader[Symbol.asyncIterator]();
  const seen: string[] = [];
  for (;;) {
    const next = await sheets.next();
    if (next.done) return { sheet: undefined, seen };
    const name = (next.value as unknown as { name?: string }).name ?? '';
    seen.push(name);
    if (!sheetName || name.toLowerCase() === sheetName.toLowerCase()) return { sheet: next.value, seen };
    // Skip the rows of sheets we do not want.
    for await (const _ of next.value) {
    }
  }
}

function rowCells(row: ExcelJS.Row): CellValue[] {
  const values = row.values as unknown[];
  const cells: CellValue[] = [];
  // ExcelJS row.values is 1-based: index 0 is empty.
  for (let i = 1; i < values.length; i++) cells.push(cellValue(values[i]));
  return cells;
}

function cellValue(value: unknown): CellValue {
  if (value === undefined || value === null) return null;
  if (typeof value === 'string') return value.trim() === '' ? null : value.trim();
  if (typeof value === 'number' || typeof value === 'boolean' || value instanceof Date) return value;
  if (typeof value === 'object') {
    const v = value as { text?: unknown; result?: unknown; richText?: Array<{ text: string }> };
    if (v.richText)
      return (
        v.richText
          .map((r) => r.text)
          .join('')
          .trim() || null
      );
    if (v.result !== undefined) return cellValue(v.result);
    if (typeof v.text === 'string') return v.text.trim() || null;
  }
  return String(value);
}
