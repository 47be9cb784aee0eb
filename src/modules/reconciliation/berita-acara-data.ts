import { sql } from 'kysely';
import type { Db } from '../../db/database';
import type { Channel, ReconciliationStatus } from '../../db/types';
import type { ReconciliationSummary } from './presenter';
import type { Figures, LineFilter } from './realisasi-sql';
import { STATUS_ORDER } from './realisasi-sql';

/** Everything the Berita Acara shows, loaded once; the PDF and the XLSX summary both render it. */
export interface BeritaAcaraContent {
  office: { kabupatenCode: string; kabupatenName: string; provinceName: string | null };
  program: { code: string; name: string };
  period: {
    code: string;
    label: string;
    status: 'OPEN' | 'FINAL';
    finalisedAt: Date | null;
    finalisedBy: string | null;
    reconciledAt: Date;
    /** An allocation file or channel report was committed after the last reconciliation run. */
    stale: boolean;
  };
  generatedAt: Date;
  generatedBy: string;
  timeZone: string;
  byStatus: Array<Figures & { status: ReconciliationStatus }>;
  total: Figures;
  byChannel: Array<Figures & { channel: Channel }>;
  byKecamatan: Array<Figures & { code: string; name: string | null }>;
  unallocated: Array<{ channel: Channel; lines: number; paidLines: number; paid: number }>;
  /** Channels that allocated or reported in the period: one signature block each. */
  channels: Channel[];
  /** The audit chain as it stood with this download recorded (the newest entry is the download). */
  audit: { lastId: number; lastHash: string; entries: number };
}

/** The figures of a Berita Acara: per status, total, per channel, per kecamatan (codes only). */
export type BeritaAcaraFigures = Pick<BeritaAcaraContent, 'byStatus' | 'total' | 'byChannel'> & {
  byKecamatan: Array<Figures & { code: string; name: string | null }>;
};

/**
 * The office-wide figures straight from program_period.summary, as the reconciliation run
 * stored (and finalising froze) them: no scan of a million lines for a PDF. Null when the
 * stored JSON does not have the summary's shape (then the lines are aggregated instead).
 */
export function figuresFromSummary(stored: unknown): BeritaAcaraFigures | null {
  const s = stored as Partial<ReconciliationSummary> | null;
  if (!s?.byStatus || !s.realisasi || !Array.isArray(s.byChannel) || !Array.isArray(s.byKecamatan))
    return null;
  const byStatus = STATUS_ORDER.map((status) => {
    const t = s.byStatus?.[status] ?? { kpm: 0, allocated: 0, paid: 0 };
    // Lines of these three statuses were paid at least once, the others never.
    const paidStatus = status === 'TERSALUR' || status === 'SELISIH_NOMINAL' || status === 'GANDA';
    return { status, allocatedKpm: t.kpm, allocated: t.allocated, kpm: paidStatus ? t.kpm : 0, paid: t.paid };
  });
  return {
    byStatus,
    total: {
      allocatedKpm: byStatus.reduce((sum, r) => sum + r.allocatedKpm, 0),
      allocated: byStatus.reduce((sum, r) => sum + r.allocated, 0),
      kpm: s.realisasi.kpm,
      paid: s.realisasi.paid,
    },
    byChannel: s.byChannel
      .filter((c) => c.kpm > 0)
      .map((c) => ({
        channel: c.channel,
        allocatedKpm: c.kpm,
        allocated: c.allocated,
        kpm: c.paidKpm,
        paid: c.paid,
      })),
    byKecamatan: s.byKecamatan.map((k) => ({
      code: k.code,
      name: k.name,
      allocatedKpm: k.kpm,
      allocated: k.allocated,
      kpm: k.paidKpm,
      paid: k.paid,
    })),
  };
}

export interface DetailLine {
  id: number;
  line: number;
  nik: string;
  name: string | null;
  scopeCode: string;
  channel: Channel;
  account: string | null;
  amount: number;
  status: ReconciliationStatus | null;
  paidAmount: number;
  paidCount: number;
  failedCount: number;
  lastPaidOn: string | null;
  failureReason: string | null;
  flags: string[];
}

export interface UnallocatedLine {
  id: number;
  fileName: string;
  line: number;
  channel: Channel;
  nik: string | null;
  account: string | null;
  amount: number;
  paidOn: string | null;
  status: 'BERHASIL' | 'GAGAL';
  reason: string | null;
}

/** One page of allocation lines with their stored status, after `afterId` (keyset, for any size). */
export async function detailLinesAfter(
  db: Db,
  filter: LineFilter,
  afterId: number,
  limit: number,
): Promise<DetailLine[]> {
  let query = db
    .selectFrom('allocation as a')
    // The bound on r too lets a merge join start at the page instead of at the first line.
    .leftJoin('reconciliation_line as r', (join) =>
      join.onRef('r.allocation_id', '=', 'a.id').on('r.allocation_id', '>', afterId),
    )
    .where('a.program_code', '=', filter.program)
    .where('a.period', 'in', [...filter.periods])
    .where('a.id', '>', afterId);
  if (filter.prefix) query = query.where('a.scope_code', 'like', `${filter.prefix}%`);
  const rows = await query
    .select([
      'a.id',
      'a.line',
      'a.nik',
      'a.name',
      'a.scope_code',
      'a.channel',
      'a.account',
      'a.amount',
      'a.flags',
      'r.status',
      'r.paid_amount',
      'r.paid_count',
      'r.failed_count',
      'r.last_paid_on',
      'r.failure_reason',
    ])
    .orderBy('a.id')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    line: r.line,
    nik: r.nik,
    name: r.name,
    scopeCode: r.scope_code,
    channel: r.channel,
    account: r.account,
    amount: Number(r.amount),
    status: r.status,
    paidAmount: Number(r.paid_amount ?? 0),
    paidCount: r.paid_count ?? 0,
    failedCount: r.failed_count ?? 0,
    lastPaidOn: r.last_paid_on,
    failureReason: r.failure_reason,
    flags: r.flags,
  }));
}

/** One page of TIDAK_DIALOKASIKAN report lines after `afterId`. */
export async function unallocatedLinesAfter(
  db: Db,
  filter: LineFilter,
  afterId: number,
  limit: number,
): Promise<UnallocatedLine[]> {
  let query = db
    .selectFrom('disbursement as d')
    .innerJoin('disbursement_report as dr', 'dr.id', 'd.report_id')
    .where('d.program_code', '=', filter.program)
    .where('d.period', 'in', [...filter.periods])
    .where('d.allocation_id', 'is', null)
    .where('d.id', '>', afterId);
  if (filter.prefix) query = query.where('d.scope_code', 'like', `${filter.prefix}%`);
  const rows = await query
    .select([
      'd.id',
      'dr.file_name',
      'd.line',
      'd.channel',
      'd.nik',
      'd.account',
      'd.amount',
      'd.paid_on',
      'd.status',
      'd.reason',
    ])
    .orderBy('d.id')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    fileName: r.file_name,
    line: r.line,
    channel: r.channel,
    nik: r.nik,
    account: r.account,
    amount: Number(r.amount),
    paidOn: r.paid_on,
    status: r.status,
    reason: r.reason,
  }));
}

/** The desa/kelurahan and kecamatan codes the detail lines point to (for their names). */
export async function scopeCodes(db: Db, filter: LineFilter): Promise<string[]> {
  let query = db
    .selectFrom('allocation')
    .select('scope_code')
    .distinct()
    .where('program_code', '=', filter.program)
    .where('period', 'in', [...filter.periods]);
  if (filter.prefix) query = query.where('scope_code', 'like', `${filter.prefix}%`);
  const rows = await query.execute();
  return rows.flatMap((r) => [r.scope_code, r.scope_code.slice(0, 6)]);
}

/** Channels present in the period: allocated to, or reporting. */
export async function channelsOfPeriod(db: Db, program: string, period: string): Promise<Channel[]> {
  const rows = await db
    .selectFrom('allocation')
    .select('channel')
    .distinct()
    .where('program_code', '=', program)
    .where('period', '=', period)
    .union(
      db
        .selectFrom('disbursement_report')
        .select('channel')
        .distinct()
        .where('program_code', '=', program)
        .where('period', '=', period),
    )
    .execute();
  return rows.map((r) => r.channel);
}

/** True when an allocation file or channel report was committed after `reconciledAt`. */
export async function importedSince(db: Db, program: string, period: string, reconciledAt: Date) {
  const row = await db
    .selectFrom('program_period as p')
    .select([
      sql<boolean>`EXISTS (SELECT 1 FROM allocation_import i WHERE i.program_code = p.program_code AND i.period = p.period AND i.finished_at > ${reconciledAt})`.as(
        'allocations',
      ),
      sql<boolean>`EXISTS (SELECT 1 FROM disbursement_report d WHERE d.program_code = p.program_code AND d.period = p.period AND d.finished_at > ${reconciledAt})`.as(
        'reports',
      ),
    ])
    .where('p.program_code', '=', program)
    .where('p.period', '=', period)
    .executeTakeFirst();
  return Boolean(row?.allocations || row?.reports);
}

/** Full name of the user who finalised the period, for the statement on the document. */
export async function userName(db: Db, id: number | null): Promise<string | null> {
  if (id === null) return null;
  const row = await db.selectFrom('app_user').select('full_name').where('id', '=', id).executeTakeFirst();
  return row?.full_name ?? null;
}

/** Entry count and newest hash of the audit chain, read in the transaction that recorded `id`. */
export async function auditPin(db: Db, id: number) {
  const last = await db
    .selectFrom('audit_log')
    .select(['id', 'hash'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  const count = await db
    .selectFrom('audit_log')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return { lastId: last.id, lastHash: last.hash, entries: Number(count.n) };
}
