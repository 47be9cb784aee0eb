import { sql } from 'kysely';
import type { Db } from '../../db/database';

const COLUMNS = ['code', 'parent_code', 'level', 'name', 'retired_in'] as const;

export function createRegionsRepository() {
  return {
    findByCode(db: Db, code: string) {
      return db.selectFrom('region').select(COLUMNS).where('code', '=', code).executeTakeFirst();
    },

    findByCodes(db: Db, codes: readonly string[]) {
      if (codes.length === 0) return Promise.resolve([]);
      return db.selectFrom('region').select(COLUMNS).where('code', 'in', codes).execute();
    },

    children(db: Db, parentCode: string | null) {
      const query = db.selectFrom('region').select(COLUMNS);
      return (
        parentCode === null
          ? query.where('parent_code', 'is', null)
          : query.where('parent_code', '=', parentCode)
      )
        .orderBy('code')
        .execute();
    },

    /** Name search within a prefix, best trigram similarity first. */
    search(db: Db, q: string, withinPrefix: string, limit: number) {
      const lower = q.toLowerCase();
      return db
        .selectFrom('region')
        .select(COLUMNS)
        .where('code', 'like', `${withinPrefix}%`)
        .where((eb) =>
          eb.or([eb(sql`lower(name)`, 'like', `%${lower}%`), sql<boolean>`lower(name) % ${lower}`]),
        )
        .orderBy(sql`similarity(lower(name), ${lower})`, 'desc')
        .orderBy('code')
        .limit(limit)
        .execute();
    },
  };
}
