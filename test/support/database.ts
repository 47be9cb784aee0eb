import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { inject } from 'vitest';
import { openDatabase, type SalurDatabase } from '../../src/db/database';
import { withDatabase } from './global-setup';

export interface TestDatabase {
  database: SalurDatabase;
  /** Closes the database and removes its copy. */
  dispose(): Promise<void>;
}

/** A fresh, migrated database with the region list loaded, private to the caller. */
export async function openTestDatabase(): Promise<TestDatabase> {
  const template = inject('testTemplate');
  if (template.kind === 'postgres') {
    const name = `salur_t_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: template.url });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${template.template}`);
    await admin.end();
    const database = await openDatabase({ databaseUrl: withDatabase(template.url, name) });
    return {
      database,
      async dispose() {
        await database.close();
        const client = new pg.Client({ connectionString: template.url });
        await client.connect();
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await client.end();
      },
    };
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'salur-test-'));
  fs.cpSync(template.dataDir, dataDir, { recursive: true });
  const database = await openDatabase({ dataDir });
  return {
    database,
    async dispose() {
      await database.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
