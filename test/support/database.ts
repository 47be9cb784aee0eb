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

/** A copy of the migrated template database: where it is, and how to remove it. */
export interface TemplateCopy {
  location: { databaseUrl: string } | { dataDir: string };
  remove(): Promise<void>;
}

/** Copies the template: a PostgreSQL database made from it, or a PGlite data directory (in `dataDir`). */
export async function copyTemplate(dataDir?: string): Promise<TemplateCopy> {
  const template = inject('testTemplate');
  if (template.kind === 'postgres') {
    const name = `salur_t_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: template.url });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${template.template}`);
    await admin.end();
    return {
      location: { databaseUrl: withDatabase(template.url, name) },
      async remove() {
        const client = new pg.Client({ connectionString: template.url });
        await client.connect();
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await client.end();
      },
    };
  }
  const dir = dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'salur-test-'));
  fs.cpSync(template.dataDir, dir, { recursive: true });
  return {
    location: { dataDir: dir },
    async remove() {
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A fresh, migrated database with the region list loaded, private to the caller. */
export async function openTestDatabase(): Promise<TestDatabase> {
  const copy = await copyTemplate();
  const database = await openDatabase(copy.location);
  return {
    database,
    async dispose() {
      await database.close();
      await copy.remove();
    },
  };
}
