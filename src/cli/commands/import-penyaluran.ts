import type { Command } from 'commander';
import { writeErrorReportFiles } from '../../modules/disbursements/error-report';
import type { DisbursementImportSummary } from '../../modules/disbursements/import-service';
import {
  DISBURSEMENT_REJECTION_MESSAGES,
  DISBURSEMENT_WARNING_MESSAGES,
} from '../../modules/disbursements/reasons';
import { withDatabaseOptions } from '../context';
import {
  type FileImportOptions,
  printByReason,
  printImportTail,
  type RejectionFiles,
  runFileImport,
  rupiah,
  withSheetAndMap,
} from '../file-import';

interface ImportPenyaluranOptions extends FileImportOptions {
  program: string;
  period: string;
  channel: string;
  sheet?: string;
  map: string[];
}

/** `salur import penyaluran …`: a channel's report of what it paid (issue 4, docs/format-laporan-penyaluran.md). */
export function registerDisbursementImportCommand(importCommand: Command): void {
  withSheetAndMap(
    withDatabaseOptions(importCommand.command('penyaluran <file>'))
      .description(
        'Impor laporan penyaluran dari bank/PT Pos (.csv atau .xlsx) untuk satu program dan periode',
      )
      .requiredOption('--program <kode>', 'kode program, mis. PKH')
      .requiredOption('--period <periode>', 'periode, mis. 2026-T2 (tahap), 2026-03 (bulan)')
      .requiredOption('--channel <penyalur>', 'penyalur: BRI, BNI, MANDIRI, BTN, BSI, POS'),
    'petakan judul kolom lain ke bidang nik, account, amount, paidOn, status, reason (boleh diulang)',
  )
    .option('--json', 'cetak ringkasan JSON')
    .action((file: string, options: ImportPenyaluranOptions) =>
      runFileImport(file, options, {
        label: 'Impor penyaluran',
        run: (services, actor, onProgress) =>
          services.disbursementImport.importReport(
            actor,
            {
              program: options.program,
              period: options.period,
              channel: options.channel,
              filePath: file,
              sheet: options.sheet,
              map: options.map,
            },
            onProgress,
          ),
        writeRejections: (database, summary, base) => writeErrorReportFiles(database, summary.reportId, base),
        rejectionsUrl: (s) =>
          `/api/programs/${s.program}/periods/${s.period}/disbursement-reports/${s.reportId}/rejected.csv`,
        toJson,
        printHuman,
      }),
    );
}

function toJson(s: DisbursementImportSummary, report: RejectionFiles) {
  return {
    reportId: s.reportId,
    program: s.program,
    period: s.period,
    channel: s.channel,
    fileName: s.fileName,
    rowsRead: s.rowsRead,
    accepted: s.accepted,
    rejected: s.rejected,
    alreadyReported: s.alreadyReported,
    matched: s.matched,
    unallocated: s.unallocated,
    byStatus: s.byStatus,
    rejectedByReason: s.rejectedByReason,
    warningsByReason: s.warningsByReason,
    ignoredColumns: s.ignoredColumns,
    errorReport: report?.csv ?? null,
    errorReportXlsx: report?.xlsx ?? null,
  };
}

function printHuman(s: DisbursementImportSummary, report: RejectionFiles): void {
  const out = (line: string) => process.stdout.write(`${line}\n`);
  out(
    `Laporan #${s.reportId} ${s.program} ${s.period} ${s.channel}: ${s.rowsRead} baris dibaca, ${s.accepted} disimpan, ` +
      `${s.rejected} ditolak, ${s.alreadyReported} sudah dilaporkan sebelumnya (dilewati).`,
  );
  out(`  Cocok dengan alokasi: ${s.matched}; tanpa alokasi (TIDAK_DIALOKASIKAN): ${s.unallocated}.`);
  out(
    `  BERHASIL: ${s.byStatus.BERHASIL.lines} baris, ${rupiah(s.byStatus.BERHASIL.amount)}; ` +
      `GAGAL: ${s.byStatus.GAGAL.lines} baris, ${rupiah(s.byStatus.GAGAL.amount)}.`,
  );
  printByReason(out, 'Ditolak', s.rejectedByReason, DISBURSEMENT_REJECTION_MESSAGES);
  printByReason(out, 'Peringatan', s.warningsByReason, DISBURSEMENT_WARNING_MESSAGES);
  printImportTail(out, s.ignoredColumns, report);
}
