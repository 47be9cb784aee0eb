import fs from 'node:fs';
import type { Stream } from 'node:stream';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { csvRow } from '../../db/copy-csv';
import type { SalurDatabase } from '../../db/database';
import type { DB } from '../../db/types';
import { NotFoundError } from '../errors';

/**
 * The rejected rows of a file import (registry, allocations, channel reports), ready to send back
 * to whoever made the file: the file line, the reason codes, the reasons in Bahasa Indonesia, the
 * columns concerned, then every original value under the file's own headers. Read in pages,
 * written as it goes. Each import only says where its rows are and how its codes read.
 */
export interface RejectionReportSpec {
  /** The import table; its `summary.headers` holds the file's own headers, in order. */
  imports: keyof DB;
  /** The rejection table: line, reasons, fields, original. */
  rejections: keyof DB;
  /** The rejection table's column naming the import. */
  importColumn: string;
  /** The name in the NotFoundError when the import is unknown. */
  entity: string;
  reasonMessages: Readonly<Record<string, string>>;
  fieldLabels: Readonly<Record<string, string>>;
}

interface ReportRow {
  line: number;
  reasons: string[];
  fields: string[];
  original: Record<string, string | null>;
}

const PAGE = 5_000;
const LEAD = ['BARIS', 'KODE_ALASAN', 'ALASAN', 'KOLOM_BERMASALAH'];

async function* reportRows(
  database: SalurDatabase,
  spec: RejectionReportSpec,
  importId: number,
): AsyncGenerator<ReportRow> {
  let after = 0;
  for (;;) {
    const { rows } = await sql<ReportRow>`
      SELECT line, reasons, fields, original FROM ${sql.table(spec.rejections)}
      WHERE ${sql.ref(spec.importColumn)} = ${importId} AND line > ${after}
      ORDER BY line LIMIT ${PAGE}`.execute(database.db);
    if (rows.length === 0) return;
    yield* rows;
    after = rows.at(-1)!.line;
  }
}

async function headersOf(database: SalurDatabase, spec: RejectionReportSpec, importId: number) {
  const { rows } = await sql<{ summary: { headers?: string[] } }>`
    SELECT summary FROM ${sql.table(spec.imports)} WHERE id = ${importId}`.execute(database.db);
  if (!rows[0]) throw new NotFoundError(spec.entity);
  return rows[0].summary.headers ?? [];
}

function describe(spec: RejectionReportSpec, row: ReportRow, headers: string[]) {
  return [
    row.line,
    row.reasons.join(', '),
    row.reasons.map((r) => spec.reasonMessages[r] ?? r).join(' '),
    row.fields.map((f) => spec.fieldLabels[f] ?? f).join(', '),
    ...headers.map((h) => row.original[h] ?? null),
  ];
}

export async function writeRejectionsCsv(
  database: SalurDatabase,
  spec: RejectionReportSpec,
  importId: number,
  out: NodeJS.WritableStream,
): Promise<void> {
  const headers = await headersOf(database, spec, importId);
  // BOM so that Excel opens the UTF-8 text with the right characters.
  out.write(`\uFEFF${csvRow([...LEAD, ...headers])}`);
  for await (const row of reportRows(database, spec, importId)) {
    if (!out.write(csvRow(describe(spec, row, headers))))
      await new Promise((resolve) => out.once('drain', resolve));
  }
  out.end();
}

export async function writeRejectionsXlsx(
  database: SalurDatabase,
  spec: RejectionReportSpec,
  importId: number,
  out: NodeJS.WritableStream,
): Promise<void> {
  const headers = await headersOf(database, spec, importId);
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
  for await (const row of reportRows(database, spec, importId)) {
    sheet.addRow(describe(spec, row, headers)).commit();
  }
  sheet.commit();
  await workbook.commit();
}

/** Writes `<base>.csv` and `<base>.xlsx` (the CLI, next to the file); returns their paths. */
export async function writeRejectionFiles(
  database: SalurDatabase,
  spec: RejectionReportSpec,
  importId: number,
  base: string,
) {
  const csv = `${base}.csv`;
  const xlsx = `${base}.xlsx`;
  await finished(fs.createWriteStream(csv), (out) => writeRejectionsCsv(database, spec, importId, out));
  await finished(fs.createWriteStream(xlsx), (out) => writeRejectionsXlsx(database, spec, importId, out));
  return { csv, xlsx };
}

async function finished(stream: fs.WriteStream, write: (out: fs.WriteStream) => Promise<void>) {
  const done = new Promise<void>((resolve, reject) => {
    stream.on('finish', resolve);
    stream.on('error', reject);
  });
  // The file may fail to open (a folder of that name, no permission) while the rows are still
  // being read from the database: the first failure decides, and neither outcome is left
  // unhandled (an unhandled rejection ended the CLI before it could say what happened).
  const writing = write(stream);
  done.catch(() => {});
  writing.catch(() => {});
  await Promise.race([writing.then(() => done), done]);
}

/** The three writers bound to one import's spec: what each module's error-report.ts exports. */
export function rejectionReport(spec: RejectionReportSpec) {
  return {
    csv: (database: SalurDatabase, importId: number, out: NodeJS.WritableStream) =>
      writeRejectionsCsv(database, spec, importId, out),
    xlsx: (database: SalurDatabase, importId: number, out: NodeJS.WritableStream) =>
      writeRejectionsXlsx(database, spec, importId, out),
    /** Writes `<base>.csv` and `<base>.xlsx` (the CLI, next to the file); returns their paths. */
    files: (database: SalurDatabase, importId: number, base: string) =>
      writeRejectionFiles(database, spec, importId, base),
  };
}
