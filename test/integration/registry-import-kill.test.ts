import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openDatabase } from '../../src/db/database';
import { newKk, personRow, tempDir, writeCsv } from '../support/dtsen-fixture';

// Killing a process only makes sense against the embedded database the process owns.
const template = inject('testTemplate');
const root = path.resolve(import.meta.dirname, '../..');

describe.skipIf(template.kind !== 'pglite')('an import killed in the middle', () => {
  let dir: string;
  let dataDir: string;
  let file: string;
  const ROWS = 120_000;

  beforeAll(() => {
    dir = tempDir();
    dataDir = path.join(dir, 'data');
    if (template.kind === 'pglite') fs.cpSync(template.dataDir, dataDir, { recursive: true });
    const rows = [];
    // Birth dates spread over the years so that NIK serials (max 9999 per date) never run out.
    const day = (base: string, i: number) =>
      new Date(Date.parse(base) + (i % 7000) * 86_400_000).toISOString().slice(0, 10);
    for (let i = 0; i < ROWS / 4; i++) {
      const desa = i % 2 ? '1371011001' : '1371111001';
      const kk = newKk(desa);
      rows.push(personRow(kk, desa, { birth: day('1960-01-01', i) }));
      rows.push(personRow(kk, desa, { HUB_KELUARGA: 'ISTRI', sex: 'P', birth: day('1962-01-01', i) }));
      rows.push(personRow(kk, desa, { HUB_KELUARGA: 'ANAK', birth: day('1990-01-01', i) }));
      rows.push(personRow(kk, desa, { HUB_KELUARGA: 'ANAK', sex: 'P', birth: day('1992-01-01', i) }));
    }
    file = writeCsv(dir, 'besar.csv', rows);
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  const env = () => ({
    ...process.env,
    SALUR_DATA_DIR: dataDir,
    SALUR_ADMIN_PASSWORD: 'admin-rahasia-123',
    DATABASE_URL: '',
  });

  it('leaves the registry as before, and running it again gives the full result', async () => {
    const child = spawn(
      'node',
      ['bin/salur.mjs', 'import', 'dtsen', file, '--edition', '2026-01', '--json'],
      { cwd: root, env: env(), stdio: 'ignore' },
    );
    // Wait until the import holds the database, then let it work a moment and kill it.
    const lock = `${dataDir}.lock`;
    for (let i = 0; i < 200 && !fs.existsSync(lock); i++) await new Promise((r) => setTimeout(r, 50));
    await new Promise((r) => setTimeout(r, 2500));
    expect(child.exitCode).toBeNull();
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));

    const database = await openDatabase({ dataDir });
    const persons = await database.db
      .selectFrom('person')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    const imports = await database.db
      .selectFrom('registry_import')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    await database.close();
    expect(Number(persons.n)).toBe(0);
    expect(Number(imports.n)).toBe(0);

    const rerun = spawnSync(
      'node',
      ['bin/salur.mjs', 'import', 'dtsen', file, '--edition', '2026-01', '--json'],
      { cwd: root, env: env(), encoding: 'utf8' },
    );
    expect(rerun.status).toBe(0);
    const summary = JSON.parse(rerun.stdout);
    expect(summary).toMatchObject({
      rowsRead: ROWS,
      accepted: ROWS,
      rejected: 0,
      persons: { inserted: ROWS },
    });
  }, 120_000);
});
