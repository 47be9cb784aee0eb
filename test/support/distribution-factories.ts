import { createHash } from 'node:crypto';
import type { Db } from '../../src/db/database';
import type { Channel } from '../../src/db/types';
import { encodeNik } from '../../src/domain/nik';
import type { Services } from '../../src/platform/services';

/**
 * Distribution rows inserted directly (no file, no import service): a programme period, the
 * allocation lines of an allocation import, and the lines of a channel report. For tests of
 * what comes after the imports (reconciliation, realisation, Berita Acara, targeting).
 */
let counter = 0;
const next = () => ++counter;

/** A NIK issued in the kecamatan of `regionCode` (a new serial on each call). */
export function nikIn(regionCode: string, serial = next()): string {
  return encodeNik({ kecamatanCode: regionCode.slice(0, 6), birthDate: '1982-04-11', sex: 'P', serial });
}

/** The period row (OPEN), as the first allocation import creates it. */
export async function buildPeriod(services: Services, program = 'PKH', period = '2026-T2') {
  await services.database.db
    .insertInto('program_period')
    .values({ program_code: program, period })
    .onConflict((oc) => oc.columns(['program_code', 'period']).doNothing())
    .execute();
  return { program, period };
}

export interface AllocationInput {
  /** Desa/kelurahan (10 digits) of the household, or a kecamatan (6) for a NIK not in the registry. */
  scopeCode: string;
  amount: number;
  channel?: Channel;
  nik?: string;
  kk?: string | null;
  name?: string;
  account?: string | null;
  householdId?: number | null;
  flags?: string[];
}

export interface BuiltAllocation {
  id: number;
  nik: string;
  amount: number;
  scopeCode: string;
  channel: Channel;
}

/** One allocation import with its lines; creates the period when needed. */
export async function buildAllocations(
  services: Services,
  lines: readonly AllocationInput[],
  options: { program?: string; period?: string; db?: Db } = {},
): Promise<BuiltAllocation[]> {
  const program = options.program ?? 'PKH';
  const period = options.period ?? '2026-T2';
  const db = options.db ?? services.database.db;
  await buildPeriod(services, program, period);
  const n = next();
  const imported = await db
    .insertInto('allocation_import')
    .values({
      program_code: program,
      period,
      source: 'FILE',
      file_name: `alokasi-${n}.csv`,
      file_sha256: sha(`alokasi-${n}`),
      rows_read: lines.length,
      accepted: lines.length,
      rejected: 0,
      summary: JSON.stringify({ factory: true }),
      created_by_name: 'uji',
      started_at: new Date(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (lines.length === 0) return [];
  const rows = await db
    .insertInto('allocation')
    .values(
      lines.map((line, i) => ({
        import_id: imported.id,
        line: i + 2,
        program_code: program,
        period,
        nik: line.nik ?? nikIn(line.scopeCode),
        kk: line.kk ?? null,
        name: line.name ?? `KPM ${next()}`,
        amount: line.amount,
        channel: line.channel ?? 'BRI',
        account: line.account ?? null,
        household_id: line.householdId ?? null,
        scope_code: line.scopeCode,
        flags: line.flags ?? [],
      })),
    )
    .returning(['id', 'nik', 'amount', 'scope_code', 'channel'])
    .execute();
  return rows.map((r) => ({
    id: r.id,
    nik: r.nik,
    amount: r.amount,
    scopeCode: r.scope_code,
    channel: r.channel,
  }));
}

export interface ReportLineInput {
  /** The allocation this line pays; omitted = TIDAK_DIALOKASIKAN. */
  allocation?: BuiltAllocation;
  /** For an unallocated line: the NIK reported (its kecamatan becomes the line's scope). */
  nik?: string | null;
  amount: number;
  status?: 'BERHASIL' | 'GAGAL';
  reason?: string | null;
  paidOn?: string | null;
}

/** One channel report (disbursement_report) with its lines; the period must exist. */
export async function buildReport(
  services: Services,
  lines: readonly ReportLineInput[],
  options: { program?: string; period?: string; channel?: Channel; db?: Db } = {},
): Promise<{ reportId: number; ids: number[] }> {
  const program = options.program ?? 'PKH';
  const period = options.period ?? '2026-T2';
  const channel = options.channel ?? 'BRI';
  const db = options.db ?? services.database.db;
  const n = next();
  const report = await db
    .insertInto('disbursement_report')
    .values({
      program_code: program,
      period,
      channel,
      file_name: `laporan-${channel}-${n}.csv`,
      file_sha256: sha(`laporan-${n}`),
      rows_read: lines.length,
      accepted: lines.length,
      rejected: 0,
      summary: JSON.stringify({ factory: true }),
      created_by_name: 'uji',
      started_at: new Date(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (lines.length === 0) return { reportId: report.id, ids: [] };
  const rows = await db
    .insertInto('disbursement')
    .values(
      lines.map((line, i) => {
        const nik = line.allocation?.nik ?? line.nik ?? null;
        return {
          report_id: report.id,
          line: i + 2,
          program_code: program,
          period,
          channel,
          nik,
          account: null,
          amount: line.amount,
          paid_on: line.paidOn === undefined ? '2026-05-10' : line.paidOn,
          status: line.status ?? 'BERHASIL',
          reason: line.reason ?? null,
          allocation_id: line.allocation?.id ?? null,
          scope_code: line.allocation?.scopeCode ?? (nik ? nik.slice(0, 6) : ''),
        };
      }),
    )
    .returning('id')
    .execute();
  return { reportId: report.id, ids: rows.map((r) => r.id) };
}

function sha(text: string): string {
  return createHash('sha256').update(`${text}-${process.pid}-${Date.now()}`).digest('hex');
}
