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

// The CLI runs in its own process on its own copy of the migrated database (PGlite data
// directory, or a PostgreSQL database made from the template).
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

let file: string;

beforeAll(async () => {
  dir = tempDir();
  const database = await openCopy();
  const services = { database } as Services;
  const family = await buildPkhFamily(services, DESA, [
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

describe('salur import alokasi', () => {
  it('prints the summary as JSON with --json and writes the rejected lines next to the file', () => {
    const run = salur('import', 'alokasi', '--program', 'PKH', '--period', '2026-T2', file, '--json');
    expect(run.stderr).not.toContain('Galat');
    expect(run.status).toBe(0);
    const summary = JSON.parse(run.stdout);
    expect(summary).toMatchObject({
      program: 'PKH',
      period: '2026-T2',
      rowsRead: 2,
      accepted: 1,
      rejected: 1,
      rejectedByReason: { NIK_NUMERIC_CELL: 1 },
      flaggedByReason: {},
      linked: 1,
      totalAmount: 750_000,
      expectedAmount: 750_000,
      errorReport: path.join(dir, 'alokasi.ditolak.csv'),
    });
    expect(fs.readFileSync(summary.errorReport, 'utf8')).toContain('3,NIK_NUMERIC_CELL');
  }, 60_000);

  it('refuses the same file again with exit code 2 and the reason code', () => {
    const run = salur('import', 'alokasi', '--program', 'PKH', '--period', '2026-T2', file, '--json');
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('ALLOCATION_FILE_ALREADY_IMPORTED');
  }, 60_000);
});
