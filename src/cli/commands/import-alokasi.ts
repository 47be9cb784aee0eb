import type { Command } from 'commander';
import { writeAllocationRejectionFiles } from '../../modules/allocations/error-report';
import type { AllocationImportSummary } from '../../modules/allocations/import-service';
import { ALLOCATION_FLAG_MESSAGES, ALLOCATION_REJECTION_MESSAGES } from '../../modules/allocations/reasons';
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

interface ImportAlokasiOptions extends FileImportOptions {
  program: string;
  period: string;
  channel?: string;
  sheet?: string;
  map: string[];
}

/** `salur import alokasi …`: the centre's allocation file for one programme period (docs/format-impor-alokasi.md). */
export function registerAllocationImportCommand(importCommand: Command): void {
  withSheetAndMap(
    withDatabaseOptions(importCommand.command('alokasi <file>'))
      .description('Impor berkas alokasi/penetapan KPM (.csv atau .xlsx) untuk satu program dan periode')
      .requiredOption('--program <kode>', 'kode program, mis. PKH, SEMBAKO')
      .requiredOption(
        '--period <periode>',
        'periode, mis. 2026-T2 (tahap), 2026-03 (bulan), 2026-Q1 (triwulan)',
      )
      .option(
        '--channel <penyalur>',
        'penyalur untuk baris tanpa kolom/isi penyalur: BRI, BNI, MANDIRI, BTN, BSI, POS',
      ),
    'petakan judul kolom lain ke bidang nik, kk, name, amount, channel, account (boleh diulang)',
  )
    .option('--json', 'cetak ringkasan JSON')
    .action((file: string, options: ImportAlokasiOptions) =>
      runFileImport(file, options, {
        label: 'Impor alokasi',
        run: (services, actor, onProgress) =>
          services.allocationImport.importAllocations(
            actor,
            {
              program: options.program,
              period: options.period,
              filePath: file,
              channel: options.channel,
              sheet: options.sheet,
              map: options.map,
            },
            onProgress,
          ),
        writeRejections: (database, summary, base) =>
          writeAllocationRejectionFiles(database, summary.importId, base),
        rejectionsUrl: (summary) => `/api/allocation-imports/${summary.importId}/rejected.csv`,
        toJson,
        printHuman,
      }),
    );
}

export function toJson(s: AllocationImportSummary, report: RejectionFiles) {
  return {
    importId: s.importId,
    program: s.program,
    period: s.period,
    rowsRead: s.rowsRead,
    accepted: s.accepted,
    rejected: s.rejected,
    rejectedByReason: s.rejectedByReason,
    flaggedByReason: s.flaggedByReason,
    alreadyAllocatedInPeriod: s.alreadyAllocatedInPeriod,
    reportLinesLinked: s.reportLinesLinked,
    linked: s.linked,
    households: s.households,
    totalAmount: s.totalAmount,
    expectedAmount: s.expectedAmount,
    errorReport: report?.csv ?? null,
    errorReportXlsx: report?.xlsx ?? null,
  };
}

function printHuman(s: AllocationImportSummary, report: RejectionFiles): void {
  const out = (line: string) => process.stdout.write(`${line}\n`);
  out(
    `Impor alokasi #${s.importId} ${s.program} ${s.period}: ${s.rowsRead} baris dibaca, ${s.accepted} diterima, ${s.rejected} ditolak.`,
  );
  out(
    `  ${s.linked} baris terhubung ke registri (${s.households} keluarga); nominal ${rupiah(s.totalAmount)}, hak terhitung ${rupiah(s.expectedAmount)}.`,
  );
  printByReason(out, 'Ditolak', s.rejectedByReason, ALLOCATION_REJECTION_MESSAGES);
  printByReason(out, 'Ditandai', s.flaggedByReason, ALLOCATION_FLAG_MESSAGES, '');
  if (s.alreadyAllocatedInPeriod > 0)
    out(
      `  ${s.alreadyAllocatedInPeriod} NIK sudah dialokasikan oleh impor sebelumnya di periode ini (tetap disimpan; lihat tab Sasaran).`,
    );
  if (s.reportLinesLinked > 0)
    out(
      `  ${s.reportLinesLinked} baris laporan penyaluran yang sebelumnya tanpa alokasi kini cocok dengan baris berkas ini; jalankan rekonsiliasi lagi.`,
    );
  printImportTail(out, s.ignoredColumns, report);
}
