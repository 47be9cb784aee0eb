import type { Services } from '../../src/platform/services';

/** Audit entries of one action (newest first), optionally for one entity. */
export async function auditEntries(services: Services, action: string, entityId?: string | number) {
  let query = services.database.db
    .selectFrom('audit_log')
    .select(['action', 'entity_type', 'entity_id', 'region_code', 'before', 'after', 'actor_username'])
    .where('action', '=', action);
  if (entityId !== undefined) query = query.where('entity_id', '=', String(entityId));
  return query.orderBy('id', 'desc').execute() as Promise<
    Array<{
      action: string;
      entity_type: string | null;
      entity_id: string | null;
      region_code: string | null;
      before: Record<string, unknown> | null;
      after: Record<string, unknown> | null;
      actor_username: string | null;
    }>
  >;
}
