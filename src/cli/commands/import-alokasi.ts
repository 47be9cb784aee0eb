import path from 'node:path';
import type { Command } from 'commander';
import { writeAllocationRejectionFiles } from '../../modules/allocations/error-report';
import type { AllocationImportSummary } from '../../modules/allocations/import-service';
import {
  ALLOCATION_FLAG_MESSAGES,
  ALLOCATION_REJECTION_MESSAGES,
  type AllocationFlag,
  type AllocationRejectionCode,
} from '../../modules/allocations/reasons';
import { CLI_ACTOR, runWithServices, withDatabaseOptions } from '../context';
import { collectMapOption } from '../options';
import { createProgressBar } from '../progress';
import { printJson } from '../run';

interface ImportAlokasiOptions {
  program: string;
  period: string;
  channel?: string;
  sheet?: string;
  map: string[];
  json?: boolean;
  dataDir?: string;
  databaseUrl?: string;
}

/** `salur import alokasi …`: the centre's allocation file for one programme period (docs/format-impor-alokasi.md). */
export function registerAllocationImportCommand(importCommand: Command): void {
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
    )
    .option('--sheet <name>', 'lembar .xlsx (bawaan: lembar pertama)')
    .option(
      '--map <KOLOM=bidang>',
      'petakan judul kolom lain ke bidang nik, kk, name, amount, channel, account (boleh diulang)',
      collectMapOption,
      [],
    )
    .option('--json', 'cetak ringkasan JSON')
    .action(async (file: string, options: ImportAlokasiOptions) => {
      const bar = createProgressBar('Impor alokasi');
      const { summary, errorReport } = await runWithServices(options, async (services) => {
        const result = await services.allocationImport.importAllocations(
          { ...CLI_ACTOR, regionCode: services.config.kabupatenCode },
          {
            program: options.program,
            period: options.period,
            filePath: file,
            channel: options.channel,
            sheet: options.sheet,
            map: options.map,
          },
          (rows, _stage, total) => bar.update(rows, total),
        );
        bar.stop();
        const base = path.join(path.dirname(file), `${path.basename(file, path.extname(file))}.ditolak`);
        const report =
          result.rejected > 0
            ? await writeAllocationRejectionFiles(services.database, result.importId, base)
            : null;
        return { summary: result, errorReport: report };
      }).finally(() => bar.stop());
      if (options.json) printJson(toJson(summary, errorReport));
      else printHuman(summary, errorReport);
    });
}

export function toJson(s: AllocationImportSummary, report: { csv: string; xlsx: string } | null) {
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
    linked: s.linked,
    households: s.households,
    totalAmount: s.totalAmount,
    expectedAmount: s.expectedAmount,
    errorReport: report?.csv ?? null,
    errorReportXlsx: report?.xlsx ?? null,
  };
}

const rupiah = (n: number) => `Rp${n.toLocaleString('id-ID')}`;

function printHuman(s: AllocationImportSummary, report: { csv: string; xlsx: string } | null): void {
  const out = (line: string) => process.stdout.write(`${line}\n`);
  out(
    `Impor alokasi #${s.importId} ${s.program} ${s.period}: ${s.rowsRead} baris dibaca, ${s.accepted} diterima, ${s.rejected} ditolak.`,
  );
  out(
    `  ${s.linked} baris terhubung ke registri (${s.households} keluarga); nominal ${rupiah(s.totalAmount)}, hak terhitung ${rupiah(s.expectedAmount)}.`,
  );
  for (const [code, n] of Object.entries(s.rejectedByReason))
    out(`  Ditolak ${code} (${n}): ${ALLOCATION_REJECTION_MESSAGES[code as AllocationRejectionCode]}`);
  for (const [code, n] of Object.entries(s.flaggedByReason))
    out(`  Ditandai ${code} (${n}): ${ALLOCATION_FLAG_MESSAGES[code as AllocationFlag] ?? ''}`);
  if (s.alreadyAllocatedInPeriod > 0)
    out(
      `  ${s.alreadyAllocatedInPeriod} NIK sudah dialokasikan oleh impor sebelumnya di periode ini (tetap disimpan; lihat tab Sasaran).`,
    );
  if (s.ignoredColumns.length) out(`  Kolom tidak dikenal (diabaikan): ${s.ignoredColumns.join(', ')}`);
  if (report) out(`  Laporan baris ditolak: ${report.csv} dan ${report.xlsx}`);
}
