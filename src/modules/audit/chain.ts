import { createHash } from 'node:crypto';

export const GENESIS_HASH = '0'.repeat(64);

/** The fields of an audit entry that its hash covers (everything but id and the hashes). */
export interface ChainedFields {
  at: Date;
  actor_user_id: number | null;
  actor_username: string | null;
  actor_role: string | null;
  action: string;
  entity_type: string | null;
  entity_id: string | null;
  region_code: string | null;
  request_id: string | null;
  before: unknown;
  after: unknown;
  details: unknown;
}

/**
 * hash = sha256(prev_hash "\n" canonical JSON). Keys are sorted because jsonb does not keep
 * key order: the hash must come out the same from what the database gives back.
 */
export function entryHash(prevHash: string, fields: ChainedFields): string {
  // Pick the covered fields by name: callers may pass a whole row (with id and hashes).
  const covered = {
    at: fields.at.toISOString(),
    actor_user_id: fields.actor_user_id,
    actor_username: fields.actor_username,
    actor_role: fields.actor_role,
    action: fields.action,
    entity_type: fields.entity_type,
    entity_id: fields.entity_id,
    region_code: fields.region_code,
    request_id: fields.request_id,
    before: fields.before,
    after: fields.after,
    details: fields.details,
  };
  const canonical = canonicalJson(covered);
  return createHash('sha256').update(`${prevHash}\n${canonical}`).digest('hex');
}

export function canonicalJson(value: unknown): string {
  if (value === undefined || value === null) return 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
