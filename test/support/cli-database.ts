import { type SpawnSyncReturns, spawnSync } from 'node:child_process';
import path from 'node:path';
import { openDatabase, type SalurDatabase } from '../../src/db/database';
import { copyTemplate } from './database';

const root = path.resolve(import.meta.dirname, '../..');

/** A copy of the migrated test database for CLI processes, and a handle to set it up with. */
export interface CliDatabase {
  /** Open for the test's set-up; close it before the CLI runs (PGlite is one process). */
  database: SalurDatabase;
  /** Runs `salur …` in its own process on this copy. */
  salur: (...args: string[]) => SpawnSyncReturns<string>;
  /** Removes the copy. */
  drop: () => Promise<void>;
}

/**
 * The CLI runs in its own process on its own copy of the migrated database: a PGlite data
 * directory under `dir`, or a PostgreSQL database made from the template.
 */
export async function openCliDatabase(dir: string): Promise<CliDatabase> {
  const copy = await copyTemplate(path.join(dir, 'data'));
  const env =
    'databaseUrl' in copy.location
      ? { DATABASE_URL: copy.location.databaseUrl }
      : { SALUR_DATA_DIR: copy.location.dataDir, DATABASE_URL: '' };
  const salur = (...args: string[]) =>
    spawnSync('node', ['bin/salur.mjs', ...args], {
      cwd: root,
      env: { ...process.env, SALUR_KABUPATEN: '13.71', SALUR_ADMIN_PASSWORD: 'admin-rahasia-123', ...env },
      encoding: 'utf8',
    });
  return { database: await openDatabase(copy.location), salur, drop: () => copy.remove() };
}
