import { sql } from 'kysely';
import type { Db } from '../../db/database';

export interface HouseholdListFilter {
  regionPrefix: string;
  /** Exact 16-digit NIK or KK, or part of a member's name. */
  q?: string | undefined;
  limit: number;
  offset: number;
}

export function createRegistryRepository() {
  return {
    async listHouseholds(db: Db, filter: HouseholdListFilter) {
      let query = db.selectFrom('household as h').where('h.region_code', 'like', `${filter.regionPrefix}%`);
      const q = filter.q?.trim();
      if (q && /^\d{16}$/.test(q)) {
        query = query.where((eb) =>
          eb.or([
            eb('h.kk', '=', q),
            eb.exists(
              eb
                .selectFrom('person as p')
                .select('p.id')
                .where('p.household_id', '=', eb.ref('h.id'))
                .where('p.nik', '=', q),
            ),
          ]),
        );
      } else if (q) {
        const lower = q.toLowerCase();
        query = query.where(({ exists, selectFrom }) =>
          exists(
            selectFrom('person as p')
              .select('p.id')
              .whereRef('p.household_id', '=', 'h.id')
              .where(sql<boolean>`lower(p.name) LIKE ${`%${lower}%`}`),
          ),
        );
      }
      const [rows, count] = await Promise.all([
        query
          .select([
            'h.id',
            'h.kk',
            'h.region_code',
            'h.address',
            'h.rt',
            'h.rw',
            (eb) =>
              eb
                .selectFrom('person as p')
                .select('p.name')
                .whereRef('p.household_id', '=', 'h.id')
                .where('p.relationship', '=', 'KEPALA_KELUARGA')
                .limit(1)
                .as('head_name'),
            (eb) =>
              eb
                .selectFrom('person as p')
                .select((e) => e.fn.countAll<number>().as('n'))
                .whereRef('p.household_id', '=', 'h.id')
                .where('p.status', '=', 'HIDUP')
                .as('member_count'),
            (eb) =>
              eb
                .selectFrom('household_desil as d')
                .select('d.desil')
                .whereRef('d.household_id', '=', 'h.id')
                .orderBy('d.edition', 'desc')
                .limit(1)
                .as('desil'),
          ])
          .orderBy('h.region_code')
          .orderBy('h.id')
          .limit(filter.limit)
          .offset(filter.offset)
          .execute(),
        query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
      ]);
      return { rows, total: Number(count.n) };
    },

    findHousehold(db: Db, id: number) {
      return db
        .selectFrom('household')
        .select(['id', 'kk', 'region_code', 'address', 'rt', 'rw', 'id_dtsen', 'created_at', 'updated_at'])
        .where('id', '=', id)
        .executeTakeFirst();
    },

    members(db: Db, householdId: number) {
      return db
        .selectFrom('person')
        .select([
          'id',
          'nik',
          'name',
          'birth_place',
          'birth_date',
          'sex',
          'relationship',
          'mother_name',
          'status',
          'death_date',
          'schooling',
          'pregnancy_due_date',
          'severe_disability',
          'nik_warnings',
        ])
        .where('household_id', '=', householdId)
        .orderBy('birth_date')
        .execute();
    },

    desilHistory(db: Db, householdId: number) {
      return db
        .selectFrom('household_desil')
        .select(['edition', 'desil'])
        .where('household_id', '=', householdId)
        .orderBy('edition', 'desc')
        .execute();
    },
  };
}
