import { sql } from 'kysely';
import type { Db } from '../../db/database';
import type { AuditLogRow } from '../../db/types';

export interface AuditFilter {
  actorUserId?: number | undefined;
  action?: string | undefined;
  entityType?: string | undefined;
  entityId?: string | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
  beforeId?: number | undefined;
  limit: number;
}

export function createAuditRepository() {
  return {
    /** Serialises appends: the chain needs "the last hash" to stay the last until commit. */
    async lockChain(db: Db): Promise<void> {
      await sql`SELECT pg_advisory_xact_lock(727002)`.execute(db);
    },

    async lastHash(db: Db): Promise<string | undefined> {
      const row = await db
        .selectFrom('audit_log')
        .select('hash')
        .orderBy('id', 'desc')
        .limit(1)
        .executeTakeFirst();
      return row?.hash;
    },

    async insert(db: Db, row: Omit<AuditLogRow, 'id'>): Promise<number> {
      const inserted = await db
        .insertInto('audit_log')
        .values({
          ...row,
          before: jsonOrNull(row.before),
          after: jsonOrNull(row.after),
          details: jsonOrNull(row.details),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return inserted.id;
    },

    /** Newest first, keyset-paginated by id. */
    async list(db: Db, filter: AuditFilter): Promise<AuditLogRow[]> {
      let query = db.selectFrom('audit_log').selectAll();
      if (filter.actorUserId !== undefined) query = query.where('actor_user_id', '=', filter.actorUserId);
      if (filter.action) query = query.where('action', 'like', `${filter.action}%`);
      if (filter.entityType) query = query.where('entity_type', '=', filter.entityType);
      if (filter.entityId) query = query.where('entity_id', '=', filter.entityId);
      if (filter.from) query = query.where('at', '>=', filter.from);
      if (filter.to) query = query.where('at', '<', filter.to);
      if (filter.beforeId !== undefined) query = query.where('id', '<', filter.beforeId);
      return query.orderBy('id', 'desc').limit(filter.limit).execute();
    },

    /** Oldest first from `afterId`, for verifying the chain in pages. */
    async page(db: Db, afterId: number, limit: number): Promise<AuditLogRow[]> {
      return db
        .selectFrom('audit_log')
        .selectAll()
        .where('id', '>', afterId)
        .orderBy('id')
        .limit(limit)
        .execute();
    },

    async count(db: Db): Promise<number> {
      const row = await db
        .selectFrom('audit_log')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },
  };
}

export type AuditRepository = ReturnType<typeof createAuditRepository>;

function jsonOrNull(value: unknown): string | null {
  return value === undefined || value === null ? null : JSON.stringify(value);
}
