import type { Channel, ReconciliationStatus } from '../../db/types';
import { maskKk } from '../../domain/kk';
import { maskNik } from '../../domain/nik';
import { CHANNELS } from '../../domain/period';
import { iso } from '../../platform/http/schemas';
import type { AggregateRow, UnallocatedRow } from './reconcile-sql';
import type {
  DisbursementRecord,
  LineDetailRecord,
  LineRecord,
  PeriodStateRecord,
  UnallocatedRecord,
} from './repository';

/** The five statuses of an allocation line, in the order reports show them. */
export const LINE_STATUSES: readonly ReconciliationStatus[] = [
  'TERSALUR',
  'SELISIH_NOMINAL',
  'GANDA',
  'GAGAL_SALUR',
  'BELUM_ADA_LAPORAN',
];
/** Plus the report lines that match no allocation (possible leakage). */
export const SUMMARY_STATUSES = [...LINE_STATUSES, 'TIDAK_DIALOKASIKAN'] as const;
export type SummaryStatus = (typeof SUMMARY_STATUSES)[number];

export interface StatusTotals {
  /** Allocation lines (KPM); for TIDAK_DIALOKASIKAN, report lines. */
  kpm: number;
  /** Rupiah allocated (0 for TIDAK_DIALOKASIKAN). */
  allocated: number;
  /** Rupiah the channel reports as paid. */
  paid: number;
}

export interface KecamatanTotals {
  code: string;
  name: string | null;
  kpm: number;
  allocated: number;
  paidKpm: number;
  paid: number;
}

export interface ChannelTotals {
  channel: Channel;
  kpm: number;
  allocated: number;
  paidKpm: number;
  paid: number;
  /** TIDAK_DIALOKASIKAN lines in this channel's reports and the money paid on them. */
  unallocatedLines: number;
  unallocatedPaid: number;
}

/**
 * The result of a reconciliation, as `salur rekonsiliasi --json` prints it and as
 * program_period.summary stores it. All rupiah are integers. `realisasi` is the allocated KPM
 * paid at least once and every rupiah paid to them; money paid on TIDAK_DIALOKASIKAN lines is
 * only in `unallocatedPaid` (and byStatus.TIDAK_DIALOKASIKAN.paid), never in `realisasi`.
 */
export interface ReconciliationSummary {
  program: string;
  period: string;
  byStatus: Record<SummaryStatus, StatusTotals>;
  realisasi: { kpm: number; paid: number };
  unallocatedPaid: number;
  byKecamatan: KecamatanTotals[];
  byChannel: ChannelTotals[];
}

/** Shapes the aggregate rows; `names` maps kecamatan codes to names. */
export function buildSummary(
  program: string,
  period: string,
  rows: readonly AggregateRow[],
  unallocated: readonly UnallocatedRow[],
  names: ReadonlyMap<string, string>,
): ReconciliationSummary {
  const byStatus = Object.fromEntries(
    SUMMARY_STATUSES.map((status) => [status, { kpm: 0, allocated: 0, paid: 0 }]),
  ) as Record<SummaryStatus, StatusTotals>;
  const byKecamatan: KecamatanTotals[] = [];
  const channels = new Map<Channel, ChannelTotals>();
  const channelEntry = (channel: Channel) => {
    let entry = channels.get(channel);
    if (!entry) {
      entry = { channel, kpm: 0, allocated: 0, paidKpm: 0, paid: 0, unallocatedLines: 0, unallocatedPaid: 0 };
      channels.set(channel, entry);
    }
    return entry;
  };
  const realisasi = { kpm: 0, paid: 0 };
  for (const row of rows) {
    if (row.grp === 'status') {
      byStatus[row.key as ReconciliationStatus] = { kpm: row.kpm, allocated: row.allocated, paid: row.paid };
      realisasi.kpm += row.paid_kpm;
      realisasi.paid += row.paid;
    } else if (row.grp === 'kecamatan') {
      byKecamatan.push({
        code: row.key,
        name: names.get(row.key) ?? null,
        kpm: row.kpm,
        allocated: row.allocated,
        paidKpm: row.paid_kpm,
        paid: row.paid,
      });
    } else {
      Object.assign(channelEntry(row.key as Channel), {
        kpm: row.kpm,
        allocated: row.allocated,
        paidKpm: row.paid_kpm,
        paid: row.paid,
      });
    }
  }
  let unallocatedPaid = 0;
  for (const row of unallocated) {
    const entry = channelEntry(row.channel);
    entry.unallocatedLines = row.lines;
    entry.unallocatedPaid = row.paid;
    byStatus.TIDAK_DIALOKASIKAN.kpm += row.lines;
    byStatus.TIDAK_DIALOKASIKAN.paid += row.paid;
    unallocatedPaid += row.paid;
  }
  byKecamatan.sort((a, b) => a.code.localeCompare(b.code));
  const byChannel = [...channels.values()].sort(
    (a, b) => CHANNELS.indexOf(a.channel) - CHANNELS.indexOf(b.channel),
  );
  return { program, period, byStatus, realisasi, unallocatedPaid, byKecamatan, byChannel };
}

/**
 * Only the summary's own keys leave the server (the stored JSON also keeps the run's basis),
 * rebuilt in their documented order: jsonb does not keep the order of keys.
 */
export function presentSummary(stored: ReconciliationSummary): ReconciliationSummary {
  const totals = (s: StatusTotals | undefined): StatusTotals => ({
    kpm: s?.kpm ?? 0,
    allocated: s?.allocated ?? 0,
    paid: s?.paid ?? 0,
  });
  return {
    program: stored.program,
    period: stored.period,
    byStatus: Object.fromEntries(
      SUMMARY_STATUSES.map((status) => [status, totals(stored.byStatus[status])]),
    ) as Record<SummaryStatus, StatusTotals>,
    realisasi: { kpm: stored.realisasi.kpm, paid: stored.realisasi.paid },
    unallocatedPaid: stored.unallocatedPaid,
    byKecamatan: stored.byKecamatan.map((k) => ({
      code: k.code,
      name: k.name,
      kpm: k.kpm,
      allocated: k.allocated,
      paidKpm: k.paidKpm,
      paid: k.paid,
    })),
    byChannel: stored.byChannel.map((c) => ({
      channel: c.channel,
      kpm: c.kpm,
      allocated: c.allocated,
      paidKpm: c.paidKpm,
      paid: c.paid,
      unallocatedLines: c.unallocatedLines,
      unallocatedPaid: c.unallocatedPaid,
    })),
  };
}

export function presentPeriodState(
  row: PeriodStateRecord,
  basis: { imports: number; lastImportAt: Date | null },
  reconciledImports: number | null,
) {
  // Stale: an import finished after the run, or the run saw fewer imports than exist now.
  // A finalised period refuses imports, so its frozen result is never stale.
  const stale =
    row.status === 'OPEN' &&
    basis.imports > 0 &&
    (row.reconciled_at === null ||
      reconciledImports !== basis.imports ||
      (basis.lastImportAt !== null && basis.lastImportAt > row.reconciled_at));
  return {
    program: row.program_code,
    period: row.period,
    status: row.status,
    finalisedAt: iso(row.finalised_at),
    finalisedBy: row.finalised_by_name ?? null,
    reconciledAt: iso(row.reconciled_at),
    lastImportAt: iso(basis.lastImportAt),
    stale,
  };
}

export type PresentedPeriodState = ReturnType<typeof presentPeriodState>;

export function presentLine(row: LineRecord) {
  return {
    allocationId: row.allocation_id,
    nik: maskNik(row.nik),
    name: row.name,
    regionCode: row.scope_code,
    kecamatanCode: row.scope_code.slice(0, 6),
    channel: row.channel,
    amount: row.amount,
    status: row.status,
    paidAmount: row.paid_amount,
    paidCount: row.paid_count,
    failedCount: row.failed_count,
    lastPaidOn: row.last_paid_on,
    failureReason: row.failure_reason,
    flags: row.flags,
  };
}

export function presentLineDetail(row: LineDetailRecord, history: DisbursementRecord[], full: boolean) {
  return {
    ...presentLine(row),
    nik: full ? row.nik : maskNik(row.nik),
    kk: row.kk === null ? null : full ? row.kk : maskKk(row.kk),
    householdId: row.household_id,
    disbursements: history.map((d) => ({
      id: d.id,
      reportId: d.report_id,
      fileName: d.file_name,
      line: d.line,
      channel: d.channel,
      amount: d.amount,
      paidOn: d.paid_on,
      status: d.status,
      reason: d.reason,
    })),
  };
}

export function presentUnallocated(row: UnallocatedRecord) {
  return {
    id: row.id,
    reportId: row.report_id,
    fileName: row.file_name,
    line: row.line,
    channel: row.channel,
    nik: row.nik === null ? null : maskNik(row.nik),
    amount: row.amount,
    paidOn: row.paid_on,
    status: row.status,
    reason: row.reason,
    kecamatanCode: row.scope_code === '' ? null : row.scope_code.slice(0, 6),
  };
}
