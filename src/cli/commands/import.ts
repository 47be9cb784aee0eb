import type { Command } from 'commander';
import { writeErrorReportFiles } from '../../modules/registry/import/error-report';
import { REJECTION_MESSAGES } from '../../modules/registry/import/reasons';
import type { DtsenImportSummary } from '../../modules/registry/import/service';
import { withDatabaseOptions } from '../context';
import {
  type FileImportOptions,
  printByReason,
  printImportTail,
  type RejectionFiles,
  runFileImport,
  withSheetAndMap,
} from '../file-import';

interface ImportDtsenOptions extends FileImportOptions {
  edition?: string;
  sheet?: string;
  map: string[];
  dtks?: boolean;
}

/** Registers `salur import …` and returns the group, so other modules add their own file kinds. */
export function registerImportCommands(program: Command): Command {
  const importCommand = program.command('import').description('Impor berkas pusat');
  withSheetAndMap(
    withDatabaseOptions(importCommand.command('dtsen <file>'))
      .description('Impor berkas DTSEN/DTKS (.csv atau .xlsx) ke registri keluarga')
      .option('--edition <YYYY-MM>', 'edisi DTSEN (bawaan: bulan ini)'),
    'petakan judul kolom lain ke bidang (boleh diulang)',
  )
    .option('--dtks', 'berkas lama DTKS (bukan DTSEN)')
    .option('--json', 'cetak ringkasan JSON')
    .action((file: string, options: ImportDtsenOptions) =>
      runFileImport(file, options, {
        label: 'Impor DTSEN',
        run: (services, actor, onProgress) =>
          services.registryImport.importDtsen(
            actor,
            {
              filePath: file,
              edition: options.edition,
              sheet: options.sheet,
              map: options.map,
              kind: options.dtks ? 'DTKS' : 'DTSEN',
            },
            onProgress,
          ),
        writeRejections: (database, summary, base) => writeErrorReportFiles(database, summary.importId, base),
        rejectionsUrl: (summary) => `/api/registry/imports/${summary.importId}/rejected.csv`,
        toJson,
        printHuman,
      }),
    );
  return importCommand;
}

function toJson(s: DtsenImportSummary, report: RejectionFiles) {
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

function printHuman(s: DtsenImportSummary, report: RejectionFiles): void {
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
  printByReason(out, 'Ditolak', s.rejectedByReason, REJECTION_MESSAGES);
  for (const [code, n] of Object.entries(s.warningsByReason)) out(`  Peringatan ${code}: ${n} baris`);
  printImportTail(out, s.ignoredColumns, report);
}
