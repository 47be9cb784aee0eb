import fs from 'node:fs';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../src/db/types';
import { SYSTEM_ACTOR } from '../../src/platform/auth/actor';
import { createTestApp, type LoggedIn, login, type TestApp } from '../support/app';
import { HEADERS, newKk, personRow, tempDir, writeCsv, writeXlsx } from '../support/dtsen-fixture';
import { buildUser, PASSWORD } from '../support/factories';

// Two kelurahan of Padang Selatan (13.71.01), one of Koto Tangah (13.71.11) the extract does not cover.
const KEL_A = '1371011001';
const KEL_B = '1371011002';
const KEL_C = '1371111001';
const COLUMNS = [...HEADERS, 'TEMPAT_LAHIR', 'NAMA_IBU_KANDUNG'];
const admin = { ...SYSTEM_ACTOR, username: 'uji', regionCode: '1371' };

let t: TestApp;
let dir: string;
let checkId: number;
const sessions: Partial<Record<string, LoggedIn>> = {};
const nik: Record<string, string> = {};
const name: Record<string, string> = {};

const extra = { TEMPAT_LAHIR: 'Padang', NAMA_IBU_KANDUNG: 'Siti' };
const person = (kk: string, desa: string, overrides: Parameters<typeof personRow>[2] = {}) =>
  personRow(kk, desa, { ...extra, ...overrides });

const snapshot = async () => {
  const db = t.services.database.db;
  return JSON.stringify([
    await db.selectFrom('person').selectAll().orderBy('id').execute(),
    await db.selectFrom('household').selectAll().orderBy('id').execute(),
    await db.selectFrom('person_history').selectAll().orderBy('id').execute(),
    await db.selectFrom('household_desil').selectAll().orderBy('household_id').execute(),
  ]);
};
const get = (key: string, url: string) =>
  t.app.inject({ method: 'GET', url, headers: sessions[key]!.headers });
const upload = (key: string, file: string, fileName: string) =>
  t.app.inject({
    method: 'POST',
    url: `/api/sync-checks?fileName=${encodeURIComponent(fileName)}`,
    headers: { ...sessions[key]!.headers, 'content-type': 'application/octet-stream' },
    payload: fs.readFileSync(file),
  });
const itemsOf = async (key: string, query = '') =>
  (await get(key, `/api/sync-checks/${checkId}/items?pageSize=200${query}`)).json() as {
    total: number;
    items: Array<{
      id: number;
      nik: string;
      name: string;
      status: string;
      regionCode: string;
      differences: unknown[];
    }>;
  };
const readXlsx = async (body: Buffer) => {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(body as unknown as ArrayBuffer);
  return workbook;
};

beforeAll(async () => {
  dir = tempDir();
  t = await createTestApp({ env: { SALUR_FILES_DIR: dir } });
  let ip = 1;
  const users: Array<[string, Role, string]> = [
    ['admin', 'admin_dinsos', '1371'],
    ['auditor', 'auditor', '1371'],
    ['kelA', 'operator_kelurahan', KEL_A],
    ['kelC', 'operator_kelurahan', KEL_C],
  ];
  for (const [key, role, region] of users) {
    await buildUser(t.services, role, region, `sync.${key.toLowerCase()}`);
    sessions[key] = await login(t.app, `sync.${key.toLowerCase()}`, PASSWORD, `10.30.0.${ip++}`);
  }

  // The local registry, built by the real DTSEN import.
  const kkA = newKk(KEL_A);
  const kkB = newKk(KEL_B);
  const local = {
    same: person(kkA, KEL_A),
    changed: person(kkA, KEL_A, { HUB_KELUARGA: 'ISTRI', birth: '1982-03-04', sex: 'P', JK: 'P' }),
    missing: person(kkB, KEL_B),
    sameB: person(kkB, KEL_B, { HUB_KELUARGA: 'ANAK', birth: '2010-01-02' }),
    unreadable: person(kkB, KEL_B, { HUB_KELUARGA: 'ANAK', birth: '2012-06-07' }),
    otherKecamatan: person(newKk(KEL_C), KEL_C),
  };
  for (const [key, row] of Object.entries(local)) {
    nik[key] = String(row.NIK);
    name[key] = String(row.NAMA);
  }
  await t.services.registryImport.importDtsen(admin, {
    filePath: writeCsv(dir, 'lokal.csv', Object.values(local), { headers: COLUMNS }),
    edition: '2026-01',
  });

  // The central extract: only kecamatan 13.71.01.
  const added = person(kkA, KEL_A, { HUB_KELUARGA: 'ANAK', birth: '2015-09-10' });
  nik.added = String(added.NIK);
  name.added = String(added.NAMA);
  const extract = [
    local.same,
    { ...local.changed, NAMA: 'Nama Dari Pusat', TGL_LAHIR: '05/03/1982' },
    { ...local.sameB, NAMA: String(local.sameB.NAMA).toUpperCase() }, // case only: not a difference
    added,
    person(kkA, KEL_A, { NIK: '13710117058000' }), // rejected: NIK_FORMAT
    { ...local.unreadable, TGL_LAHIR: '31/02/2012' }, // rejected (DATE_INVALID), its NIK readable
  ];
  const before = await snapshot();
  const response = await upload(
    'admin',
    writeCsv(dir, 'pusat.csv', extract, { headers: COLUMNS }),
    'pusat.csv',
  );
  expect(response.statusCode).toBe(202);
  expect(response.json()).toMatchObject({ kind: 'sync.check', state: 'queued' });
  await t.services.jobs.runUntilIdle();
  const job = await get('admin', `/api/jobs/${response.json().id}`);
  expect(job.json()).toMatchObject({ state: 'succeeded' });
  checkId = job.json().result.checkId;
  expect(await snapshot()).toBe(before);
});
afterAll(async () => {
  await t.dispose();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('sync check statuses', () => {
  it('gives each person one status, comparing only what the extract holds', async () => {
    const { items } = await itemsOf('admin');
    const byName = Object.fromEntries(items.map((i) => [i.name, i.status]));
    expect(items).toHaveLength(5);
    expect(byName).toEqual({
      [name.same!]: 'SINKRON',
      [name.changed!]: 'BEDA_DATA',
      [name.missing!]: 'HANYA_LOKAL',
      [name.sameB!]: 'SINKRON',
      [name.added!]: 'HANYA_PUSAT',
    });
    // Lists mask the NIK even for roles that may see it whole.
    expect(items.every((i) => /^\d{4}\*{8}\d{4}$/.test(i.nik))).toBe(true);
  });

  it('BEDA_DATA lists each differing field with the local and the central value', async () => {
    const { items } = await itemsOf('admin', '&status=BEDA_DATA');
    expect(items).toHaveLength(1);
    expect(items[0]!.differences).toEqual([
      { field: 'name', local: name.changed, central: 'Nama Dari Pusat' },
      { field: 'birthDate', local: '1982-03-04', central: '1982-03-05' },
    ]);
  });

  it('a rejected row is counted per reason and never compared; its readable NIK is not HANYA_LOKAL', async () => {
    const detail = (await get('admin', `/api/sync-checks/${checkId}`)).json();
    expect(detail.check).toMatchObject({
      rowsRead: 6,
      accepted: 4,
      rejected: 2,
      rejectedByReason: { NIK_FORMAT: 1, DATE_INVALID: 1 },
      kecamatanCovered: ['137101'],
    });
    expect(detail.check.comparedFields).toEqual(
      expect.arrayContaining(['birthPlace', 'motherName', 'status']),
    );
    const { items } = await itemsOf('admin');
    expect(items.map((i) => i.name)).not.toContain(name.unreadable);
  });

  it('a kecamatan the extract does not cover gets no HANYA_LOKAL', async () => {
    expect((await itemsOf('admin', `&regionCode=${KEL_C}`)).total).toBe(0);
  });

  it('summarises per kecamatan and per kelurahan', async () => {
    const detail = (await get('admin', `/api/sync-checks/${checkId}`)).json();
    expect(detail.check.counts).toEqual({
      SINKRON: 2,
      BEDA_DATA: 1,
      HANYA_LOKAL: 1,
      HANYA_PUSAT: 1,
      total: 5,
    });
    expect(detail.kecamatan).toEqual([
      {
        code: '137101',
        name: expect.any(String),
        kecamatanCode: '137101',
        counts: { SINKRON: 2, BEDA_DATA: 1, HANYA_LOKAL: 1, HANYA_PUSAT: 1, total: 5 },
      },
    ]);
    const kel = Object.fromEntries(
      detail.kelurahan.map((k: { code: string; counts: unknown }) => [k.code, k.counts]),
    );
    expect(kel).toEqual({
      [KEL_A]: { SINKRON: 1, BEDA_DATA: 1, HANYA_LOKAL: 0, HANYA_PUSAT: 1, total: 3 },
      [KEL_B]: { SINKRON: 1, BEDA_DATA: 0, HANYA_LOKAL: 1, HANYA_PUSAT: 0, total: 2 },
    });
  });

  it('an extract without a required column fails the job with COLUMN_MISSING and stores nothing', async () => {
    const file = writeCsv(dir, 'tanpa-nik.csv', [person(newKk(KEL_A), KEL_A)], {
      headers: COLUMNS.filter((h) => h !== 'NIK'),
    });
    const checks = async () => (await get('admin', '/api/sync-checks')).json().items.length;
    const before = await checks();
    const response = await upload('admin', file, 'tanpa-nik.csv');
    await t.services.jobs.runUntilIdle();
    const job = (await get('admin', `/api/jobs/${response.json().id}`)).json();
    expect(job).toMatchObject({ state: 'failed', error: { code: 'COLUMN_MISSING' } });
    expect(await checks()).toBe(before);
    expect(fs.readdirSync(`${dir}/uploads`)).toEqual([]);
  });

  it('reads an .xlsx extract through the service as well', async () => {
    const file = await writeXlsx(dir, 'pusat.xlsx', [person(newKk(KEL_C), KEL_C)], COLUMNS);
    const summary = await t.services.sync.runSyncCheck(admin, { filePath: file });
    expect(summary).toMatchObject({ rowsRead: 1, accepted: 1, kecamatanCovered: ['137111'] });
    // Koto Tangah is covered now: its local person is HANYA_LOKAL, the new one HANYA_PUSAT.
    expect(summary.totals).toEqual({ SINKRON: 0, BEDA_DATA: 0, HANYA_LOKAL: 1, HANYA_PUSAT: 1, total: 2 });
  });
});

describe('sync check access', () => {
  it('only the office runs a check: an operator gets 403 and no job is queued', async () => {
    const jobs = () =>
      t.services.database.db.selectFrom('job').select('id').where('kind', '=', 'sync.check').execute();
    const before = (await jobs()).length;
    const response = await upload('kelA', `${dir}/pusat.csv`, 'pusat.csv');
    expect(response.statusCode).toBe(403);
    expect(response.json().error.code).toBe('FORBIDDEN');
    expect(await jobs()).toHaveLength(before);
  });

  it('an operator of a kelurahan sees only the items and summary of that kelurahan', async () => {
    const own = await itemsOf('kelA');
    expect(own.total).toBe(3);
    expect(own.items.every((i) => i.regionCode === KEL_A)).toBe(true);
    const detail = (await get('kelA', `/api/sync-checks/${checkId}`)).json();
    expect(detail.kelurahan.map((k: { code: string }) => k.code)).toEqual([KEL_A]);
    expect(detail.check.counts.total).toBe(3);
    const list = (await get('kelA', '/api/sync-checks')).json();
    expect(list.items.find((c: { id: number }) => c.id === checkId).counts.total).toBe(3);
  });

  it('an operator of another kelurahan sees none of these items, and gets 404 for any of them', async () => {
    expect((await itemsOf('kelC')).total).toBe(0);
    expect((await itemsOf('kelC', `&regionCode=${KEL_A}`)).total).toBe(0);
    const detail = (await get('kelC', `/api/sync-checks/${checkId}`)).json();
    expect(detail.kelurahan).toEqual([]);
    expect(detail.check.counts.total).toBe(0);
    for (const item of (await itemsOf('admin')).items) {
      const response = await get('kelC', `/api/sync-checks/${checkId}/items/${item.id}`);
      expect(response.statusCode).toBe(404);
      expect(response.json().error.code).toBe('NOT_FOUND');
    }
  });

  it('one item shows the full NIK to an operator of its kelurahan, masked to the auditor; each view audited', async () => {
    const item = (await itemsOf('kelA', '&status=BEDA_DATA')).items[0]!;
    const own = await get('kelA', `/api/sync-checks/${checkId}/items/${item.id}`);
    expect(own.json().nik).toBe(nik.changed);
    const audited = await get('auditor', `/api/sync-checks/${checkId}/items/${item.id}`);
    expect(audited.json().nik).toMatch(/\*{8}/);
    const views = await t.services.database.db
      .selectFrom('audit_log')
      .select('actor_username')
      .where('action', '=', 'sync.item.view')
      .where('entity_id', '=', String(item.id))
      .execute();
    expect(views.map((v) => v.actor_username).sort()).toEqual(['sync.auditor', 'sync.kela']);
  });

  it('a check that does not exist is 404', async () => {
    expect((await get('admin', '/api/sync-checks/999999')).statusCode).toBe(404);
    expect((await get('admin', '/api/sync-checks/999999/items')).statusCode).toBe(404);
  });
});

describe('sync check export', () => {
  it('is a real .xlsx with the summary and every item, NIK as text, and is audited', async () => {
    const response = await get('admin', `/api/sync-checks/${checkId}/export.xlsx`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('spreadsheetml');
    const workbook = await readXlsx(response.rawPayload);
    const summary = workbook.getWorksheet('Ringkasan')!;
    expect(summary.rowCount).toBe(3);
    const list = workbook.getWorksheet('Daftar')!;
    expect(list.rowCount).toBe(6);
    const niks = list.getColumn(1).values.slice(2);
    expect(niks.every((v) => typeof v === 'string' && /^\d{16}$/.test(v))).toBe(true);
    expect(niks).toContain(nik.changed);
    const changed = list.getRow(niks.indexOf(nik.changed) + 2).values as unknown[];
    expect(changed[3]).toBe('BEDA_DATA');
    expect(changed[7]).toBe('Nama; Tanggal lahir');
    expect(changed[9]).toBe('Nama: Nama Dari Pusat; Tanggal lahir: 5 Maret 1982');
    const entry = await t.services.database.db
      .selectFrom('audit_log')
      .select(['actor_username', 'entity_id', 'details'])
      .where('action', '=', 'export.xlsx')
      .where('entity_type', '=', 'sync_check')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(entry).toMatchObject({ actor_username: 'sync.admin', entity_id: String(checkId) });
    expect(entry.details).toMatchObject({ rows: 5, fullIdentifiers: true });
  });

  it('exports only the scope of the reader, masked for a role without full NIK', async () => {
    const kelC = await readXlsx((await get('kelC', `/api/sync-checks/${checkId}/export.xlsx`)).rawPayload);
    expect(kelC.getWorksheet('Daftar')!.rowCount).toBe(1);
    const auditor = await readXlsx(
      (await get('auditor', `/api/sync-checks/${checkId}/export.xlsx?status=HANYA_LOKAL`)).rawPayload,
    );
    const list = auditor.getWorksheet('Daftar')!;
    expect(list.rowCount).toBe(2);
    expect(list.getRow(2).getCell(1).value).toMatch(/^\d{4}\*{8}\d{4}$/);
  });
});
