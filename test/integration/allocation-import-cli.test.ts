import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CliDatabase, openCliDatabase, writeOneFamilyAllocationFile } from '../support/cli-database';
import { tempDir } from '../support/dtsen-fixture';

// The CLI runs in its own process on its own copy of the migrated database (PGlite data
// directory, or a PostgreSQL database made from the template).
const DESA = '1371011001';
let dir: string;
let cli: CliDatabase;
const salur = (...args: string[]) => cli.salur(...args);

let file: string;

beforeAll(async () => {
  dir = tempDir();
  cli = await openCliDatabase(dir);
  file = await writeOneFamilyAllocationFile(cli, dir, DESA);
});
afterAll(async () => {
  await cli?.drop();
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
