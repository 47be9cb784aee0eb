import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { Mutex } from './mutex';
import { copyStatement, type RawConnection, type RawPool } from './raw-connection';
import { typeParsers } from './type-parsers';

/**
 * PGlite is a single connection. Two requests sharing it would interleave statements inside
 * each other's transactions, so the pool hands it to one holder at a time (ARCHITECTURE.md,
 * "PGlite is one connection").
 */
export async function openPglitePool(dataDir: string | undefined): Promise<RawPool & { pglite: PGlite }> {
  const pglite = await PGlite.create(dataDir, { extensions: { pg_trgm }, parsers: typeParsers });
  const mutex = new Mutex();
  const connection: RawConnection = {
    async query(sql, params = []) {
      const result = await pglite.query<never>(sql, params as unknown[]);
      return {
        rows: result.rows,
        rowCount: result.rowCount ?? result.affectedRows ?? result.rows.length,
        command: result.command ?? '',
      };
    },
    async exec(script) {
      await pglite.exec(script);
    },
    async copyCsv(table, columns, csv) {
      const result = await pglite.query(copyStatement(table, columns, "'/dev/blob'"), [], {
        blob: new Blob([csv as string | Uint8Array<ArrayBuffer>]),
      });
      return result.rowCount ?? result.affectedRows ?? 0;
    },
    async copyOut(select, onPart) {
      const result = await pglite.query(`COPY (${select}) TO '/dev/blob'`);
      const text = result.blob ? await result.blob.text() : '';
      if (!onPart) return text;
      onPart(text);
      return '';
    },
  };
  return {
    pglite,
    async acquire() {
      const release = await mutex.acquire();
      return { connection, release };
    },
    async end() {
      const release = await mutex.acquire();
      try {
        await pglite.close();
      } finally {
        release();
      }
    },
  };
}
