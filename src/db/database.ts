import { AsyncLocalStorage } from 'node:async_hooks';
import { Kysely, PostgresDialect, type PostgresPool } from 'kysely';
import { acquireDataDirLock, type DataDirLock } from './data-dir-lock';
import { openPgPool } from './pg-pool';
import { openPglitePool } from './pglite-pool';
import type { RawConnection, RawPool } from './raw-connection';
import type { DB } from './types';

export type DatabaseKind = 'pglite' | 'postgres';
export type Db = Kysely<DB>;

/** What a transaction body gets: a Kysely bound to the transaction's connection, and COPY on it. */
export interface Tx {
  db: Db;
  raw: RawConnection;
}

export interface SalurDatabase {
  kind: DatabaseKind;
  /** For single statements outside a transaction. Never use it inside `transaction()`. */
  db: Db;
  transaction<T>(body: (tx: Tx) => Promise<T>): Promise<T>;
  /** Runs `body` holding one connection without a transaction (for COPY outside a transaction). */
  withConnection<T>(body: (raw: RawConnection) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export interface OpenOptions {
  databaseUrl?: string | undefined;
  dataDir?: string | undefined;
  /** Recorded in the lock file so a CLI can find the running server (ARCHITECTURE.md pitfalls). */
  lockOwner?: { kind: 'server' | 'cli'; url?: string };
  /** Only unit tests use PGlite in memory; real work is on disk. */
  inMemory?: boolean;
}

// Marks code running while it holds the PGlite connection: asking for it again from there
// would wait on itself forever, so that is turned into an immediate error instead.
const holding = new AsyncLocalStorage<true>();

export async function openDatabase(options: OpenOptions): Promise<SalurDatabase> {
  if (options.databaseUrl) return wrap('postgres', openPgPool(options.databaseUrl), undefined);
  let lock: DataDirLock | undefined;
  if (!options.inMemory) {
    if (!options.dataDir) throw new Error('dataDir is required for the embedded database');
    lock = acquireDataDirLock(options.dataDir, options.lockOwner ?? { kind: 'cli' });
  }
  try {
    const pool = await openPglitePool(options.inMemory ? undefined : options.dataDir);
    return wrap('pglite', pool, lock);
  } catch (error) {
    lock?.release();
    throw error;
  }
}

function wrap(kind: DatabaseKind, pool: RawPool, lock: DataDirLock | undefined): SalurDatabase {
  const acquire = async () => {
    if (kind === 'pglite' && holding.getStore()) {
      throw new Error('nested use of the database inside a transaction: pass tx.db down instead');
    }
    return pool.acquire();
  };
  const kyselyPool: PostgresPool = {
    async connect() {
      const { connection, release } = await acquire();
      return { query: (sql: string, params: readonly unknown[]) => connection.query(sql, params), release };
    },
    end: async () => {},
  } as unknown as PostgresPool;
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool: kyselyPool }) });

  async function withConnection<T>(body: (raw: RawConnection) => Promise<T>): Promise<T> {
    const { connection, release } = await acquire();
    try {
      return await holding.run(true, () => body(connection));
    } finally {
      release();
    }
  }

  return {
    kind,
    db,
    withConnection,
    transaction(body) {
      return withConnection(async (raw) => {
        const txDb = new Kysely<DB>({ dialect: new PostgresDialect({ pool: singleConnectionPool(raw) }) });
        await raw.query('BEGIN');
        try {
          const result = await body({ db: txDb, raw });
          await raw.query('COMMIT');
          return result;
        } catch (error) {
          await raw.query('ROLLBACK').catch(() => {});
          throw error;
        }
      });
    },
    async close() {
      await db.destroy();
      await pool.end();
      lock?.release();
    },
  };
}

function singleConnectionPool(raw: RawConnection): PostgresPool {
  return {
    async connect() {
      return { query: (sql: string, params: readonly unknown[]) => raw.query(sql, params), release() {} };
    },
    end: async () => {},
  } as unknown as PostgresPool;
}
