import { sql } from 'kysely';
import type { Db } from '../../db/database';
import type { Channel } from '../../db/types';
import type { PkhMember } from '../../domain/pkh-benefit';

/** The person columns the PKH rule reads. */
export const PKH_MEMBER_COLUMNS = [
  'id',
  'name',
  'birth_date',
  'status',
  'schooling',
  'pregnancy_due_date',
  'severe_disability',
] as const;

/** A person row of PKH_MEMBER_COLUMNS as the PKH rule (computePkhBenefit) takes it. */
export function pkhMemberOf(row: {
  id: number;
  name: string;
  birth_date: string | null;
  status: PkhMember['status'];
  schooling: string | null;
  pregnancy_due_date: string | null;
  severe_disability: boolean;
}): PkhMember {
  return {
    personId: row.id,
    name: row.name,
    birthDate: row.birth_date,
    status: row.status,
    schooling: row.schooling,
    pregnancyDueDate: row.pregnancy_due_date,
    severeDisability: row.severe_disability,
  };
}

export interface AllocationListFilter {
  program: string;
  period: string;
  /** The actor's scope, or a narrower kecamatan/kelurahan inside it: `scope_code LIKE prefix%`. */
  scopePrefix: string;
  flag?: string | undefined;
  channel?: Channel | undefined;
  /** Part of the name on the line (case-insensitive). */
  name?: string | undefined;
  /** Exact NIK (POST search only: a NIK never travels in a URL). */
  nik?: string | undefined;
  importId?: number | undefined;
  limit: number;
  offset: number;
}

const LIST_COLUMNS = [
  'a.id',
  'a.import_id',
  'a.line',
  'a.nik',
  'a.name',
  'a.amount',
  'a.expected_amount',
  'a.channel',
  'a.scope_code',
  'a.flags',
  'a.household_id',
] as const;

/** Allocation lines and imports: one statement per method, explicit columns. */
export function createAllocationRepository() {
  return {
    async list(db: Db, filter: AllocationListFilter) {
      let query = db
        .selectFrom('allocation as a')
        .where('a.program_code', '=', filter.program)
        .where('a.period', '=', filter.period)
        .where('a.scope_code', 'like', `${filter.scopePrefix}%`);
      if (filter.flag) query = query.where(sql<boolean>`${filter.flag} = ANY(a.flags)`);
      if (filter.channel) query = query.where('a.channel', '=', filter.channel);
      if (filter.nik) query = query.where('a.nik', '=', filter.nik);
      if (filter.importId) query = query.where('a.import_id', '=', filter.importId);
      if (filter.name)
        query = query.where(sql<boolean>`lower(a.name) LIKE ${`%${filter.name.toLowerCase()}%`}`);
      const [rows, count] = await Promise.all([
        query.select(LIST_COLUMNS).orderBy('a.id').limit(filter.limit).offset(filter.offset).execute(),
        query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
      ]);
      return { rows, total: Number(count.n) };
    },

    async find(db: Db, id: number) {
      return db
        .selectFrom('allocation as a')
        .innerJoin('allocation_import as i', 'i.id', 'a.import_id')
        .leftJoin('household as h', 'h.id', 'a.household_id')
        .select([
          ...LIST_COLUMNS,
          'a.program_code',
          'a.period',
          'a.kk',
          'a.account',
          'a.person_id',
          'a.calculation',
          'i.file_name',
          'h.kk as household_kk',
          'h.region_code as household_region_code',
        ])
        .where('a.id', '=', id)
        .executeTakeFirst();
    },

    async listImports(db: Db, program: string, period: string) {
      return db
        .selectFrom('allocation_import')
        .select([
          'id',
          'source',
          'file_name',
          'rows_read',
          'accepted',
          'rejected',
          'summary',
          'created_by_name',
          'started_at',
          'finished_at',
        ])
        .where('program_code', '=', program)
        .where('period', '=', period)
        .orderBy('id', 'desc')
        .limit(200)
        .execute();
    },

    async findImport(db: Db, id: number) {
      return db
        .selectFrom('allocation_import')
        .select(['id', 'program_code', 'period', 'file_name'])
        .where('id', '=', id)
        .executeTakeFirst();
    },

    async program(db: Db, code: string) {
      return db
        .selectFrom('program')
        .select(['code', 'kind', 'benefit_amount'])
        .where('code', '=', code)
        .executeTakeFirst();
    },

    /** The members as they are now, to explain a line whose calculation was not kept at import. */
    async members(db: Db, householdId: number) {
      return db
        .selectFrom('person')
        .select(PKH_MEMBER_COLUMNS)
        .where('household_id', '=', householdId)
        .orderBy('id')
        .execute();
    },

    async hasNoncompliance(db: Db, householdId: number, program: string, period: string) {
      const row = await db
        .selectFrom('kpm_noncompliance')
        .select('id')
        .where('household_id', '=', householdId)
        .where('program_code', '=', program)
        .where('period', '=', period)
        .executeTakeFirst();
      return row !== undefined;
    },
  };
}
