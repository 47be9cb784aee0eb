import path from 'node:path';
import type { Command } from 'commander';
import type { SalurDatabase } from '../db/database';
import type { Actor } from '../platform/auth/actor';
import type { Services } from '../platform/services';
import { CLI_ACTOR, type DatabaseOptions, runWithServices } from './context';
import { collectMapOption } from './options';
import { createProgressBar } from './progress';
import { printJson } from './run';

/**
 * What `salur import dtsen|alokasi|penyaluran` share: the --sheet/--map options, the progress bar,
 * the rejected rows written next to the file (`<name>.ditolak.csv/.xlsx`), JSON or human output.
 */
export type RejectionFiles = { csv: string; xlsx: string } | null;

export interface FileImportOptions extends DatabaseOptions {
  json?: boolean;
}

export interface FileImport<S extends { rejected: number }> {
  /** The progress bar's label. */
  label: string;
  run: (
    services: Services,
    actor: Actor,
    onProgress: (rows: number, stage: string, total: number | null) => void,
  ) => Promise<S>;
  writeRejections: (database: SalurDatabase, summary: S, base: string) => Promise<RejectionFiles>;
  /** The API path that serves this import's rejected rows as CSV (also behind the web page's download). */
  rejectionsUrl: (summary: S) => string;
  toJson: (summary: S, report: RejectionFiles) => unknown;
  printHuman: (summary: S, report: RejectionFiles) => void;
}

/** `--sheet` and `--map` (repeatable); `mapHelp` names the fields a header may be mapped to. */
export function withSheetAndMap(command: Command, mapHelp: string): Command {
  return command
    .option('--sheet <name>', 'lembar .xlsx (bawaan: lembar pertama)')
    .option('--map <KOLOM=bidang>', mapHelp, collectMapOption, []);
}

export async function runFileImport<S extends { rejected: number }>(
  file: string,
  options: FileImportOptions,
  spec: FileImport<S>,
): Promise<void> {
  const bar = createProgressBar(spec.label);
  const { summary, errorReport, unwritten } = await runWithServices(options, async (services) => {
    const result = await spec.run(
      services,
      { ...CLI_ACTOR, regionCode: services.config.kabupatenCode },
      (rows, _stage, total) => bar.update(rows, total),
    );
    bar.stop();
    const base = path.join(path.dirname(file), `${path.basename(file, path.extname(file))}.ditolak`);
    if (result.rejected === 0) return { summary: result, errorReport: null, unwritten: null };
    try {
      const report = await spec.writeRejections(services.database, result, base);
      return { summary: result, errorReport: report, unwritten: null };
    } catch (error) {
      // The import is already committed: failing here would hide a done import behind
      // "Galat tak terduga", and running it again is refused as the same file.
      // Node names the file it failed on (the .xlsx when only the .csv went through).
      const failed = (error as NodeJS.ErrnoException).path ?? `${base}.csv`;
      return { summary: result, errorReport: null, unwritten: { path: failed, error } };
    }
  }).finally(() => bar.stop());
  if (options.json)
    printJson({
      ...(spec.toJson(summary, errorReport) as object),
      ...(unwritten && { errorReportNotWritten: unwritten.path }),
    });
  else spec.printHuman(summary, errorReport);
  if (unwritten) warnRejectionsNotWritten(unwritten.path, unwritten.error, spec.rejectionsUrl(summary));
}

/**
 * Exit code of an import that was saved but whose rejected rows could not be written next to
 * the file (docs/cli.md#kode-keluar): not 0, so a script that sends `<name>.ditolak.csv` back
 * does not look for a file that is not there; not 2, which means nothing was saved.
 */
export const EXIT_REJECTIONS_NOT_WRITTEN = 3;

function warnRejectionsNotWritten(target: string, error: unknown, url: string): void {
  process.stderr.write(
    `Peringatan [REJECTION_FILE_NOT_WRITTEN]: impor di atas sudah tersimpan, tetapi daftar baris ditolak tidak dapat ditulis ke ${target} (${writeFailureReason(error)}). ` +
      `Tidak perlu mengimpor ulang berkas ini. Unduh daftarnya di aplikasi web ` +
      `(riwayat impor, tombol "Unduh baris ditolak") atau lewat API: GET ${url} (atau .xlsx); ` +
      'untuk berkas berikutnya, letakkan berkas masukan di folder yang dapat ditulisi.\n',
  );
  process.exitCode = EXIT_REJECTIONS_NOT_WRITTEN;
}

/** Node's file-system error in words an operator can act on; the errno code kept for support. */
function writeFailureReason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  const reasons: Record<string, string> = {
    EACCES: 'tidak ada izin menulis di folder itu',
    EPERM: 'tidak ada izin menulis di folder itu',
    EROFS: 'folder itu hanya-baca',
    ENOSPC: 'ruang disk penuh',
    ENOENT: 'folder itu tidak ada',
    ENOTDIR: 'jalur folder itu bukan folder',
    EISDIR: 'sudah ada folder dengan nama itu',
  };
  if (code && reasons[code]) return `${reasons[code]}, ${code}`;
  return code ?? (error instanceof Error ? error.message : String(error));
}

/** One line per reason code: `  <verb> CODE (n): message`. */
export function printByReason(
  out: (line: string) => void,
  verb: string,
  counts: Record<string, number>,
  messages: Readonly<Record<string, string>>,
  missing?: string,
): void {
  for (const [code, n] of Object.entries(counts))
    out(`  ${verb} ${code} (${n}): ${messages[code] ?? missing}`);
}

/** The closing lines every import prints: ignored columns, where the rejected rows were written. */
export function printImportTail(
  out: (line: string) => void,
  ignoredColumns: string[],
  report: RejectionFiles,
) {
  if (ignoredColumns.length) out(`  Kolom tidak dikenal (diabaikan): ${ignoredColumns.join(', ')}`);
  if (report) out(`  Laporan baris ditolak: ${report.csv} dan ${report.xlsx}`);
}

export const rupiah = (n: number) => `Rp${n.toLocaleString('id-ID')}`;
