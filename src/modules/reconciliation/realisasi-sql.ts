import { sql } from 'kysely';
import type { Db } from '../../db/database';
import type { Channel, ReconciliationStatus } from '../../db/types';

/**
 * Read-only aggregates over the stored reconciliation (reconciliation_line ⋈ allocation) and
 * the unallocated report lines, shared by the realisation dashboard and the Berita Acara.
 * Nothing here recomputes a status: the figures are what the last reconciliation run wrote.
 */
export interface LineFilter {
  program: string;
  periods: readonly string[];
  /**
   * Region prefix matched against allocation.scope_code / disbursement.scope_code, or null for
   * the whole office. The office-wide reader is not filtered at all: a NIK unknown in the
   * registry is scoped to the kecamatan that issued it, which may lie in another kabupaten,
   * and its line still belongs to this office's report.
   */
  prefix: string | null;
}

/** KPM and rupiah of a group of allocation lines. KPM are counted once per NIK across periods. */
export interface Figures {
  /** KPM paid at least once (DOMAIN.md "realisasi"). */
  kpm: number;
  /** Rupiah paid to them. */
  paid: number;
  /** KPM allocated (reconciled lines). */
  allocatedKpm: number;
  /** Rupiah allocated. */
  allocated: number;
}

type Row = { key: string | null; kpm: number; paid: number; allocated_kpm: number; allocated: number };

function lines(db: Db, filter: LineFilter) {
  let query = db
    .selectFrom('reconciliation_line as r')
    .innerJoin('allocation as a', 'a.id', 'r.allocation_id')
    .where('r.program_code', '=', filter.program)
    .where('r.period', 'in', filter.periods.length ? [...filter.periods] : ['-']);
  if (filter.prefix) query = query.where('a.scope_code', 'like', `${filter.prefix}%`);
  return query;
}

/**
 * How KPM are counted: `nik` once per NIK (a family allocated in two periods is one KPM of the
 * year: the realisation report), `line` once per allocation line (one period's Berita Acara,
 * where each line has exactly one status, as in the reconciliation summary).
 */
export type KpmCount = 'nik' | 'line';

const FIGURES: Record<KpmCount, ReturnType<typeof figureColumns>> = {
  nik: figureColumns(sql`DISTINCT a.nik`),
  line: figureColumns(sql`*`),
};

function figureColumns(counted: ReturnType<typeof sql>) {
  return [
    sql<number>`count(${counted}) FILTER (WHERE r.paid_count > 0)`.as('kpm'),
    sql<number>`coalesce(sum(r.paid_amount), 0)::bigint`.as('paid'),
    sql<number>`count(${counted})`.as('allocated_kpm'),
    sql<number>`coalesce(sum(a.amount), 0)::bigint`.as('allocated'),
  ] as const;
}

function toFigures(row: Row): Figures {
  return {
    kpm: Number(row.kpm),
    paid: Number(row.paid),
    allocatedKpm: Number(row.allocated_kpm),
    allocated: Number(row.allocated),
  };
}

export type GroupBy = 'period' | 'kecamatan' | 'kelurahan' | 'channel' | 'status';

const GROUP_SQL: Record<GroupBy, ReturnType<typeof sql<string>>> = {
  period: sql<string>`r.period`,
  kecamatan: sql<string>`substr(a.scope_code, 1, 6)`,
  kelurahan: sql<string>`a.scope_code`,
  channel: sql<string>`a.channel`,
  status: sql<string>`r.status`,
};

/** Figures per group (period, kecamatan, kelurahan = scope_code, channel or status), ordered by key. */
export async function figuresBy(
  db: Db,
  filter: LineFilter,
  group: GroupBy,
  count: KpmCount = 'nik',
): Promise<Array<Figures & { key: string }>> {
  const key = GROUP_SQL[group];
  const rows = (await lines(db, filter)
    .select([key.as('key'), ...FIGURES[count]])
    .groupBy(key)
    .orderBy(key)
    .execute()) as unknown as Row[];
  return rows.map((row) => ({ key: row.key ?? '', ...toFigures(row) }));
}

export async function figuresTotal(db: Db, filter: LineFilter, count: KpmCount = 'nik'): Promise<Figures> {
  const row = (await lines(db, filter)
    .select([...FIGURES[count]])
    .executeTakeFirst()) as unknown as Row | undefined;
  return row ? toFigures(row) : { kpm: 0, paid: 0, allocatedKpm: 0, allocated: 0 };
}

/**
 * GAGAL_SALUR lines per reason the channel gave (most frequent first). Channels write the same
 * reason in different cases and spacing ("KPM PINDAH DOMISILI", "KPM pindah  domisili"): one
 * group, shown in its first spelling byte by byte (upper case first, whatever the server locale).
 */
export async function failureReasons(
  db: Db,
  filter: LineFilter,
): Promise<Array<{ reason: string | null; kpm: number }>> {
  const key = sql`nullif(upper(regexp_replace(trim(r.failure_reason), '[[:space:]]+', ' ', 'g')), '')`;
  const rows = await lines(db, filter)
    .where('r.status', '=', 'GAGAL_SALUR')
    .select([
      sql<
        string | null
      >`min(nullif(regexp_replace(trim(r.failure_reason), '[[:space:]]+', ' ', 'g'), '') COLLATE "C")`.as(
        'reason',
      ),
      sql<number>`count(*)`.as('kpm'),
    ])
    .groupBy(key)
    .orderBy(sql`count(*)`, 'desc')
    .orderBy(key)
    .execute();
  return rows.map((row) => ({ reason: row.reason, kpm: Number(row.kpm) }));
}

/** Report lines that match no allocation (TIDAK_DIALOKASIKAN), per channel: never part of realisasi. */
export async function unallocatedByChannel(
  db: Db,
  filter: LineFilter,
): Promise<Array<{ channel: Channel; lines: number; paidLines: number; paid: number }>> {
  let query = db
    .selectFrom('disbursement as d')
    .where('d.program_code', '=', filter.program)
    .where('d.period', 'in', filter.periods.length ? [...filter.periods] : ['-'])
    .where('d.allocation_id', 'is', null);
  if (filter.prefix) query = query.where('d.scope_code', 'like', `${filter.prefix}%`);
  const rows = await query
    .select([
      'd.channel',
      sql<number>`count(*)`.as('lines'),
      sql<number>`count(*) FILTER (WHERE d.status = 'BERHASIL')`.as('paid_lines'),
      sql<number>`coalesce(sum(d.amount) FILTER (WHERE d.status = 'BERHASIL'), 0)::bigint`.as('paid'),
    ])
    .groupBy('d.channel')
    .orderBy('d.channel')
    .execute();
  return rows.map((row) => ({
    channel: row.channel,
    lines: Number(row.lines),
    paidLines: Number(row.paid_lines),
    paid: Number(row.paid),
  }));
}

/** Region names for display (kecamatan and desa/kelurahan codes). */
export async function regionNames(db: Db, codes: readonly string[]): Promise<Map<string, string>> {
  const unique = [...new Set(codes)].filter((c) => c.length > 0);
  if (unique.length === 0) return new Map();
  const rows = await db.selectFrom('region').select(['code', 'name']).where('code', 'in', unique).execute();
  return new Map(rows.map((r) => [r.code, r.name]));
}

/** Periods of a programme in a year that exist, with their state (the trend's x axis). */
export function periodsOfYear(db: Db, program: string, year: number) {
  return db
    .selectFrom('program_period')
    .select(['period', 'status', 'reconciled_at'])
    .where('program_code', '=', program)
    .where('period', 'like', `${year}-%`)
    .execute();
}

export const STATUS_ORDER: readonly ReconciliationStatus[] = [
  'TERSALUR',
  'SELISIH_NOMINAL',
  'GANDA',
  'GAGAL_SALUR',
  'BELUM_ADA_LAPORAN',
];
