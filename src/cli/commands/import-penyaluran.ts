import path from 'node:path';
import type { Command } from 'commander';
import { writeErrorReportFiles } from '../../modules/disbursements/error-report';
import type { DisbursementImportSummary } from '../../modules/disbursements/import-service';
import {
  DISBURSEMENT_REJECTION_MESSAGES,
  DISBURSEMENT_WARNING_MESSAGES,
  type DisbursementRejectionCode,
  type DisbursementWarningCode,
} from '../../modules/disbursements/reasons';
import { CLI_ACTOR, runWithServices, withDatabaseOptions } from '../context';
import { collectMapOption } from '../options';
import { createProgressBar } from '../progress';
import { printJson } from '../run';

interface ImportPenyaluranOptions {
  program: string;
  period: string;
  channel: string;
  sheet?: string;
  map: string[];
  json?: boolean;
  dataDir?: string;
  databaseUrl?: string;
}

/** `salur import penyaluran …`: a channel's report of what it paid (issue 4, docs/format-laporan-penyaluran.md). */
export function registerDisbursementImportCommand(importCommand: Command): void {
  withDatabaseOptions(importCommand.command('penyaluran <file>'))
    .description('Impor laporan penyaluran dari bank/PT Pos (.csv atau .xlsx) untuk satu program dan periode')
    .requiredOption('--program <kode>', 'kode program, mis. PKH')
    .requiredOption('--period <periode>', 'periode, mis. 2026-T2 (tahap), 2026-03 (bulan)')
    .requiredOption('--channel <penyalur>', 'penyalur: BRI, BNI, MANDIRI, BTN, BSI, POS')
    .option('--sheet <name>', 'lembar .xlsx (bawaan: lembar pertama)')
    .option(
      '--map <KOLOM=bidang>',
      'petakan judul kolom lain ke bidang nik, account, amount, paidOn, status, reason (boleh diulang)',
      collectMapOption,
      [],
    )
    .option('--json', 'cetak ringkasan JSON')
    .action(async (file: string, options: ImportPenyaluranOptions) => {
      const bar = createProgressBar('Impor penyaluran');
      const { summary, errorReport } = await runWithServices(options, async (services) => {
        const result = await services.disbursementImport.importReport(
          { ...CLI_ACTOR, regionCode: services.config.kabupatenCode },
          {
            program: options.program,
            period: options.period,
            channel: options.channel,
            filePath: file,
            sheet: options.sheet,
            map: options.map,
          },
          (rows, _stage, total) => bar.update(rows, total),
        );
        bar.stop();
        const base = path.join(path.dirname(file), `${path.basename(file, path.extname(file))}.ditolak`);
        const report =
          result.rejected > 0 ? await writeErrorReportFiles(services.database, result.reportId, base) : null;
        return { summary: result, errorReport: report };
      }).finally(() => bar.stop());
      if (options.json) printJson(toJson(summary, errorReport));
      else printHuman(summary, errorReport);
    });
}

function toJson(s: DisbursementImportSummary, report: { csv: string; xlsx: string } | null) {
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

const rupiah = (n: number) => `Rp${n.toLocaleString('id-ID')}`;

function printHuman(s: DisbursementImportSummary, report: { csv: string; xlsx: string } | null): void {
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
  for (const [code, n] of Object.entries(s.rejectedByReason))
    out(`  Ditolak ${code} (${n}): ${DISBURSEMENT_REJECTION_MESSAGES[code as DisbursementRejectionCode]}`);
  for (const [code, n] of Object.entries(s.warningsByReason))
    out(`  Peringatan ${code} (${n}): ${DISBURSEMENT_WARNING_MESSAGES[code as DisbursementWarningCode]}`);
  if (s.ignoredColumns.length) out(`  Kolom tidak dikenal (diabaikan): ${s.ignoredColumns.join(', ')}`);
  if (report) out(`  Laporan baris ditolak: ${report.csv} dan ${report.xlsx}`);
}
