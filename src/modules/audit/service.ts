import type { Db, SalurDatabase } from '../../db/database';
import type { AuditLogRow } from '../../db/types';
import { type Actor, authorize } from '../../platform/auth/actor';
import type { Clock } from '../../platform/clock';
import { type ChainedFields, entryHash, GENESIS_HASH } from './chain';
import { type AuditFilter, createAuditRepository } from './repository';

export interface AuditEntry {
  /** Dotted verb, e.g. `user.create`, `household.view`, `export.xlsx`. */
  action: string;
  entityType?: string;
  entityId?: string | number;
  regionCode?: string | null;
  before?: unknown;
  after?: unknown;
  details?: unknown;
}

export interface VerifyProblem {
  id: number;
  reason: 'HASH_MISMATCH' | 'CHAIN_BROKEN';
}

export interface VerifyResult {
  ok: boolean;
  checked: number;
  lastId: number;
  /** Hash of the newest entry: noted in a Berita Acara, it lets a later check see a shortened log. */
  lastHash: string | null;
  problems: VerifyProblem[];
}

const PAGE = 5000;

export function createAuditService(deps: { database: SalurDatabase; clock: Clock }) {
  const repo = createAuditRepository();

  /** Appends one entry inside the caller's transaction (`db` must be a transaction's). */
  async function record(db: Db, actor: Actor | null, entry: AuditEntry): Promise<number> {
    await repo.lockChain(db);
    const prevHash = (await repo.lastHash(db)) ?? GENESIS_HASH;
    const fields: ChainedFields = {
      at: deps.clock.now(),
      actor_user_id: actor && actor.userId > 0 ? actor.userId : null,
      actor_username: actor?.username ?? null,
      actor_role: actor?.role ?? null,
      action: entry.action,
      entity_type: entry.entityType ?? null,
      entity_id: entry.entityId === undefined ? null : String(entry.entityId),
      region_code: entry.regionCode ?? null,
      request_id: actor?.requestId ?? null,
      before: normalise(entry.before),
      after: normalise(entry.after),
      details: normalise(entry.details),
    };
    return repo.insert(db, { ...fields, prev_hash: prevHash, hash: entryHash(prevHash, fields) });
  }

  return {
    record,

    /** For reads and exports that change nothing else: one small transaction of its own. */
    recordNow(actor: Actor | null, entry: AuditEntry): Promise<number> {
      return deps.database.transaction((tx) => record(tx.db, actor, entry));
    },

    async list(actor: Actor, filter: AuditFilter): Promise<AuditLogRow[]> {
      authorize(actor, 'audit.read');
      return repo.list(deps.database.db, filter);
    },

    /**
     * Recomputes the chain from the first entry. An edited entry fails its own hash; a removed
     * or inserted one breaks the link to the next. Removing only the newest entries leaves a
     * valid shorter chain: the count and last hash in `salur audit verify --json` are meant to
     * be noted in each Berita Acara so a later shortening shows.
     */
    async verify(onProgress?: (checked: number, total: number) => void): Promise<VerifyResult> {
      const total = await repo.count(deps.database.db);
      const problems: VerifyProblem[] = [];
      let prevHash = GENESIS_HASH;
      let lastId = 0;
      let checked = 0;
      for (;;) {
        const rows = await repo.page(deps.database.db, lastId, PAGE);
        if (rows.length === 0) break;
        for (const row of rows) {
          if (row.prev_hash !== prevHash) problems.push({ id: row.id, reason: 'CHAIN_BROKEN' });
          if (entryHash(row.prev_hash, row) !== row.hash)
            problems.push({ id: row.id, reason: 'HASH_MISMATCH' });
          prevHash = row.hash;
          lastId = row.id;
        }
        checked += rows.length;
        onProgress?.(checked, total);
      }
      return {
        ok: problems.length === 0,
        checked,
        lastId,
        lastHash: lastId > 0 ? prevHash : null,
        problems: problems.slice(0, 100),
      };
    },
  };
}

export type AuditService = ReturnType<typeof createAuditService>;

/** What jsonb gives back: dates as ISO text, undefined dropped. */
function normalise(value: unknown): unknown {
  return value === undefined || value === null ? null : JSON.parse(JSON.stringify(value));
}
