/**
 * The store floor of a bulk import, timed in the same run as the import and its COPY baseline:
 * the part every way of importing the file has to do — write the finished rows into their table
 * and build that table's indexes and keys — with nothing else. The rows the import just wrote
 * are copied as they are (INSERT … SELECT: no file to parse, no joins, no checks in JavaScript)
 * into an empty table shaped like the real one (same columns, defaults, checks, identity), under
 * the import's own bulk settings, and the real table's indexes and foreign keys are then built on
 * it with the import's own DDL, renamed. Rolled back at the end: the database is left as it was.
 *
 * Divided by the COPY baseline, it says how much of a ratio budget is spent before a single
 * line has been read, checked or matched.
 */

import { useBulkSettings } from '../../src/db/bulk-settings';
import type { SalurDatabase } from '../../src/db/database';
import { secondsSince } from './engine-kit';

export interface StoreFloorPlan {
  /** The real table (its shape is copied). */
  table: 'allocation' | 'disbursement';
  /** Which of its rows are the import's (SQL condition on the real table). */
  rowsOf: string;
  /** Whether the primary key is kept up while inserting (as the import does) or built after. */
  primaryKeyDuringInsert: boolean;
  /** The import's DDL that builds the table's indexes and keys after a bulk insert. */
  createDdl: string;
  /** Settings the import sets before building them (e.g. maintenance_work_mem). */
  buildSettings?: string;
}

const FLOOR = 'bench_store_floor';

export async function timeStoreFloor(database: SalurDatabase, plan: StoreFloorPlan) {
  const { table } = plan;
  const columns = await database.withConnection(async (raw) => {
    const { rows } = await raw.query<{ name: string }>(
      `SELECT column_name AS name FROM information_schema.columns
       WHERE table_schema = 'public' AND table_name = $1 AND column_name <> 'id' ORDER BY ordinal_position`,
      [table],
    );
    await raw.exec('CHECKPOINT');
    return rows.map((r) => r.name).join(', ');
  });
  const statements: Record<string, number> = {};
  const start = performance.now();
  await database
    .transaction(async ({ raw }) => {
      const timed = async (label: string, sql: string) => {
        const at = performance.now();
        await raw.exec(sql);
        statements[label] = secondsSince(at);
      };
      await useBulkSettings(raw, database.kind);
      await raw.exec(
        `CREATE TABLE ${FLOOR} (LIKE ${table} INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING IDENTITY)`,
      );
      if (plan.primaryKeyDuringInsert) await raw.exec(`ALTER TABLE ${FLOOR} ADD PRIMARY KEY (id)`);
      await timed(
        'insert',
        `INSERT INTO ${FLOOR} (${columns}) SELECT ${columns} FROM ${table} WHERE ${plan.rowsOf}`,
      );
      if (plan.buildSettings) await raw.exec(plan.buildSettings);
      for (const statement of onFloorTable(plan.createDdl, table)
        .split(';')
        .filter((s) => s.trim()))
        await timed(/(?:INDEX|CONSTRAINT) (\w+)/.exec(statement)?.[1] ?? statement.trim(), statement);
      throw new RolledBack();
    })
    .catch((error: unknown) => {
      if (!(error instanceof RolledBack)) throw error;
    });
  return { seconds: secondsSince(start), statements };
}

class RolledBack extends Error {}

/** The import's DDL aimed at the floor table: same indexes and keys, names prefixed. */
function onFloorTable(ddl: string, table: string): string {
  return ddl
    .replaceAll(`ON ${table} (`, `ON ${FLOOR} (`)
    .replaceAll(`ALTER TABLE ${table} `, `ALTER TABLE ${FLOOR} `)
    .replaceAll(`INDEX ${table}_`, `INDEX ${FLOOR}_`)
    .replaceAll(`CONSTRAINT ${table}_`, `CONSTRAINT ${FLOOR}_`);
}
