import type { SalurDatabase } from '../../db/database';
import type { Channel } from '../../db/types';
import { maskNik } from '../../domain/nik';
import { type Actor, authorize, regionScope } from '../../platform/auth/actor';
import type { Config } from '../../platform/config';
import { NotFoundError } from '../../platform/errors';
import { findPeriod } from '../programs/period-rules';
import { createDisbursementRepository } from './repository';

export interface LineQuery {
  reportId?: number | undefined;
  channel?: Channel | undefined;
  status?: 'BERHASIL' | 'GAGAL' | undefined;
  allocated?: boolean | undefined;
  region?: string | undefined;
  page: number;
  pageSize: number;
}

/** Reading channel reports and their lines, role × region scoped, NIK and account masked. */
export function createDisbursementReportService(deps: { database: SalurDatabase; config: Config }) {
  const { database, config } = deps;
  const repo = createDisbursementRepository();

  /**
   * The line-level scope of an actor. Someone whose scope is the whole office (admin, auditor)
   * sees every line, including unmatched lines with no region (no allocation, invalid or absent
   * NIK); anyone narrower sees only lines whose region lies inside theirs.
   */
  function lineScope(actor: Actor): string | null {
    const scope = regionScope(actor);
    return scope === '' || scope === config.kabupatenCode ? null : scope;
  }

  return {
    /** The reports of a period (file-level metadata and counts: no personal data). */
    async listReports(actor: Actor, program: string, period: string) {
      authorize(actor, 'distribution.read');
      await findPeriod(database.db, program, period);
      const rows = await repo.listReports(database.db, program, period);
      return rows.map(presentReport);
    },

    async getReport(actor: Actor, program: string, period: string, id: number) {
      authorize(actor, 'distribution.read');
      const row = await repo.findReport(database.db, program, period, id);
      if (!row) throw new NotFoundError('Laporan penyaluran');
      return presentReport(row);
    },

    async listLines(actor: Actor, program: string, period: string, q: LineQuery) {
      authorize(actor, 'distribution.read');
      await findPeriod(database.db, program, period);
      const rows = await repo.listLines(database.db, {
        program,
        period,
        scope: lineScope(actor),
        reportId: q.reportId,
        channel: q.channel,
        status: q.status,
        allocated: q.allocated,
        region: q.region,
        limit: q.pageSize,
        offset: (q.page - 1) * q.pageSize,
      });
      const hasMore = rows.length > q.pageSize;
      return {
        items: rows.slice(0, q.pageSize).map((r) => ({
          id: r.id,
          reportId: r.report_id,
          fileName: r.file_name,
          line: r.line,
          channel: r.channel,
          nikMasked: r.nik ? maskNik(r.nik) : null,
          accountMasked: r.account ? maskAccount(r.account) : null,
          amount: Number(r.amount),
          paidOn: r.paid_on ? String(r.paid_on).slice(0, 10) : null,
          status: r.status,
          reason: r.reason,
          allocated: r.allocation_id !== null,
          regionCode: r.scope_code || null,
        })),
        page: q.page,
        pageSize: q.pageSize,
        hasMore,
      };
    },
  };
}

export type DisbursementReportService = ReturnType<typeof createDisbursementReportService>;

type ReportRow = Awaited<ReturnType<ReturnType<typeof createDisbursementRepository>['listReports']>>[number];

function presentReport(r: ReportRow) {
  const summary = (r.summary ?? {}) as Record<string, unknown>;
  return {
    id: r.id,
    program: r.program_code,
    period: r.period,
    channel: r.channel,
    fileName: r.file_name,
    rowsRead: r.rows_read,
    accepted: r.accepted,
    rejected: r.rejected,
    alreadyReported: Number(summary.alreadyReported ?? 0),
    matched: Number(summary.matched ?? 0),
    unallocated: Number(summary.unallocated ?? 0),
    byStatus: (summary.byStatus ?? null) as {
      BERHASIL: { lines: number; amount: number };
      GAGAL: { lines: number; amount: number };
    } | null,
    rejectedByReason: (summary.rejectedByReason ?? {}) as Record<string, number>,
    warningsByReason: (summary.warningsByReason ?? {}) as Record<string, number>,
    createdBy: r.created_by_name,
    finishedAt: r.finished_at.toISOString(),
  };
}

/** Account/KKS numbers are personal too: only the last four characters are shown. */
export function maskAccount(account: string): string {
  return account.length <= 4
    ? '*'.repeat(account.length)
    : `${'*'.repeat(account.length - 4)}${account.slice(-4)}`;
}
