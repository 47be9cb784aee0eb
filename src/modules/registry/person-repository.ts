import { sql } from 'kysely';
import type { Db } from '../../db/database';

const PERSON_COLUMNS = [
  'p.id',
  'p.nik',
  'p.name',
  'p.birth_place',
  'p.birth_date',
  'p.sex',
  'p.relationship',
  'p.mother_name',
  'p.status',
  'p.death_date',
  'p.region_code',
  'p.household_id',
  'p.nik_warnings',
  'p.id_dtsen',
  'p.id_dtks',
  'p.last_seen_edition',
  'p.absent_since_edition',
  'p.created_import_id',
  'p.schooling',
  'p.pregnancy_due_date',
  'p.severe_disability',
  'p.created_at',
  'p.updated_at',
] as const;

export function createPersonRepository() {
  return {
    /**
     * A 16-digit query is a NIK or a KK (exact, index lookups); anything else is a name,
     * matched by trigram similarity or as a substring (both served by the trigram index).
     */
    async search(db: Db, q: string, scopePrefix: string, limit: number) {
      const base = db
        .selectFrom('person as p')
        .leftJoin('household as h', 'h.id', 'p.household_id')
        .select([
          'p.id',
          'p.nik',
          'p.name',
          'p.birth_date',
          'p.sex',
          'p.status',
          'p.region_code',
          'p.household_id',
          'h.kk',
        ])
        .where('p.region_code', 'like', `${scopePrefix}%`);
      if (/^\d{16}$/.test(q)) {
        return base
          .where((eb) => eb.or([eb('p.nik', '=', q), eb('h.kk', '=', q)]))
          .orderBy('p.household_id')
          .orderBy('p.birth_date')
          .limit(limit)
          .execute();
      }
      const lower = q.toLowerCase();
      return base
        .where((eb) =>
          eb.or([sql<boolean>`lower(p.name) % ${lower}`, sql<boolean>`lower(p.name) LIKE ${`%${lower}%`}`]),
        )
        .orderBy(sql`similarity(lower(p.name), ${lower})`, 'desc')
        .orderBy('p.id')
        .limit(limit)
        .execute();
    },

    findById(db: Db, id: number) {
      return db.selectFrom('person as p').select(PERSON_COLUMNS).where('p.id', '=', id).executeTakeFirst();
    },

    findByNik(db: Db, nik: string) {
      return db.selectFrom('person as p').select(PERSON_COLUMNS).where('p.nik', '=', nik).executeTakeFirst();
    },

    history(db: Db, personId: number) {
      return db
        .selectFrom('person_history as ph')
        .leftJoin('registry_import as ri', 'ri.id', 'ph.import_id')
        .leftJoin('app_user as u', 'u.id', 'ph.user_id')
        .select([
          'ph.id',
          'ph.at',
          'ph.change',
          'ph.fields',
          'ph.import_id',
          'ri.edition',
          'ri.file_name',
          'u.username',
        ])
        .where('ph.person_id', '=', personId)
        .orderBy('ph.id', 'desc')
        .execute();
    },

    importInfo(db: Db, importId: number) {
      return db
        .selectFrom('registry_import')
        .select(['id', 'edition', 'file_name'])
        .where('id', '=', importId)
        .executeTakeFirst();
    },

    household(db: Db, householdId: number) {
      return db
        .selectFrom('household')
        .select(['id', 'kk', 'region_code', 'address', 'rt', 'rw'])
        .where('id', '=', householdId)
        .executeTakeFirst();
    },

    kkHistory(db: Db, householdId: number) {
      return db
        .selectFrom('household_kk_history')
        .select(['kk', 'valid_from', 'valid_to', 'import_id'])
        .where('household_id', '=', householdId)
        .orderBy('valid_from')
        .execute();
    },
  };
}
