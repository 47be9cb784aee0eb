import type { Command } from 'commander';
import { formatRupiah } from '../../domain/format';
import { formatRegionCode } from '../../domain/region-code';
import {
  type PresentedPeriodState,
  type ReconciliationSummary,
  SUMMARY_STATUSES,
  type SummaryStatus,
} from '../../modules/reconciliation/presenter';
import { localTime } from '../../modules/reconciliation/report-format';
import { AppError } from '../../platform/errors';
import { CLI_ACTOR, configFrom, runWithServices, withDatabaseOptions } from '../context';
import { createProgressBar } from '../progress';
import type { RemoteClient } from '../remote';
import { printJson } from '../run';

interface RekonsiliasiOptions {
  program: string;
  period: string;
  json?: boolean;
  finalise?: boolean;
  reopen?: string;
  dataDir?: string;
  databaseUrl?: string;
}

interface Outcome {
  state: PresentedPeriodState;
  summary: ReconciliationSummary | null;
  /** Why nothing was run (a finalised period shows its frozen result). */
  note?: string;
}

const STATUS_LABELS: Record<SummaryStatus, string> = {
  TERSALUR: 'dibayar penuh sesuai alokasi',
  SELISIH_NOMINAL: 'dibayar dengan nominal lain',
  GANDA: 'dibayar lebih dari sekali',
  GAGAL_SALUR: 'kanal gagal membayar',
  BELUM_ADA_LAPORAN: 'belum ada laporan',
  TIDAK_DIALOKASIKAN: 'baris laporan tanpa alokasi',
};

/**
 * `salur rekonsiliasi --program PKH --period 2026-T2 [--json]`: runs the reconciliation of the
 * period and prints the result. A finalised period is not run again: its frozen result is
 * shown. `--finalise` finalises after the run; `--reopen "<alasan>"` reopens a final period.
 */
export function registerRekonsiliasiCommand(program: Command): void {
  withDatabaseOptions(program.command('rekonsiliasi'))
    .description('Rekonsiliasi alokasi dengan laporan penyaluran kanal untuk satu periode program')
    .requiredOption('--program <kode>', 'kode program, mis. PKH')
    .requiredOption('--period <kode>', 'periode, mis. 2026-T2 (tahap), 2026-03 (bulan), 2026-Q1')
    .option('--finalise', 'finalkan periode (rekonsiliasi terakhir lalu dibekukan)')
    .option('--reopen <alasan>', 'buka kembali periode yang sudah final, dengan alasan (min. 10 karakter)')
    .option('--json', 'cetak ringkasan JSON')
    .action(async (options: RekonsiliasiOptions) => {
      if (options.finalise && options.reopen !== undefined) {
        throw new AppError('OPTIONS_CONFLICT', 'Pilih salah satu: --finalise atau --reopen.', 400);
      }
      const bar = createProgressBar('Rekonsiliasi');
      // People read times in the office's zone (DOMAIN.md "Dates"); --json keeps ISO UTC.
      const { timeZone } = configFrom(options);
      const outcome = await runWithServices<Outcome>(
        options,
        async (services) => {
          const actor = { ...CLI_ACTOR, regionCode: services.config.kabupatenCode };
          const service = services.reconciliation;
          const { program, period } = options;
          if (options.reopen !== undefined) return service.reopen(actor, program, period, options.reopen);
          if (options.finalise) return service.finalise(actor, program, period);
          const current = await service.summary(actor, program, period).catch(() => null);
          if (current?.state.status === 'FINAL')
            return { ...current, note: frozenNote(current.state, timeZone) };
          await service.run(actor, program, period, (done, total) => bar.update(done, total));
          bar.stop();
          return service.summary(actor, program, period);
        },
        (client) => runRemote(client, options, timeZone, (done, total) => bar.update(done, total)),
      ).finally(() => bar.stop());
      if (outcome.note) process.stderr.write(`${outcome.note}\n`);
      if (options.json) printJson(rekonsiliasiJson(outcome.state, outcome.summary));
      else printHuman(outcome.state, outcome.summary, timeZone);
    });
}

/** The `--json` document: the summary's keys first, then the period's state. */
export function rekonsiliasiJson(state: PresentedPeriodState, summary: ReconciliationSummary | null) {
  if (!summary) throw new AppError('NOT_RECONCILED', 'Periode ini belum pernah direkonsiliasi.', 404);
  return {
    program: summary.program,
    period: summary.period,
    byStatus: summary.byStatus,
    realisasi: summary.realisasi,
    unallocatedPaid: summary.unallocatedPaid,
    byKecamatan: summary.byKecamatan,
    byChannel: summary.byChannel,
    periodStatus: state.status,
    reconciledAt: state.reconciledAt,
    finalisedAt: state.finalisedAt,
  };
}

function frozenNote(state: PresentedPeriodState, timeZone: string): string {
  return `Periode ${state.period} program ${state.program} sudah final (${officeMoment(state.finalisedAt, timeZone)}): hasil beku ditampilkan, rekonsiliasi tidak dijalankan ulang.`;
}

/** `2026-12-06T08:16:47.330Z` → `6 Desember 2026 pukul 15.16 WIB` (office zone, e.g. Asia/Jakarta). */
export function officeMoment(iso: string | null, timeZone: string): string {
  if (!iso) return '-';
  const at = localTime(new Date(iso), timeZone);
  return `${at.dateText} pukul ${at.time}`;
}

/** While a server holds the embedded database: the same steps through its API. */
async function runRemote(
  client: RemoteClient,
  options: RekonsiliasiOptions,
  timeZone: string,
  onProgress: (done: number, total: number | null) => void,
): Promise<Outcome> {
  const base = `/api/programs/${encodeURIComponent(options.program.toUpperCase())}/periods/${encodeURIComponent(
    options.period.toUpperCase(),
  )}`;
  if (options.reopen !== undefined)
    return client.request('POST', `${base}/reopen`, { reason: options.reopen });
  if (options.finalise) return client.request('POST', `${base}/finalise`, {});
  const current = await client.request<Outcome>('GET', `${base}/reconciliation`).catch(() => null);
  if (current?.state.status === 'FINAL') return { ...current, note: frozenNote(current.state, timeZone) };
  const job = await client.request<{ id: number }>('POST', `${base}/reconciliation`, {});
  await client.waitForJob(job.id, onProgress);
  return client.request<Outcome>('GET', `${base}/reconciliation`);
}

export function printHuman(
  state: PresentedPeriodState,
  s: ReconciliationSummary | null,
  timeZone: string,
  out: (line: string) => void = (line) => process.stdout.write(`${line}\n`),
): void {
  const status =
    state.status === 'FINAL' ? `FINAL sejak ${officeMoment(state.finalisedAt, timeZone)}` : 'TERBUKA';
  out(`Rekonsiliasi ${state.program} periode ${state.period} — ${status}`);
  if (!s) {
    out('  Belum pernah direkonsiliasi.');
    return;
  }
  out(`  Dihitung: ${officeMoment(state.reconciledAt, timeZone)}`);
  for (const key of SUMMARY_STATUSES) {
    const row = s.byStatus[key];
    out(
      `  ${key.padEnd(19)} ${String(row.kpm).padStart(9)} ${key === 'TIDAK_DIALOKASIKAN' ? 'baris' : 'KPM  '}  ` +
        `alokasi ${formatRupiah(row.allocated).padStart(20)}  dibayar ${formatRupiah(row.paid).padStart(20)}  (${STATUS_LABELS[key]})`,
    );
  }
  out(`  Realisasi: ${s.realisasi.kpm} KPM, ${formatRupiah(s.realisasi.paid)}`);
  if (s.unallocatedPaid > 0)
    out(`  Dibayar tanpa alokasi (di luar realisasi): ${formatRupiah(s.unallocatedPaid)} — periksa!`);
  out('  Per kecamatan:');
  for (const k of s.byKecamatan)
    out(
      `    ${formatRegionCode(k.code)} ${(k.name ?? '').padEnd(24)} ${k.paidKpm}/${k.kpm} KPM, ${formatRupiah(k.paid)} dari ${formatRupiah(k.allocated)}`,
    );
  out('  Per kanal:');
  for (const c of s.byChannel)
    out(
      `    ${c.channel.padEnd(8)} ${c.paidKpm}/${c.kpm} KPM, ${formatRupiah(c.paid)} dari ${formatRupiah(c.allocated)}` +
        (c.unallocatedLines
          ? `; ${c.unallocatedLines} baris tanpa alokasi (${formatRupiah(c.unallocatedPaid)})`
          : ''),
    );
}
