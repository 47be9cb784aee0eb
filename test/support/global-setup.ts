import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../../src/db/database';
import { migrate } from '../../src/db/migrate';
import { loadReferenceRegions } from '../../src/modules/regions/load';

declare module 'vitest' {
  export interface ProvidedContext {
    testTemplate: { kind: 'pglite'; dataDir: string } | { kind: 'postgres'; url: string; template: string };
  }
}

/**
 * Migrates one database and loads the region list once per run; every test file then starts
 * from a copy of it (a copied data directory on PGlite, CREATE DATABASE … TEMPLATE on PostgreSQL),
 * so no test depends on another's data.
 */
export default async function setup(project: TestProject) {
  if (process.env.SALUR_TEST_DB === 'postgres') {
    const url = process.env.TEST_DATABASE_URL;
    if (!url) throw new Error('SALUR_TEST_DB=postgres needs TEST_DATABASE_URL');
    const template = `salur_template_${process.pid}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${template}`);
    const database = await openDatabase({ databaseUrl: withDatabase(url, template) });
    await migrate(database);
    await loadReferenceRegions(database);
    await database.close();
    project.provide('testTemplate', { kind: 'postgres', url, template });
    return async () => {
      const { rows } = await admin.query<{ datname: string }>(
        `SELECT datname FROM pg_database WHERE datname LIKE 'salur_t\\_%' OR datname = $1`,
        [template],
      );
      for (const row of rows) await admin.query(`DROP DATABASE IF EXISTS ${row.datname} WITH (FORCE)`);
      await admin.end();
    };
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'salur-template-'));
  const database = await openDatabase({ dataDir });
  await migrate(database);
  await loadReferenceRegions(database);
  await database.close();
  project.provide('testTemplate', { kind: 'pglite', dataDir });
  return () => fs.rmSync(dataDir, { recursive: true, force: true });
}

export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}
