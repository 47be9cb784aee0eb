import { sql } from 'kysely';
import type { Db } from '../../db/database';
import type { ReconciliationStatus } from '../../db/types';

export interface LineFilter {
  program: string;
  period: string;
  /** Region prefix on allocation.scope_code; null = the whole office (no filter). */
  prefix: string | null;
  status?: ReconciliationStatus | undefined;
}

export interface PageOptions {
  limit: number;
  offset: number;
}

/** Queries of the reconciliation; one statement per method, the caller passes the executor. */
export function createReconciliationRepository() {
  function lines(db: Db, filter: LineFilter) {
    let query = db
      .selectFrom('reconciliation_line as r')
      .innerJoin('allocation as a', 'a.id', 'r.allocation_id')
      .where('r.program_code', '=', filter.program)
      .where('r.period', '=', filter.period);
    if (filter.prefix !== null) query = query.where('a.scope_code', 'like', `${filter.prefix}%`);
    if (filter.status) query = query.where('r.status', '=', filter.status);
    return query;
  }

  function unallocated(db: Db, filter: Omit<LineFilter, 'status'>) {
    let query = db
      .selectFrom('disbursement as d')
      .where('d.program_code', '=', filter.program)
      .where('d.period', '=', filter.period)
      .where('d.allocation_id', 'is', null);
    if (filter.prefix !== null) query = query.where('d.scope_code', 'like', `${filter.prefix}%`);
    return query;
  }

  return {
    /** The period row with the finalising user's name. */
    findPeriodState(db: Db, program: string, period: string) {
      return db
        .selectFrom('program_period as p')
        .leftJoin('app_user as u', 'u.id', 'p.finalised_by')
        .select([
          'p.program_code',
          'p.period',
          'p.status',
          'p.finalised_at',
          'p.reconciled_at',
          'p.summary',
          sql<string | null>`coalesce(u.username, p.finalised_by_name)`.as('finalised_by_name'),
        ])
        .where('p.program_code', '=', program)
        .where('p.period', '=', period)
        .executeTakeFirst();
    },

    /**
     * How many imports the period has and when the last one finished: a result computed before
     * the last import is stale. Counting catches an import whose transaction started before the
     * run but committed after it (its finished_at is then earlier than reconciled_at).
     */
    async importBasis(db: Db, program: string, period: string) {
      const result = await sql<{ imports: number; last_import_at: Date | null }>`
        SELECT count(*)::int AS imports, max(finished_at) AS last_import_at
        FROM (
          SELECT finished_at FROM allocation_import WHERE program_code = ${program} AND period = ${period}
          UNION ALL
          SELECT finished_at FROM disbursement_report WHERE program_code = ${program} AND period = ${period}
        ) i
      `.execute(db);
      const row = result.rows[0];
      return { imports: Number(row?.imports ?? 0), lastImportAt: row?.last_import_at ?? null };
    },

    async saveResult(db: Db, program: string, period: string, summary: unknown): Promise<Date> {
      const row = await db
        .updateTable('program_period')
        .set({ summary: JSON.stringify(summary), reconciled_at: sql<Date>`now()` })
        .where('program_code', '=', program)
        .where('period', '=', period)
        .returning('reconciled_at')
        .executeTakeFirstOrThrow();
      return row.reconciled_at as Date;
    },

    async setFinal(db: Db, program: string, period: string, by: { userId: number | null; name: string }) {
      await db
        .updateTable('program_period')
        .set({
          status: 'FINAL',
          finalised_at: sql<Date>`now()`,
          finalised_by: by.userId,
          finalised_by_name: by.name,
        })
        .where('program_code', '=', program)
        .where('period', '=', period)
        .execute();
    },

    async setOpen(db: Db, program: string, period: string) {
      await db
        .updateTable('program_period')
        .set({ status: 'OPEN', finalised_at: null, finalised_by: null, finalised_by_name: null })
        .where('program_code', '=', program)
        .where('period', '=', period)
        .execute();
    },

    regionNames(db: Db, codes: readonly string[]) {
      if (codes.length === 0) return Promise.resolve([]);
      return db.selectFrom('region').select(['code', 'name']).where('code', 'in', codes).execute();
    },

    listLines(db: Db, filter: LineFilter, page: PageOptions) {
      return lines(db, filter)
        .select([
          'r.allocation_id',
          'r.status',
          'r.paid_amount',
          'r.paid_count',
          'r.failed_count',
          'r.last_paid_on',
          'r.failure_reason',
          'a.nik',
          'a.name',
          'a.amount',
          'a.channel',
          'a.scope_code',
          'a.flags',
        ])
        .orderBy('a.scope_code')
        .orderBy('r.allocation_id')
        .limit(page.limit)
        .offset(page.offset)
        .execute();
    },

    async countLines(db: Db, filter: LineFilter): Promise<number> {
      const row = await lines(db, filter)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },

    findLine(db: Db, program: string, period: string, allocationId: number) {
      return lines(db, { program, period, prefix: null })
        .select([
          'r.allocation_id',
          'r.status',
          'r.paid_amount',
          'r.paid_count',
          'r.failed_count',
          'r.last_paid_on',
          'r.failure_reason',
          'a.nik',
          'a.kk',
          'a.name',
          'a.amount',
          'a.channel',
          'a.account',
          'a.scope_code',
          'a.flags',
          'a.household_id',
        ])
        .where('r.allocation_id', '=', allocationId)
        .executeTakeFirst();
    },

    /** Every report line matched to one allocation, oldest first (the history of a retry). */
    disbursementsOf(db: Db, allocationId: number) {
      return db
        .selectFrom('disbursement as d')
        .innerJoin('disbursement_report as dr', 'dr.id', 'd.report_id')
        .select([
          'd.id',
          'd.report_id',
          'dr.file_name',
          'd.line',
          'd.channel',
          'd.amount',
          'd.paid_on',
          'd.status',
          'd.reason',
        ])
        .where('d.allocation_id', '=', allocationId)
        .orderBy('d.paid_on')
        .orderBy('d.report_id')
        .orderBy('d.line')
        .execute();
    },

    listUnallocated(db: Db, filter: Omit<LineFilter, 'status'>, page: PageOptions) {
      return unallocated(db, filter)
        .innerJoin('disbursement_report as dr', 'dr.id', 'd.report_id')
        .select([
          'd.id',
          'd.report_id',
          'dr.file_name',
          'd.line',
          'd.channel',
          'd.nik',
          'd.amount',
          'd.paid_on',
          'd.status',
          'd.reason',
          'd.scope_code',
        ])
        .orderBy('d.report_id')
        .orderBy('d.line')
        .limit(page.limit)
        .offset(page.offset)
        .execute();
    },

    async countUnallocated(db: Db, filter: Omit<LineFilter, 'status'>): Promise<number> {
      const row = await unallocated(db, filter)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },
  };
}

export type ReconciliationRepository = ReturnType<typeof createReconciliationRepository>;
export type LineRecord = Awaited<ReturnType<ReconciliationRepository['listLines']>>[number];
export type LineDetailRecord = NonNullable<Awaited<ReturnType<ReconciliationRepository['findLine']>>>;
export type DisbursementRecord = Awaited<ReturnType<ReconciliationRepository['disbursementsOf']>>[number];
export type UnallocatedRecord = Awaited<ReturnType<ReconciliationRepository['listUnallocated']>>[number];
export type PeriodStateRecord = NonNullable<Awaited<ReturnType<ReconciliationRepository['findPeriodState']>>>;
