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
  const { summary, errorReport } = await runWithServices(options, async (services) => {
    const result = await spec.run(
      services,
      { ...CLI_ACTOR, regionCode: services.config.kabupatenCode },
      (rows, _stage, total) => bar.update(rows, total),
    );
    bar.stop();
    const base = path.join(path.dirname(file), `${path.basename(file, path.extname(file))}.ditolak`);
    const report = result.rejected > 0 ? await spec.writeRejections(services.database, result, base) : null;
    return { summary: result, errorReport: report };
  }).finally(() => bar.stop());
  if (options.json) printJson(spec.toJson(summary, errorReport));
  else spec.printHuman(summary, errorReport);
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
