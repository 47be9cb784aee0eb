import fs from 'node:fs';
import ExcelJS from 'exceljs';
import { csvRow } from '../../db/copy-csv';
import type { SalurDatabase } from '../../db/database';
import { NotFoundError } from '../../platform/errors';
import { DISBURSEMENT_FIELD_LABELS, type DisbursementField } from './fields';
import { DISBURSEMENT_REJECTION_MESSAGES, type DisbursementRejectionCode } from './reasons';

const PAGE = 5_000;

interface ReportRow {
  line: number;
  reasons: string[];
  fields: string[];
  original: Record<string, string | null>;
}

/**
 * The rejected lines of a channel report (same layout as the registry import's report), ready to send back to whoever made the file: the file line,
 * the reason codes, the reasons in Bahasa Indonesia, the columns concerned, then every
 * original value under the file's own headers. Read in pages, written as it goes.
 */
async function* reportRows(database: SalurDatabase, reportId: number): AsyncGenerator<ReportRow> {
  let after = 0;
  for (;;) {
    const rows = await database.db
      .selectFrom('disbursement_report_rejection')
      .select(['line', 'reasons', 'fields', 'original'])
      .where('report_id', '=', reportId)
      .where('line', '>', after)
      .orderBy('line')
      .limit(PAGE)
      .execute();
    if (rows.length === 0) return;
    for (const row of rows) yield row as ReportRow;
    after = rows.at(-1)!.line;
  }
}

async function headersOf(database: SalurDatabase, reportId: number): Promise<string[]> {
  const row = await database.db
    .selectFrom('disbursement_report')
    .select('summary')
    .where('id', '=', reportId)
    .executeTakeFirst();
  if (!row) throw new NotFoundError('Laporan penyaluran');
  return ((row.summary as { headers?: string[] }).headers ?? []) as string[];
}

function describe(row: ReportRow, headers: string[]): Array<string | number | null> {
  return [
    row.line,
    row.reasons.join(', '),
    row.reasons.map((r) => DISBURSEMENT_REJECTION_MESSAGES[r as DisbursementRejectionCode] ?? r).join(' '),
    row.fields.map((f) => DISBURSEMENT_FIELD_LABELS[f as DisbursementField] ?? f).join(', '),
    ...headers.map((h) => row.original[h] ?? null),
  ];
}

const LEAD = ['BARIS', 'KODE_ALASAN', 'ALASAN', 'KOLOM_BERMASALAH'];

export async function writeErrorReportCsv(
  database: SalurDatabase,
  reportId: number,
  out: NodeJS.WritableStream,
): Promise<void> {
  const headers = await headersOf(database, reportId);
  // BOM so that Excel opens the UTF-8 text with the right characters.
  out.write(`\uFEFF${csvRow([...LEAD, ...headers])}`);
  for await (const row of reportRows(database, reportId)) {
    const line = csvRow(describe(row, headers));
    if (!out.write(line)) await new Promise((resolve) => out.once('drain', resolve));
  }
  out.end();
}

export async function writeErrorReportXlsx(
  database: SalurDatabase,
  reportId: number,
  out: NodeJS.WritableStream,
): Promise<void> {
  const headers = await headersOf(database, reportId);
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out as unknown as import('node:stream').Stream,
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
  for await (const row of reportRows(database, reportId)) {
    sheet.addRow(describe(row, headers)).commit();
  }
  sheet.commit();
  await workbook.commit();
}

/** Writes `<base>.csv` and `<base>.xlsx`; returns their paths. */
export async function writeErrorReportFiles(database: SalurDatabase, reportId: number, base: string) {
  const csv = `${base}.csv`;
  const xlsx = `${base}.xlsx`;
  await finished(fs.createWriteStream(csv), (out) => writeErrorReportCsv(database, reportId, out));
  await finished(fs.createWriteStream(xlsx), (out) => writeErrorReportXlsx(database, reportId, out));
  return { csv, xlsx };
}

async function finished(
  stream: fs.WriteStream,
  write: (out: fs.WriteStream) => Promise<void>,
): Promise<void> {
  const done = new Promise<void>((resolve, reject) => {
    stream.on('finish', resolve);
    stream.on('error', reject);
  });
  await write(stream);
  await done;
}
