import { createHash } from 'node:crypto';
import type { Insertable } from 'kysely';
import type { UsulanEventTable, UsulanStatus } from '../../db/types';
import type { Actor } from '../../platform/auth/actor';

/** One line of a proposal's history (usulan_event): who moved it, from where to where, why. */
export function eventRow(
  actor: Actor,
  usulanId: number,
  from: UsulanStatus | null,
  to: UsulanStatus,
  at: Date,
  comment: string | null = null,
): Insertable<UsulanEventTable> {
  return {
    usulan_id: usulanId,
    at,
    actor_user_id: actor.userId > 0 ? actor.userId : null,
    actor_name: actor.fullName,
    actor_role: actor.role,
    from_status: from,
    to_status: to,
    comment,
  };
}

/** The user id to store as author: the system and the CLI have none. */
export function authorId(actor: Actor): number | null {
  return actor.userId > 0 ? actor.userId : null;
}

export function sha256Hex(content: Uint8Array): string {
  return createHash('sha256').update(content).digest('hex');
}

/** PostgreSQL's unique_violation, as both engines report it. */
export function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === '23505';
}

/** bytea comes back as a Buffer from pg and as a Uint8Array from PGlite. */
export function asBuffer(content: Uint8Array): Buffer {
  return Buffer.isBuffer(content)
    ? content
    : Buffer.from(content.buffer, content.byteOffset, content.byteLength);
}
