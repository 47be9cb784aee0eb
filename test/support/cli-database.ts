import { type SpawnSyncReturns, spawnSync } from 'node:child_process';
import path from 'node:path';
import { openDatabase, type SalurDatabase } from '../../src/db/database';
import type { Services } from '../../src/platform/services';
import { copyTemplate } from './database';
import { allocationCsvLines, writeLines } from './distribution-files';
import { buildPkhFamily } from './pkh-families';

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

/**
 * The CLI tests' allocation file, in `dir`: one PKH family of `village` (2 members, Rp750.000
 * by PT Pos) registered in the copy, then a NIK a spreadsheet turned into a number (rejected).
 * Closes the copy's set-up handle, so the CLI can open it.
 */
export async function writeOneFamilyAllocationFile(cli: CliDatabase, dir: string, village: string) {
  const family = await buildPkhFamily({ database: cli.database } as Services, village, [
    { birthDate: '1985-01-01' },
    { birthDate: '2023-01-01' },
  ]);
  await cli.database.close();
  return writeLines(path.join(dir, 'alokasi.csv'), [
    ...allocationCsvLines([family], { amount: 750_000, channel: 'POS' }),
    '1.37101E+15,,Angka,750000,POS,',
  ]);
}
