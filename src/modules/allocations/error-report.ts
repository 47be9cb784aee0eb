import fs from 'node:fs';
import type { Stream } from 'node:stream';
import ExcelJS from 'exceljs';
import { csvRow } from '../../db/copy-csv';
import type { SalurDatabase } from '../../db/database';
import { NotFoundError } from '../../platform/errors';
import { ALLOCATION_FIELD_LABELS, type AllocationField } from './fields';
import { ALLOCATION_REJECTION_MESSAGES, type AllocationRejectionCode } from './reasons';

/**
 * The rejected lines of an allocation import, to send back to whoever made the file — the same
 * layout as the registry's error report (src/modules/registry/import/error-report.ts): file
 * line, reason codes, reasons in Bahasa Indonesia, the columns concerned, then every original
 * value under the file's own headers. Read in pages, written as it goes.
 */
const PAGE = 5_000;
const LEAD = ['BARIS', 'KODE_ALASAN', 'ALASAN', 'KOLOM_BERMASALAH'];

interface ReportRow {
  line: number;
  reasons: string[];
  fields: string[];
  original: Record<string, string | null>;
}

async function* reportRows(database: SalurDatabase, importId: number): AsyncGenerator<ReportRow> {
  let after = 0;
  for (;;) {
    const rows = await database.db
      .selectFrom('allocation_import_rejection')
      .select(['line', 'reasons', 'fields', 'original'])
      .where('import_id', '=', importId)
      .where('line', '>', after)
      .orderBy('line')
      .limit(PAGE)
      .execute();
    if (rows.length === 0) return;
    for (const row of rows) yield row as ReportRow;
    after = rows.at(-1)!.line;
  }
}

async function headersOf(database: SalurDatabase, importId: number): Promise<string[]> {
  const row = await database.db
    .selectFrom('allocation_import')
    .select('summary')
    .where('id', '=', importId)
    .executeTakeFirst();
  if (!row) throw new NotFoundError('Impor alokasi');
  return ((row.summary as { headers?: string[] }).headers ?? []) as string[];
}

function describe(row: ReportRow, headers: string[]): Array<string | number | null> {
  return [
    row.line,
    row.reasons.join(', '),
    row.reasons.map((r) => ALLOCATION_REJECTION_MESSAGES[r as AllocationRejectionCode] ?? r).join(' '),
    row.fields.map((f) => ALLOCATION_FIELD_LABELS[f as AllocationField] ?? f).join(', '),
    ...headers.map((h) => row.original[h] ?? null),
  ];
}

export async function writeAllocationRejectionsCsv(
  database: SalurDatabase,
  importId: number,
  out: NodeJS.WritableStream,
): Promise<void> {
  const headers = await headersOf(database, importId);
  // BOM so that Excel opens the UTF-8 text with the right characters.
  out.write(`\uFEFF${csvRow([...LEAD, ...headers])}`);
  for await (const row of reportRows(database, importId)) {
    if (!out.write(csvRow(describe(row, headers))))
      await new Promise((resolve) => out.once('drain', resolve));
  }
  out.end();
}

export async function writeAllocationRejectionsXlsx(
  database: SalurDatabase,
  importId: number,
  out: NodeJS.WritableStream,
): Promise<void> {
  const headers = await headersOf(database, importId);
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out as unknown as Stream,
    useSharedStrings: false,
  });
  const sheet = workbook.addWorksheet('Baris ditolak');
  sheet.columns = [...LEAD, ...headers].map((header, i) => ({
    header,
    key: `c${i}`,
    width: i === 2 ? 60 : 18,
  }));
  // Every original value as text: a NIK must not turn into a number again.
  for (let i = LEAD.length + 1; i <= LEAD.length + headers.length; i++) sheet.getColumn(i).numFmt = '@';
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).commit();
  for await (const row of reportRows(database, importId)) sheet.addRow(describe(row, headers)).commit();
  sheet.commit();
  await workbook.commit();
}

/** Writes `<base>.csv` and `<base>.xlsx` (the CLI, next to the file); returns their paths. */
export async function writeAllocationRejectionFiles(database: SalurDatabase, importId: number, base: string) {
  const csv = `${base}.csv`;
  const xlsx = `${base}.xlsx`;
  await finished(fs.createWriteStream(csv), (out) => writeAllocationRejectionsCsv(database, importId, out));
  await finished(fs.createWriteStream(xlsx), (out) => writeAllocationRejectionsXlsx(database, importId, out));
  return { csv, xlsx };
}

async function finished(stream: fs.WriteStream, write: (out: fs.WriteStream) => Promise<void>) {
  const done = new Promise<void>((resolve, reject) => {
    stream.on('finish', resolve);
    stream.on('error', reject);
  });
  await write(stream);
  await done;
}
