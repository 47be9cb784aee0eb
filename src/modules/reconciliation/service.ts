import type { Db, SalurDatabase, Tx } from '../../db/database';
import type { JobRow, ReconciliationStatus } from '../../db/types';
import { isWithinRegion } from '../../domain/region-code';
import { type Actor, authorize, can, regionScope } from '../../platform/auth/actor';
import type { Config } from '../../platform/config';
import { ConflictError, NotFoundError, ValidationError } from '../../platform/errors';
import type { AuditService } from '../audit/service';
import type { JobsService } from '../jobs/service';
import { requireExistingPeriod } from '../programs/period-rules';
import {
  buildSummary,
  presentLine,
  presentLineDetail,
  presentPeriodState,
  presentSummary,
  presentUnallocated,
  type ReconciliationSummary,
} from './presenter';
import * as reconcile from './reconcile-sql';
import { createReconciliationRepository } from './repository';

export interface ReconciliationJobPayload {
  program: string;
  period: string;
  /** Who asked: the job runs later, maybe in another process, and acts (and is audited) as them. */
  actor: Actor;
}

/** What program_period.summary holds: the summary, plus what the run saw (for staleness). */
interface StoredSummary extends ReconciliationSummary {
  basis?: { imports: number };
}

export type ProgressFn = (done: number, total: number, stage: string) => void;

/** Reopening a finalised period is an exception that must be explained (issue 4). */
export const REOPEN_REASON_MIN = 10;

/**
 * Rekonsiliasi (issue 4): each allocation line of a period gets exactly one status from the
 * channel reports, the summary is stored with the period, and an admin finalises (freezes) or
 * reopens the period. Running is for the office (`distribution.import`), finalising and
 * reopening for `distribution.finalise`; reading is `distribution.read` limited to the reader's
 * region: lines, totals and the unallocated report lines alike.
 */
export function createReconciliationService(deps: {
  database: SalurDatabase;
  config: Config;
  audit: AuditService;
  jobs: JobsService;
}) {
  const { database, config, audit, jobs } = deps;
  const repo = createReconciliationRepository();
  const db = database.db;

  /** null = the reader sees the whole office (admin, auditor, kabupaten koordinator). */
  function scopePrefix(actor: Actor): string | null {
    const scope = regionScope(actor);
    return config.kabupatenCode.startsWith(scope) ? null : scope;
  }

  /** The reader's scope narrowed by a region filter inside it, never widened ('-' matches nothing). */
  function filterPrefix(actor: Actor, regionCode: string | undefined): string | null {
    const scope = scopePrefix(actor);
    if (!regionCode) return scope;
    if (scope === null || isWithinRegion(regionCode, scope)) return regionCode;
    return isWithinRegion(scope, regionCode) ? scope : '-';
  }

  const normalise = (program: string, period: string) => ({
    program: program.trim().toUpperCase(),
    period: period.trim().toUpperCase(),
  });

  async function requireState(program: string, period: string) {
    const state = await repo.findPeriodState(db, program, period);
    if (!state) throw new NotFoundError('Periode program');
    return state;
  }

  async function computeSummary(
    executor: Db,
    program: string,
    period: string,
    prefix: string | null,
  ): Promise<ReconciliationSummary> {
    const rows = await reconcile.aggregateLines(executor, program, period, prefix);
    return completeSummary(executor, program, period, rows, prefix);
  }

  /** Adds the unallocated report lines and the kecamatan names to the totals of the lines. */
  async function completeSummary(
    executor: Db,
    program: string,
    period: string,
    rows: reconcile.AggregateRow[],
    prefix: string | null,
  ): Promise<ReconciliationSummary> {
    const unallocated = await reconcile.aggregateUnallocated(executor, program, period, prefix);
    const codes = rows.filter((r) => r.grp === 'kecamatan').map((r) => r.key);
    const names = new Map((await repo.regionNames(executor, codes)).map((r) => [r.code, r.name]));
    return buildSummary(program, period, rows, unallocated, names);
  }

  /** The run itself, inside the caller's transaction (which holds the period's row lock). */
  async function reconcileIn(tx: Tx, program: string, period: string, onProgress?: ProgressFn) {
    onProgress?.(0, 3, 'menghapus hasil lama');
    await reconcile.clearLines(tx.db, program, period);
    onProgress?.(1, 3, 'mencocokkan laporan dengan alokasi');
    const rows = await reconcile.insertLines(tx.db, program, period);
    const lines = rows.filter((r) => r.grp === 'status').reduce((sum, r) => sum + r.kpm, 0);
    onProgress?.(2, 3, 'menghitung ringkasan');
    const summary = await completeSummary(tx.db, program, period, rows, null);
    const basis = await repo.importBasis(tx.db, program, period);
    const stored: StoredSummary = { ...summary, basis: { imports: basis.imports } };
    const reconciledAt = await repo.saveResult(tx.db, program, period, stored);
    onProgress?.(3, 3, 'selesai');
    return { summary, lines, reconciledAt };
  }

  /** What the audit keeps of a result: totals, not lines. */
  const frozenTotals = (stored: unknown) => {
    const s = stored as Partial<ReconciliationSummary> | null;
    return s?.byStatus
      ? { byStatus: s.byStatus, realisasi: s.realisasi, unallocatedPaid: s.unallocatedPaid }
      : {};
  };
  const auditTotals = (s: ReconciliationSummary, lines: number) => ({
    lines,
    byStatus: s.byStatus,
    realisasi: s.realisasi,
    unallocatedPaid: s.unallocatedPaid,
  });

  async function run(
    actor: Actor,
    programCode: string,
    periodCode: string,
    onProgress?: ProgressFn,
  ): Promise<ReconciliationSummary> {
    authorize(actor, 'distribution.import');
    const { program, period } = normalise(programCode, periodCode);
    return database.transaction(async (tx) => {
      // Locks the period row: an import, a finalisation and a run of one period never interleave.
      const { period: p } = await requireExistingPeriod(tx.db, program, period, { open: true, lock: true });
      const result = await reconcileIn(tx, program, p.code, onProgress);
      await audit.record(tx.db, actor, {
        action: 'reconciliation.run',
        entityType: 'program_period',
        entityId: `${program}/${p.code}`,
        regionCode: config.kabupatenCode,
        details: auditTotals(result.summary, result.lines),
      });
      return result.summary;
    });
  }

  async function summary(actor: Actor, programCode: string, periodCode: string) {
    authorize(actor, 'distribution.read');
    const { program, period } = normalise(programCode, periodCode);
    const state = await requireState(program, period);
    const basis = await repo.importBasis(db, program, period);
    const stored = state.summary as StoredSummary | null;
    const prefix = scopePrefix(actor);
    let result: ReconciliationSummary | null = null;
    if (state.reconciled_at !== null) {
      // The office reads the stored (frozen) totals; a regional reader gets the same shape
      // computed over the stored lines of their region only.
      result =
        prefix === null && stored
          ? presentSummary(stored)
          : await computeSummary(db, program, period, prefix);
    }
    return {
      state: presentPeriodState(state, basis, stored?.basis?.imports ?? null),
      summary: result,
    };
  }

  return {
    run,
    summary,

    /** Checks the period can be reconciled now, then queues the run as a job (`reconciliation.run`). */
    async startRun(actor: Actor, programCode: string, periodCode: string): Promise<JobRow> {
      authorize(actor, 'distribution.import');
      const { program, period } = normalise(programCode, periodCode);
      const { period: p } = await requireExistingPeriod(db, program, period, { open: true });
      const payload: ReconciliationJobPayload = { program, period: p.code, actor: { ...actor } };
      return jobs.enqueue(actor, 'reconciliation.run', payload);
    },

    /** Allocation lines with their status, in the reader's region; NIK masked (a list is not a record). */
    async lines(
      actor: Actor,
      programCode: string,
      periodCode: string,
      filter: {
        status?: ReconciliationStatus | undefined;
        regionCode?: string | undefined;
        page: number;
        pageSize: number;
      },
    ) {
      authorize(actor, 'distribution.read');
      const { program, period } = normalise(programCode, periodCode);
      await requireState(program, period);
      const lineFilter = {
        program,
        period,
        prefix: filterPrefix(actor, filter.regionCode),
        status: filter.status,
      };
      const page = { limit: filter.pageSize, offset: (filter.page - 1) * filter.pageSize };
      const rows = await repo.listLines(db, lineFilter, page);
      const total = await repo.countLines(db, lineFilter);
      return { items: rows.map(presentLine), total };
    },

    /** One line with every report line matched to it; outside the reader's region it does not exist. */
    async line(actor: Actor, programCode: string, periodCode: string, allocationId: number) {
      authorize(actor, 'distribution.read');
      const { program, period } = normalise(programCode, periodCode);
      const row = await repo.findLine(db, program, period, allocationId);
      const prefix = scopePrefix(actor);
      if (!row || (prefix !== null && !isWithinRegion(row.scope_code, prefix)))
        throw new NotFoundError('Baris rekonsiliasi');
      const full = can(actor, 'nik.full');
      await audit.recordNow(actor, {
        action: 'reconciliation.line.view',
        entityType: 'allocation',
        entityId: allocationId,
        regionCode: row.scope_code,
        details: { program, period, fullIdentifiers: full },
      });
      return presentLineDetail(row, await repo.disbursementsOf(db, allocationId), full);
    },

    /** Report lines that match no allocation (TIDAK_DIALOKASIKAN), in the reader's region. */
    async unallocated(
      actor: Actor,
      programCode: string,
      periodCode: string,
      filter: { regionCode?: string | undefined; page: number; pageSize: number },
    ) {
      authorize(actor, 'distribution.read');
      const { program, period } = normalise(programCode, periodCode);
      await requireState(program, period);
      const lineFilter = { program, period, prefix: filterPrefix(actor, filter.regionCode) };
      const page = { limit: filter.pageSize, offset: (filter.page - 1) * filter.pageSize };
      const rows = await repo.listUnallocated(db, lineFilter, page);
      const total = await repo.countUnallocated(db, lineFilter);
      return { items: rows.map(presentUnallocated), total };
    },

    /**
     * Finalises the period: reconciles once more in the same transaction and freezes it. From
     * then on imports and runs are refused (PERIOD_FINAL) and every read shows the frozen rows.
     */
    async finalise(actor: Actor, programCode: string, periodCode: string) {
      authorize(actor, 'distribution.finalise');
      const { program, period } = normalise(programCode, periodCode);
      await database.transaction(async (tx) => {
        const { period: p } = await requireExistingPeriod(tx.db, program, period, { open: true, lock: true });
        const result = await reconcileIn(tx, program, p.code);
        await repo.setFinal(tx.db, program, p.code, {
          userId: actor.userId > 0 ? actor.userId : null,
          name: actor.userId > 0 ? actor.username : `${actor.fullName} (${actor.username})`,
        });
        await audit.record(tx.db, actor, {
          action: 'period.finalise',
          entityType: 'program_period',
          entityId: `${program}/${p.code}`,
          regionCode: config.kabupatenCode,
          before: { status: 'OPEN' },
          after: { status: 'FINAL' },
          details: auditTotals(result.summary, result.lines),
        });
      });
      return summary(actor, program, period);
    },

    /** Reopens a finalised period: admin only, with a reason kept in the audit log. */
    async reopen(actor: Actor, programCode: string, periodCode: string, reason: string) {
      authorize(actor, 'distribution.finalise');
      const { program, period } = normalise(programCode, periodCode);
      const why = reason.trim();
      if (why.length < REOPEN_REASON_MIN) {
        throw new ValidationError(
          'REASON_REQUIRED',
          `Alasan membuka kembali periode wajib diisi (minimal ${REOPEN_REASON_MIN} karakter).`,
          { min: REOPEN_REASON_MIN },
        );
      }
      await database.transaction(async (tx) => {
        const { period: p, row } = await requireExistingPeriod(tx.db, program, period, {
          open: false,
          lock: true,
        });
        if (row.status !== 'FINAL') {
          throw new ConflictError(
            'PERIOD_NOT_FINAL',
            `Periode ${p.code} program ${program} belum difinalkan: tidak ada yang perlu dibuka kembali.`,
            { program, period: p.code },
          );
        }
        await repo.setOpen(tx.db, program, p.code);
        await audit.record(tx.db, actor, {
          action: 'period.reopen',
          entityType: 'program_period',
          entityId: `${program}/${p.code}`,
          regionCode: config.kabupatenCode,
          before: { status: 'FINAL', finalisedAt: row.finalised_at, finalisedBy: row.finalised_by },
          after: { status: 'OPEN' },
          // The totals that were frozen, as finalising recorded them: what reopening unfreezes.
          details: { reason: why, ...frozenTotals(row.summary) },
        });
      });
      return summary(actor, program, period);
    },
  };
}

export type ReconciliationService = ReturnType<typeof createReconciliationService>;
