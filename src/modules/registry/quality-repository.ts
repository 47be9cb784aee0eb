import { type SelectQueryBuilder, sql } from 'kysely';
import type { Db } from '../../db/database';
import type { DB } from '../../db/types';

/**
 * Data-quality findings (issue 3), each one set-based query over the actor's region. NIKs
 * that break the rules can be in the registry from before validation (older data, demo) or
 * from a rule change; warned NIKs were accepted with a mismatch flag.
 */
export const QUALITY_CATEGORIES = [
  'invalidNik',
  'warnedNik',
  'possibleDuplicates',
  'personInTwoHouseholds',
  'householdsWithoutHead',
  'deceasedMembers',
  'absentMembers',
] as const;

export type QualityCategory = (typeof QUALITY_CATEGORIES)[number];

type PersonQuery = SelectQueryBuilder<DB, 'person', object>;

// The NIK rules of DOMAIN.md as SQL: month 01–12, day 01–31 or 41–71, serial not 0000, known kecamatan.
const INVALID_NIK = sql<boolean>`(
  substr(person.nik, 13, 4) = '0000'
  OR substr(person.nik, 9, 2)::int NOT BETWEEN 1 AND 12
  OR NOT (substr(person.nik, 7, 2)::int BETWEEN 1 AND 31 OR substr(person.nik, 7, 2)::int BETWEEN 41 AND 71)
  OR NOT EXISTS (SELECT 1 FROM region r WHERE r.code = substr(person.nik, 1, 6) AND r.level = 'kecamatan'))`;

function personFilter(category: QualityCategory, query: PersonQuery): PersonQuery | null {
  switch (category) {
    case 'invalidNik':
      return query.where(INVALID_NIK);
    case 'warnedNik':
      return query.where(sql<boolean>`cardinality(person.nik_warnings) > 0`);
    case 'deceasedMembers':
      return query.where('person.status', '=', 'MENINGGAL').where('person.household_id', 'is not', null);
    case 'absentMembers':
      return query
        .where('person.absent_since_edition', 'is not', null)
        .where('person.household_id', 'is not', null);
    default:
      return null;
  }
}

export function createQualityRepository() {
  const scoped = (db: Db, prefix: string) =>
    db.selectFrom('person').where('person.region_code', 'like', `${prefix}%`);

  /** Groups of people with the same name and birth date but different NIKs. */
  const duplicateGroups = (db: Db, prefix: string, acrossHouseholds: boolean) =>
    scoped(db, prefix)
      .where('person.birth_date', 'is not', null)
      .select([sql<string>`lower(person.name)`.as('name_key'), 'person.birth_date'])
      .groupBy([sql`lower(person.name)`, 'person.birth_date'])
      .having(sql<boolean>`count(*) > 1`)
      .$if(acrossHouseholds, (q) => q.having(sql<boolean>`count(DISTINCT person.household_id) > 1`));

  return {
    async count(db: Db, prefix: string, category: QualityCategory): Promise<number> {
      if (category === 'possibleDuplicates' || category === 'personInTwoHouseholds') {
        const groups = duplicateGroups(db, prefix, category === 'personInTwoHouseholds');
        const row = await db
          .selectFrom(groups.as('g'))
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow();
        return Number(row.n);
      }
      if (category === 'householdsWithoutHead') {
        const row = await this.householdsWithoutHead(db, prefix)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow();
        return Number(row.n);
      }
      const query = personFilter(category, scoped(db, prefix) as PersonQuery)!;
      const row = await query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      return Number(row.n);
    },

    persons(db: Db, prefix: string, category: QualityCategory, limit: number, offset: number) {
      const query = personFilter(category, scoped(db, prefix) as PersonQuery);
      if (!query) throw new Error(`not a person category: ${category}`);
      return query
        .select([
          'person.id',
          'person.nik',
          'person.name',
          'person.birth_date',
          'person.status',
          'person.region_code',
          'person.household_id',
          'person.nik_warnings',
          'person.absent_since_edition',
        ])
        .orderBy('person.region_code')
        .orderBy('person.id')
        .limit(limit)
        .offset(offset)
        .execute();
    },

    /** Duplicate groups, each with its people. */
    async duplicates(db: Db, prefix: string, acrossHouseholds: boolean, limit: number, offset: number) {
      const groups = await duplicateGroups(db, prefix, acrossHouseholds)
        .orderBy(sql`lower(person.name)`)
        .orderBy('person.birth_date')
        .limit(limit)
        .offset(offset)
        .execute();
      if (groups.length === 0) return [];
      const members = await scoped(db, prefix)
        .select([
          'person.id',
          'person.nik',
          'person.name',
          'person.birth_date',
          'person.region_code',
          'person.household_id',
          'person.status',
        ])
        .where((eb) =>
          eb.or(
            groups.map((g) =>
              eb.and([
                eb(sql`lower(person.name)`, '=', g.name_key),
                eb('person.birth_date', '=', g.birth_date),
              ]),
            ),
          ),
        )
        .orderBy('person.id')
        .execute();
      return groups.map((g) => ({
        nameKey: g.name_key,
        birthDate: g.birth_date,
        persons: members.filter((m) => m.name.toLowerCase() === g.name_key && m.birth_date === g.birth_date),
      }));
    },

    /** Households with no living head of family among their members. */
    householdsWithoutHead(db: Db, prefix: string) {
      return db
        .selectFrom('household as h')
        .where('h.region_code', 'like', `${prefix}%`)
        .where(({ not, exists, selectFrom }) =>
          not(
            exists(
              selectFrom('person as p')
                .select('p.id')
                .whereRef('p.household_id', '=', 'h.id')
                .where('p.relationship', '=', 'KEPALA_KELUARGA')
                .where('p.status', '=', 'HIDUP')
                .where('p.absent_since_edition', 'is', null),
            ),
          ),
        );
    },

    households(db: Db, prefix: string, limit: number, offset: number) {
      return this.householdsWithoutHead(db, prefix)
        .select([
          'h.id',
          'h.kk',
          'h.region_code',
          (eb) =>
            eb
              .selectFrom('person as p')
              .select((e) => e.fn.countAll<number>().as('n'))
              .whereRef('p.household_id', '=', 'h.id')
              .where('p.status', '=', 'HIDUP')
              .as('member_count'),
        ])
        .orderBy('h.region_code')
        .orderBy('h.id')
        .limit(limit)
        .offset(offset)
        .execute();
    },
  };
}
