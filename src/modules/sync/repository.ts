import type { Db } from '../../db/database';
import type { SyncStatus } from '../../db/types';

export interface ItemFilter {
  checkId: number;
  /** Region prefix: the actor's scope, or a region inside it. */
  regionPrefix: string;
  status?: SyncStatus | undefined;
}

const ITEM_COLUMNS = [
  'id',
  'nik',
  'status',
  'region_code',
  'kecamatan_code',
  'name',
  'local_status',
  'differences',
] as const;

const CHECK_COLUMNS = [
  'id',
  'file_name',
  'file_format',
  'rows_read',
  'accepted',
  'rejected',
  'summary',
  'created_by_name',
  'created_at',
] as const;

/** Queries of the sync check; one statement per method, the caller passes the executor. */
export function createSyncRepository() {
  function items(db: Db, filter: ItemFilter) {
    let query = db
      .selectFrom('sync_check_item')
      .where('check_id', '=', filter.checkId)
      .where('region_code', 'like', `${filter.regionPrefix}%`);
    if (filter.status) query = query.where('status', '=', filter.status);
    return query;
  }

  return {
    /** Known kecamatan and desa/kelurahan codes (retired ones too), for row validation. */
    regionNames(db: Db, codes: readonly string[]) {
      if (codes.length === 0) return Promise.resolve([]);
      return db.selectFrom('region').select(['code', 'name']).where('code', 'in', codes).execute();
    },

    async insertCheck(
      db: Db,
      row: {
        file_name: string;
        file_sha256: string;
        file_format: string;
        rows_read: number;
        accepted: number;
        rejected: number;
        created_by: number | null;
        created_by_name: string;
      },
    ): Promise<number> {
      const inserted = await db
        .insertInto('sync_check')
        .values({ ...row, summary: '{}' })
        .returning('id')
        .executeTakeFirstOrThrow();
      return inserted.id;
    },

    async saveSummary(db: Db, id: number, summary: unknown): Promise<void> {
      await db
        .updateTable('sync_check')
        .set({ summary: JSON.stringify(summary) })
        .where('id', '=', id)
        .execute();
    },

    totals(db: Db, checkId: number) {
      return db
        .selectFrom('sync_check_item')
        .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
        .where('check_id', '=', checkId)
        .groupBy('status')
        .execute();
    },

    listChecks(db: Db, limit: number) {
      return db.selectFrom('sync_check').select(CHECK_COLUMNS).orderBy('id', 'desc').limit(limit).execute();
    },

    findCheck(db: Db, id: number) {
      return db.selectFrom('sync_check').select(CHECK_COLUMNS).where('id', '=', id).executeTakeFirst();
    },

    /** Status counts of several checks within a region prefix (narrow scopes only). */
    countsByCheck(db: Db, checkIds: readonly number[], regionPrefix: string) {
      if (checkIds.length === 0) return Promise.resolve([]);
      return db
        .selectFrom('sync_check_item')
        .select(['check_id', 'status', (eb) => eb.fn.countAll<number>().as('n')])
        .where('check_id', 'in', checkIds)
        .where('region_code', 'like', `${regionPrefix}%`)
        .groupBy(['check_id', 'status'])
        .execute();
    },

    /** Status counts per kelurahan within a region prefix. */
    countsByRegion(db: Db, checkId: number, regionPrefix: string) {
      return items(db, { checkId, regionPrefix })
        .select(['region_code', 'status', (eb) => eb.fn.countAll<number>().as('n')])
        .groupBy(['region_code', 'status'])
        .orderBy('region_code')
        .execute();
    },

    listItems(db: Db, filter: ItemFilter, page: { limit: number; offset: number }) {
      return items(db, filter)
        .select(ITEM_COLUMNS)
        .orderBy('id')
        .limit(page.limit)
        .offset(page.offset)
        .execute();
    },

    async countItems(db: Db, filter: ItemFilter): Promise<number> {
      const row = await items(db, filter)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },

    /** The next page after `afterId` (keyset), for exports of any size. */
    itemsAfter(db: Db, filter: ItemFilter, afterId: number, limit: number) {
      return items(db, filter)
        .select(ITEM_COLUMNS)
        .where('id', '>', afterId)
        .orderBy('id')
        .limit(limit)
        .execute();
    },

    findItem(db: Db, checkId: number, itemId: number) {
      return db
        .selectFrom('sync_check_item')
        .select(ITEM_COLUMNS)
        .where('check_id', '=', checkId)
        .where('id', '=', itemId)
        .executeTakeFirst();
    },
  };
}

export type SyncRepository = ReturnType<typeof createSyncRepository>;
export type SyncCheckRecord = NonNullable<Awaited<ReturnType<SyncRepository['findCheck']>>>;
export type SyncItemRecord = NonNullable<Awaited<ReturnType<SyncRepository['findItem']>>>;
