import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Validator } from '@seriousme/openapi-schema-validator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acquireDataDirLock } from '../../src/db/data-dir-lock';
import { openDatabase } from '../../src/db/database';
import { MigrationChecksumError, migrate, readMigrationFiles } from '../../src/db/migrate';
import { ADMIN_PASSWORD, createTestApp, login, type TestApp } from '../support/app';

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.dispose());

describe('API description and health', () => {
  it('publishes an OpenAPI 3 document that a real validator accepts', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(response.statusCode).toBe(200);
    const validator = new Validator();
    const result = await validator.validate(response.json());
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(Object.keys(response.json().paths)).toEqual(
      expect.arrayContaining(['/api/users', '/api/audit', '/api/jobs/{id}/events']),
    );
  });

  it('serves interactive docs at /api/docs', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/docs/' });
    expect(response.statusCode).toBe(200);
    expect(response.body).toMatch(/swagger/i);
  });

  it('reports database kind and migration level at /api/health without login', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(response.json()).toMatchObject({
      status: 'ok',
      database: t.services.database.kind,
      migration: readMigrationFiles().at(-1)!.version,
    });
  });

  it('answers an unknown API path with 404 in the error shape', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/tidak-ada' });
    expect(response.statusCode).toBe(404);
    expect(response.json().error.code).toBe('NOT_FOUND');
  });
});

describe('regions', () => {
  it('lists the 11 kecamatan of Kota Padang, codes accepted with or without dots', async () => {
    const admin = await login(t.app, 'admin', ADMIN_PASSWORD);
    for (const code of ['13.71', '1371']) {
      const response = await t.app.inject({
        method: 'GET',
        url: `/api/regions/${code}/children`,
        headers: admin.headers,
      });
      expect(response.json().items).toHaveLength(11);
      expect(response.json().items[0]).toMatchObject({
        code: '137101',
        name: 'Padang Selatan',
        level: 'kecamatan',
      });
    }
    const kelurahan = await t.app.inject({
      method: 'GET',
      url: '/api/regions/13.71.01.1001',
      headers: admin.headers,
    });
    expect(kelurahan.json().path.map((r: { level: string }) => r.level)).toEqual([
      'provinsi',
      'kabupaten',
      'kecamatan',
      'desa',
    ]);
  });

  it('finds a region by name within a scope and answers an unknown code with 404', async () => {
    const admin = await login(t.app, 'admin', ADMIN_PASSWORD, '10.60.0.1');
    const search = await t.app.inject({
      method: 'GET',
      url: '/api/regions?q=koto%20tangah&within=13.71',
      headers: admin.headers,
    });
    expect(search.json().items[0]).toMatchObject({ code: '137111', name: 'Koto Tangah' });
    const unknown = await t.app.inject({
      method: 'GET',
      url: '/api/regions/13.71.99',
      headers: admin.headers,
    });
    expect(unknown.statusCode).toBe(404);
    const malformed = await t.app.inject({
      method: 'GET',
      url: '/api/regions/13-71',
      headers: admin.headers,
    });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().error.code).toBe('REGION_CODE_FORMAT');
  });

  it('loaded the whole Kemendagri 2025 list', async () => {
    const counts = await t.services.database.db
      .selectFrom('region')
      .select(['level', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy('level')
      .execute();
    expect(Object.fromEntries(counts.map((c) => [c.level, Number(c.n)]))).toEqual({
      provinsi: 38,
      kabupaten: 514,
      kecamatan: 7285,
      desa: 83762,
    });
  });
});

describe('migrations', () => {
  it('running them again changes nothing', async () => {
    expect(await migrate(t.services.database)).toBe(readMigrationFiles().at(-1)!.version);
  });

  it('the NIK, KK and edition checks (0009, no regex) refuse what the regex refused', async () => {
    const raw = (sql: string, params: unknown[]) =>
      t.services.database.withConnection((c) => c.query(sql, params));
    const check = async (expression: string, value: string) =>
      (await raw(`SELECT ${expression} AS ok`, [value])).rows[0] as { ok: boolean };
    const nikCheck = "length($1::text) = 16 AND ltrim($1::text, '0123456789') = ''";
    const editionCheck =
      "length($1::text) = 7 AND substr($1::text, 5, 1) = '-' AND ltrim(substr($1::text, 1, 4) || substr($1::text, 6, 2), '0123456789') = ''";
    for (const nik of [
      '1371011705800001',
      '137101170580000',
      '13710117058000011',
      '137101170580000a',
      ' 371011705800001',
      '137101170580000\n',
      '１３71011705800001',
      '',
    ])
      expect((await check(nikCheck, nik)).ok, nik).toBe(/^[0-9]{16}$/.test(nik));
    for (const edition of ['2026-01', '2026/01', '202601', '2026-1', '2026-0a', 'a026-01', '2026-011'])
      expect((await check(editionCheck, edition)).ok, edition).toBe(/^[0-9]{4}-[0-9]{2}$/.test(edition));
    // The constraints themselves are these expressions.
    await expect(
      raw(
        "INSERT INTO household (kk, kabupaten_code, region_code) VALUES ('137101170580000x', '1371', '1371011001')",
        [],
      ),
    ).rejects.toThrow(/household_kk_check/);
  });

  it('refuses to start when an applied migration was edited', async () => {
    const files = readMigrationFiles().map((f, i) => (i === 0 ? { ...f, checksum: 'edited' } : f));
    await expect(migrate(t.services.database, files)).rejects.toBeInstanceOf(MigrationChecksumError);
  });
});

describe.skipIf(process.env.SALUR_TEST_DB === 'postgres')('embedded data directory lock', () => {
  it('a second process-level open of the same directory is refused with DATA_DIR_BUSY', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'salur-lock-'));
    const dataDir = path.join(dir, 'data');
    const first = await openDatabase({
      dataDir,
      lockOwner: { kind: 'server', url: 'http://localhost:3999' },
    });
    await expect(openDatabase({ dataDir })).rejects.toMatchObject({ code: 'DATA_DIR_BUSY' });
    await first.close();
    const again = await openDatabase({ dataDir });
    await again.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('takes over a stale lock left by a dead process', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'salur-lock-'));
    const dataDir = path.join(dir, 'data');
    fs.writeFileSync(
      `${dataDir}.lock`,
      JSON.stringify({ pid: 2 ** 22 + 12345, hostname: os.hostname(), kind: 'server' }),
    );
    const lock = acquireDataDirLock(dataDir, { kind: 'cli' });
    expect(JSON.parse(fs.readFileSync(lock.path, 'utf8')).pid).toBe(process.pid);
    lock.release();
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
