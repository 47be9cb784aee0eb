import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openDatabase, type SalurDatabase } from '../../src/db/database';
import type { Services } from '../../src/platform/services';
import { allocationCsvLines, writeLines } from '../support/distribution-files';
import { tempDir } from '../support/dtsen-fixture';
import { withDatabase } from '../support/global-setup';
import { buildPkhFamily } from '../support/pkh-families';

// `salur import alokasi|penyaluran` with an input path that is not a file, and with a folder
// where the rejected rows cannot be written. The CLI runs in its own process on its own copy
// of the migrated database, as in allocation-import-cli.test.ts.
const template = inject('testTemplate');
const root = path.resolve(import.meta.dirname, '../..');
const DESA = '1371011001';
let dir: string;
let env: Record<string, string>;
let dropDatabase: (() => Promise<void>) | null = null;

async function openCopy(): Promise<SalurDatabase> {
  if (template.kind === 'postgres') {
    const name = `salur_t_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: template.url });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${template.template}`);
    await admin.end();
    const url = withDatabase(template.url, name);
    env = { DATABASE_URL: url };
    dropDatabase = async () => {
      const client = new pg.Client({ connectionString: template.url });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    };
    return openDatabase({ databaseUrl: url });
  }
  const dataDir = path.join(dir, 'data');
  fs.cpSync(template.dataDir, dataDir, { recursive: true });
  env = { SALUR_DATA_DIR: dataDir, DATABASE_URL: '' };
  return openDatabase({ dataDir });
}

const salur = (...args: string[]) =>
  spawnSync('node', ['bin/salur.mjs', ...args], {
    cwd: root,
    env: { ...process.env, SALUR_KABUPATEN: '13.71', SALUR_ADMIN_PASSWORD: 'admin-rahasia-123', ...env },
    encoding: 'utf8',
  });
const importAlokasi = (file: string, ...more: string[]) =>
  salur('import', 'alokasi', '--program', 'PKH', '--period', '2026-T2', file, ...more);

let file: string;

beforeAll(async () => {
  dir = tempDir();
  const database = await openCopy();
  const family = await buildPkhFamily({ database } as Services, DESA, [
    { birthDate: '1985-01-01' },
    { birthDate: '2023-01-01' },
  ]);
  await database.close();
  file = await writeLines(path.join(dir, 'alokasi.csv'), [
    ...allocationCsvLines([family], { amount: 750_000, channel: 'POS' }),
    '1.37101E+15,,Angka,750000,POS,',
  ]);
});
afterAll(async () => {
  await dropDatabase?.();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('salur import with an input path that is not a readable file', () => {
  it('a missing allocation file is FILE_NOT_FOUND with exit code 2, like import dtsen', () => {
    const run = importAlokasi(path.join(dir, 'tidak-ada.csv'));
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('Galat [FILE_NOT_FOUND]: Berkas');
    expect(run.stderr).not.toContain('ENOENT');
  }, 60_000);
});

describe('salur import when the rejected rows cannot be written next to the file', () => {
  it('prints the saved import, then a warning with where to get the rows, and exits with 3', () => {
    // A folder already holding the report's name blocks the write even for root (chmod would not).
    fs.mkdirSync(path.join(dir, 'alokasi.ditolak.csv'));
    const run = importAlokasi(file);
    expect(run.stdout).toMatch(/Impor alokasi #(\d+) PKH 2026-T2: 2 baris dibaca, 1 diterima, 1 ditolak\./);
    const importId = /#(\d+)/.exec(run.stdout)![1];
    expect(run.stderr).toContain('Peringatan [REJECTION_FILE_NOT_WRITTEN]: impor di atas sudah tersimpan');
    expect(run.stderr).toContain(path.join(dir, 'alokasi.ditolak.csv'));
    expect(run.stderr).toContain(`GET /api/allocation-imports/${importId}/rejected.csv`);
    expect(run.stderr).not.toContain('Galat tak terduga');
    expect(run.status).toBe(3);
  }, 60_000);

  it('the import was committed: the same file again is refused as already imported', () => {
    const run = importAlokasi(file, '--json');
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('ALLOCATION_FILE_ALREADY_IMPORTED');
  }, 60_000);

  it('a folder given as the channel report of an imported period is FILE_IS_DIRECTORY, exit code 2', () => {
    const run = salur(
      'import',
      'penyaluran',
      '--program',
      'PKH',
      '--period',
      '2026-T2',
      '--channel',
      'POS',
      dir,
    );
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('Galat [FILE_IS_DIRECTORY]');
    expect(run.stderr).not.toContain('EISDIR');
  }, 60_000);
});
