import path from 'node:path';
import type { Command } from 'commander';
import { writeErrorReportFiles } from '../../modules/registry/import/error-report';
import { REJECTION_MESSAGES, type RejectionCode } from '../../modules/registry/import/reasons';
import type { DtsenImportSummary } from '../../modules/registry/import/service';
import { CLI_ACTOR, runWithServices, withDatabaseOptions } from '../context';
import { collectMapOption } from '../options';
import { createProgressBar } from '../progress';
import { printJson } from '../run';

interface ImportDtsenOptions {
  edition?: string;
  sheet?: string;
  map: string[];
  dtks?: boolean;
  json?: boolean;
  dataDir?: string;
  databaseUrl?: string;
}

/** Registers `salur import …` and returns the group, so other modules add their own file kinds. */
export function registerImportCommands(program: Command): Command {
  const importCommand = program.command('import').description('Impor berkas pusat');
  withDatabaseOptions(importCommand.command('dtsen <file>'))
    .description('Impor berkas DTSEN/DTKS (.csv atau .xlsx) ke registri keluarga')
    .option('--edition <YYYY-MM>', 'edisi DTSEN (bawaan: bulan ini)')
    .option('--sheet <name>', 'lembar .xlsx (bawaan: lembar pertama)')
    .option(
      '--map <KOLOM=bidang>',
      'petakan judul kolom lain ke bidang (boleh diulang)',
      collectMapOption,
      [],
    )
    .option('--dtks', 'berkas lama DTKS (bukan DTSEN)')
    .option('--json', 'cetak ringkasan JSON')
    .action(async (file: string, options: ImportDtsenOptions) => {
      const bar = createProgressBar('Impor DTSEN');
      const { summary, errorReport } = await runWithServices(options, async (services) => {
        const result = await services.registryImport.importDtsen(
          { ...CLI_ACTOR, regionCode: services.config.kabupatenCode },
          {
            filePath: file,
            edition: options.edition,
            sheet: options.sheet,
            map: options.map,
            kind: options.dtks ? 'DTKS' : 'DTSEN',
          },
          (rows, _stage, total) => bar.update(rows, total),
        );
        bar.stop();
        const base = path.join(path.dirname(file), `${path.basename(file, path.extname(file))}.ditolak`);
        const report =
          result.rejected > 0 ? await writeErrorReportFiles(services.database, result.importId, base) : null;
        return { summary: result, errorReport: report };
      }).finally(() => bar.stop());
      if (options.json) printJson(toJson(summary, errorReport));
      else printHuman(summary, errorReport);
    });
  return importCommand;
}

function toJson(s: DtsenImportSummary, report: { csv: string; xlsx: string } | null) {
  return {
    importId: s.importId,
    edition: s.edition,
    rowsRead: s.rowsRead,
    accepted: s.accepted,
    rejected: s.rejected,
    rejectedByReason: s.rejectedByReason,
    warningsByReason: s.warningsByReason,
    persons: { inserted: s.persons.inserted, updated: s.persons.updated, unchanged: s.persons.unchanged },
    households: { inserted: s.households.inserted, updated: s.households.updated },
    absent: s.persons.absent,
    kkChanged: s.households.kkChanged,
    errorReport: report?.csv ?? null,
    errorReportXlsx: report?.xlsx ?? null,
  };
}

function printHuman(s: DtsenImportSummary, report: { csv: string; xlsx: string } | null): void {
  const out = (line: string) => process.stdout.write(`${line}\n`);
  out(
    `Impor #${s.importId} edisi ${s.edition}: ${s.rowsRead} baris dibaca, ${s.accepted} diterima, ${s.rejected} ditolak.`,
  );
  out(
    `  Penduduk: ${s.persons.inserted} baru, ${s.persons.updated} berubah, ${s.persons.unchanged} tetap, ${s.persons.absent} tidak ada lagi di edisi ini (ditandai).`,
  );
  out(
    `  Keluarga: ${s.households.inserted} baru, ${s.households.updated} berubah (${s.households.kkChanged} ganti nomor KK).`,
  );
  for (const [code, n] of Object.entries(s.rejectedByReason))
    out(`  Ditolak ${code} (${n}): ${REJECTION_MESSAGES[code as RejectionCode]}`);
  for (const [code, n] of Object.entries(s.warningsByReason)) out(`  Peringatan ${code}: ${n} baris`);
  if (s.ignoredColumns.length) out(`  Kolom tidak dikenal (diabaikan): ${s.ignoredColumns.join(', ')}`);
  if (report) out(`  Laporan baris ditolak: ${report.csv} dan ${report.xlsx}`);
}
