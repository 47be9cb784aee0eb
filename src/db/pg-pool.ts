import { StringDecoder } from 'node:string_decoder';
import pg from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import { redactError } from '../platform/redact';
import { copyStatement, type RawConnection, type RawPool } from './raw-connection';
import { PG_DATE, PG_INT8, parseInt8 } from './type-parsers';

pg.types.setTypeParser(PG_INT8, parseInt8);
pg.types.setTypeParser(PG_DATE, (text: string) => text);

export function openPgPool(connectionString: string, max = 10): RawPool & { pool: pg.Pool } {
  const pool = new pg.Pool({ connectionString, max });
  // An idle connection the server closes (restart, failover) must not crash the process: the
  // pool drops it and opens a new one on the next request.
  pool.on('error', (error) => console.error('PostgreSQL connection lost', redactError(error)));
  return {
    pool,
    async acquire() {
      const client = await pool.connect();
      return { connection: wrapClient(client), release: () => client.release() };
    },
    async end() {
      await pool.end();
    },
  };
}

function wrapClient(client: pg.PoolClient): RawConnection {
  return {
    async query(sql, params = []) {
      const result = await client.query(sql, params as unknown[]);
      return { rows: result.rows, rowCount: result.rowCount ?? 0, command: result.command };
    },
    async exec(script) {
      await client.query(script);
    },
    copyCsv(table, columns, csv) {
      return new Promise<number>((resolve, reject) => {
        const stream = client.query(copyFrom(copyStatement(table, columns, 'STDIN')));
        stream.on('error', reject);
        stream.on('finish', () => resolve(stream.rowCount ?? 0));
        stream.end(csv);
      });
    },
    copyOut(select, onPart) {
      return new Promise<string>((resolve, reject) => {
        const stream = client.query(copyTo(`COPY (${select}) TO STDOUT`));
        const chunks: Buffer[] = [];
        // A part may end inside a UTF-8 character: the decoder keeps its first bytes for the next.
        const decoder = new StringDecoder('utf8');
        // A part that fails is reported once the COPY has ended: the connection stays usable.
        let failure: unknown = null;
        const hand = (give: (part: string) => void, part: string) => {
          if (failure !== null) return;
          try {
            give(part);
          } catch (error) {
            failure = error;
          }
        };
        stream.on('data', (chunk: Buffer) => {
          if (onPart) hand(onPart, decoder.write(chunk));
          else chunks.push(chunk);
        });
        stream.on('error', reject);
        stream.on('end', () => {
          if (!onPart) return resolve(Buffer.concat(chunks).toString('utf8'));
          hand(onPart, decoder.end());
          if (failure !== null) reject(failure);
          else resolve('');
        });
      });
    },
  };
}
