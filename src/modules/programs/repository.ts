import { type Insertable, sql } from 'kysely';
import type { Db } from '../../db/database';
import type { BenefitRuleTable, KpmNoncomplianceTable, ProgramTable } from '../../db/types';

const PROGRAM_COLUMNS = [
  'code',
  'name',
  'kind',
  'period_kinds',
  'funding',
  'budget',
  'benefit_amount',
  'created_at',
] as const;

/** Allocation figures of one period, within a region prefix. */
export interface PeriodCounts {
  program_code: string;
  period: string;
  lines: number;
  kpm: number;
  allocated: number;
}

/**
 * Queries of the programme tables, one statement each. Allocation figures are always read
 * through `scope_code LIKE prefix || '%'` (role × region, DOMAIN.md "Who uses it").
 */
export function createProgramsRepository() {
  return {
    listPrograms(db: Db) {
      return (
        db
          .selectFrom('program')
          .select(PROGRAM_COLUMNS)
          // Central programmes first, then the local ones by code.
          .orderBy(sql`CASE kind WHEN 'PKH' THEN 0 WHEN 'SEMBAKO' THEN 1 ELSE 2 END`)
          .orderBy('code')
          .execute()
      );
    },

    findProgram(db: Db, code: string, options: { lock?: boolean } = {}) {
      let query = db.selectFrom('program').select(PROGRAM_COLUMNS).where('code', '=', code);
      if (options.lock) query = query.forUpdate();
      return query.executeTakeFirst();
    },

    async insertProgram(db: Db, row: Insertable<ProgramTable>) {
      return db.insertInto('program').values(row).returning(PROGRAM_COLUMNS).executeTakeFirstOrThrow();
    },

    async updateProgram(
      db: Db,
      code: string,
      patch: { name?: string; budget?: number | null; benefit_amount?: number | null },
    ) {
      return db
        .updateTable('program')
        .set(patch)
        .where('code', '=', code)
        .returning(PROGRAM_COLUMNS)
        .executeTakeFirstOrThrow();
    },

    /**
     * Rupiah allocated to a programme over all its periods and the whole office, whatever the
     * reader's scope: what its budget (pagu) has already paid for (as enrolment counts it).
     */
    async allocatedTotal(db: Db, programCode: string): Promise<number> {
      const row = await db
        .selectFrom('allocation')
        .select(sql<string>`coalesce(sum(amount), 0)`.as('allocated'))
        .where('program_code', '=', programCode)
        .executeTakeFirst();
      return Number(row?.allocated ?? 0);
    },

    /** Periods (newest first) with who finalised them. */
    listPeriods(db: Db, filter: { programCode?: string; period?: string } = {}) {
      let query = db
        .selectFrom('program_period as pp')
        .leftJoin('app_user as u', 'u.id', 'pp.finalised_by')
        .select([
          'pp.program_code',
          'pp.period',
          'pp.status',
          'pp.finalised_at',
          'pp.reconciled_at',
          'pp.created_at',
          sql<string | null>`coalesce(u.full_name, pp.finalised_by_name)`.as('finalised_by_name'),
        ]);
      if (filter.programCode) query = query.where('pp.program_code', '=', filter.programCode);
      if (filter.period) query = query.where('pp.period', '=', filter.period);
      return query.orderBy('pp.program_code').orderBy('pp.period', 'desc').execute();
    },

    /** Lines, distinct KPM (by representative NIK) and rupiah allocated per period, in scope. */
    async periodCounts(
      db: Db,
      scopePrefix: string,
      filter: { programCode?: string; period?: string } = {},
    ): Promise<PeriodCounts[]> {
      let query = db
        .selectFrom('allocation')
        .select([
          'program_code',
          'period',
          sql<string>`count(*)`.as('lines'),
          sql<string>`count(DISTINCT nik)`.as('kpm'),
          sql<string>`coalesce(sum(amount), 0)`.as('allocated'),
        ])
        .where('scope_code', 'like', `${scopePrefix}%`);
      if (filter.programCode) query = query.where('program_code', '=', filter.programCode);
      if (filter.period) query = query.where('period', '=', filter.period);
      const rows = await query.groupBy(['program_code', 'period']).execute();
      return rows.map((r) => ({
        program_code: r.program_code,
        period: r.period,
        lines: Number(r.lines),
        kpm: Number(r.kpm),
        allocated: Number(r.allocated),
      }));
    },

    /** Channel report files per period (files are office-wide: they carry no region). */
    async reportCounts(db: Db, filter: { programCode?: string; period?: string } = {}) {
      let query = db
        .selectFrom('disbursement_report')
        .select(['program_code', 'period', sql<string>`count(*)`.as('reports')]);
      if (filter.programCode) query = query.where('program_code', '=', filter.programCode);
      if (filter.period) query = query.where('period', '=', filter.period);
      const rows = await query.groupBy(['program_code', 'period']).execute();
      return rows.map((r) => ({
        program_code: r.program_code,
        period: r.period,
        reports: Number(r.reports),
      }));
    },

    listRules(db: Db, programCode: string) {
      return db
        .selectFrom('benefit_rule as r')
        .leftJoin('app_user as u', 'u.id', 'r.created_by')
        .select([
          'r.id',
          'r.key',
          'r.value',
          'r.valid_from',
          'r.valid_to',
          'r.source',
          'r.created_at',
          'u.full_name as created_by_name',
        ])
        .where('r.program_code', '=', programCode)
        .orderBy('r.key')
        .orderBy('r.valid_from', 'desc')
        .execute();
    },

    /** The row of a key still open (valid_to NULL), locked: two changes of one key never interleave. */
    findOpenRule(db: Db, programCode: string, key: string) {
      return db
        .selectFrom('benefit_rule')
        .select(['id', 'key', 'value', 'valid_from', 'valid_to', 'source', 'created_at'])
        .where('program_code', '=', programCode)
        .where('key', '=', key)
        .where('valid_to', 'is', null)
        .orderBy('valid_from', 'desc')
        .forUpdate()
        .executeTakeFirst();
    },

    async closeRule(db: Db, id: number, validTo: string) {
      await db.updateTable('benefit_rule').set({ valid_to: validTo }).where('id', '=', id).execute();
    },

    insertRule(db: Db, row: Insertable<BenefitRuleTable>) {
      return db
        .insertInto('benefit_rule')
        .values(row)
        .returning(['id', 'key', 'value', 'valid_from', 'valid_to', 'source', 'created_at'])
        .executeTakeFirstOrThrow();
    },

    /** The household's village: the scope check of a non-compliance record. */
    findHouseholdRegion(db: Db, householdId: number) {
      return db
        .selectFrom('household')
        .select(['id', 'region_code'])
        .where('id', '=', householdId)
        .executeTakeFirst();
    },

    insertNoncompliance(db: Db, row: Insertable<KpmNoncomplianceTable>) {
      return db
        .insertInto('kpm_noncompliance')
        .values(row)
        .onConflict((oc) => oc.columns(['household_id', 'program_code', 'period']).doNothing())
        .returning(['id'])
        .executeTakeFirst();
    },

    /** Records with the household's village and head, within a region prefix. */
    listNoncompliance(
      db: Db,
      filter: {
        scopePrefix: string;
        programCode?: string;
        period?: string;
        householdId?: number;
        id?: number;
        limit?: number;
        offset?: number;
      },
    ) {
      let query = db
        .selectFrom('kpm_noncompliance as n')
        .innerJoin('household as h', 'h.id', 'n.household_id')
        .leftJoin('app_user as u', 'u.id', 'n.recorded_by')
        .select((eb) => [
          'n.id',
          'n.household_id',
          'n.program_code',
          'n.period',
          'n.reason',
          'n.recorded_at',
          'h.region_code',
          'h.kk',
          'u.full_name as recorded_by_name',
          eb
            .selectFrom('person as p')
            .select('p.name')
            .whereRef('p.household_id', '=', 'h.id')
            .where('p.relationship', '=', 'KEPALA_KELUARGA')
            .orderBy('p.id')
            .limit(1)
            .as('head_name'),
          sql<string>`count(*) OVER ()`.as('total'),
        ])
        .where('h.region_code', 'like', `${filter.scopePrefix}%`);
      if (filter.programCode) query = query.where('n.program_code', '=', filter.programCode);
      if (filter.period) query = query.where('n.period', '=', filter.period);
      if (filter.householdId !== undefined) query = query.where('n.household_id', '=', filter.householdId);
      if (filter.id !== undefined) query = query.where('n.id', '=', filter.id);
      query = query.orderBy('n.period', 'desc').orderBy('h.region_code').orderBy('n.id');
      if (filter.limit !== undefined) query = query.limit(filter.limit).offset(filter.offset ?? 0);
      return query.execute();
    },

    async deleteNoncompliance(db: Db, id: number) {
      await db.deleteFrom('kpm_noncompliance').where('id', '=', id).execute();
    },
  };
}

export type ProgramsRepository = ReturnType<typeof createProgramsRepository>;
export type NoncomplianceRow = Awaited<ReturnType<ProgramsRepository['listNoncompliance']>>[number];
export type RuleRow = Awaited<ReturnType<ProgramsRepository['listRules']>>[number];
export type ProgramRow = NonNullable<Awaited<ReturnType<ProgramsRepository['findProgram']>>>;
export type PeriodRow = Awaited<ReturnType<ProgramsRepository['listPeriods']>>[number];
