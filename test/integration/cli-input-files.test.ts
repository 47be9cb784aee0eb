import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CliDatabase, openCliDatabase, writeOneFamilyAllocationFile } from '../support/cli-database';
import { tempDir } from '../support/dtsen-fixture';

// `salur import alokasi|penyaluran` with an input path that is not a file, and with a folder
// where the rejected rows cannot be written. The CLI runs in its own process on its own copy
// of the migrated database, as in allocation-import-cli.test.ts.
const DESA = '1371011001';
let dir: string;
let cli: CliDatabase;
const salur = (...args: string[]) => cli.salur(...args);
const importAlokasi = (file: string, ...more: string[]) =>
  salur('import', 'alokasi', '--program', 'PKH', '--period', '2026-T2', file, ...more);

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
