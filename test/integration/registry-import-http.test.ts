import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LoggedIn, login, type TestApp } from '../support/app';
import { newKk, personRow, writeCsv } from '../support/dtsen-fixture';
import { buildUser, PASSWORD } from '../support/factories';
import { postFile, startImportApp, stopImportApp } from '../support/import-http';

const DESA = '1371031001';
let t: TestApp;
let admin: LoggedIn;
let dir: string;

beforeAll(async () => {
  ({ t, admin, dir } = await startImportApp());
});
afterAll(() => stopImportApp({ t, admin, dir }));

const upload = (file: string, name: string, session = admin) =>
  postFile(t, `/api/registry/uploads?fileName=${encodeURIComponent(name)}`, file, session);

describe('DTSEN import over HTTP', () => {
  it('uploads, previews the mapping, runs as a job and serves the rejected-rows report', async () => {
    const kk = newKk(DESA);
    const file = writeCsv(dir, 'web.csv', [
      personRow(kk, DESA),
      personRow(kk, DESA, { NIK: '1.37101E+15', HUB_KELUARGA: 'ANAK' }),
    ]);
    const preview = await upload(file, 'web.csv');
    expect(preview.statusCode).toBe(201);
    expect(preview.json()).toMatchObject({ format: 'csv', missingRequired: [] });
    expect(preview.json().mapping).toContainEqual({ header: 'NIK', field: 'nik' });
    const started = await t.app.inject({
      method: 'POST',
      url: '/api/registry/imports',
      headers: admin.headers,
      payload: { uploadId: preview.json().uploadId, fileName: 'web.csv', edition: '2026-01' },
    });
    expect(started.statusCode).toBe(202);
    await t.services.jobs.runUntilIdle();
    const job = (
      await t.app.inject({ method: 'GET', url: `/api/jobs/${started.json().id}`, headers: admin.headers })
    ).json();
    expect(job).toMatchObject({ state: 'succeeded', result: { accepted: 1, rejected: 1 } });
    const report = await t.app.inject({
      method: 'GET',
      url: `/api/registry/imports/${job.result.importId}/rejected.csv`,
      headers: admin.headers,
    });
    expect(report.statusCode).toBe(200);
    expect(report.headers['content-disposition']).toContain('web.ditolak.csv');
    expect(report.body).toContain('3,NIK_NUMERIC_CELL');
  });

  it('answers a start with a missing required column with 400 COLUMN_MISSING, no job', async () => {
    const file = writeCsv(dir, 'kurang.csv', [personRow(newKk(DESA), DESA)], {
      headers: ['NIK', 'NAMA', 'KODE_DESA'],
    });
    const preview = await upload(file, 'kurang.csv');
    expect(preview.json().missingRequired).toEqual(['kk']);
    const started = await t.app.inject({
      method: 'POST',
      url: '/api/registry/imports',
      headers: admin.headers,
      payload: { uploadId: preview.json().uploadId, fileName: 'kurang.csv' },
    });
    expect(started.statusCode).toBe(400);
    expect(started.json().error.code).toBe('COLUMN_MISSING');
  });

  it('refuses uploads of other file types and from non-admin roles', async () => {
    const exe = `${dir}/virus.exe`;
    fs.writeFileSync(exe, 'MZ');
    expect((await upload(exe, 'virus.exe')).json().error.code).toBe('FILE_FORMAT');
    await buildUser(t.services, 'operator_kecamatan', '137103', 'op.impor');
    const operator = await login(t.app, 'op.impor', PASSWORD, '10.80.0.1');
    expect((await upload(exe, 'data.csv', operator)).statusCode).toBe(403);
  });
});
