import fs from 'node:fs';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../src/db/types';
import { SYSTEM_ACTOR } from '../../src/platform/auth/actor';
import { createTestApp, type LoggedIn, login, type TestApp } from '../support/app';
import { tempDir, writeCsv } from '../support/dtsen-fixture';
import { buildHousehold, buildUser, PASSWORD } from '../support/factories';
import { EXE, familyRows, newFamily, PDF, PNG, pdfOfSize, readSheet } from '../support/usulan';

// Padang Selatan (13.71.01) holds kelurahan A and B; Koto Tangah (13.71.11) is another kecamatan.
// Padang Timur (13.71.02) and Padang Barat (13.71.03) are each imported by one test only.
const KEL_A = '1371011001';
const KEL_B = '1371011002';
const KEL_TIMUR = '1371021001';
const KEL_BARAT = '1371031001';

let t: TestApp;
let dir: string;
const s: Record<string, LoggedIn> = {};
const USERS: Array<[string, Role, string]> = [
  ['admin', 'admin_dinsos', '1371'],
  ['auditor', 'auditor', '1371'],
  ['kec01', 'operator_kecamatan', '137101'],
  ['kec02', 'operator_kecamatan', '137102'],
  ['kec03', 'operator_kecamatan', '137103'],
  ['kec11', 'operator_kecamatan', '137111'],
  ['kelA', 'operator_kelurahan', KEL_A],
  ['kelB', 'operator_kelurahan', KEL_B],
  ['kelTimur', 'operator_kelurahan', KEL_TIMUR],
  ['kelBarat', 'operator_kelurahan', KEL_BARAT],
  ['pendampingA', 'pendamping', KEL_A],
];

beforeAll(async () => {
  t = await createTestApp();
  dir = tempDir();
  let ip = 1;
  for (const [key, role, region] of USERS) {
    await buildUser(t.services, role, region, `usulan.${key.toLowerCase()}`);
    s[key] = await login(t.app, `usulan.${key.toLowerCase()}`, PASSWORD, `10.30.0.${ip++}`);
  }
});
afterAll(async () => {
  await t.dispose();
  fs.rmSync(dir, { recursive: true, force: true });
});

const call = (key: string, method: 'GET' | 'POST', url: string, payload?: object) =>
  t.app.inject({ method, url, headers: s[key]!.headers, ...(payload ? { payload } : {}) });
const upload = (key: string, id: number, body: Buffer, type = 'application/pdf', fileName = 'bukti.pdf') =>
  t.app.inject({
    method: 'POST',
    url: `/api/usulan/${id}/evidence?fileName=${encodeURIComponent(fileName)}`,
    headers: { ...s[key]!.headers, 'content-type': type },
    payload: body,
  });
const decide = (key: string, id: number, decision: 'SETUJU' | 'TOLAK', comment?: string) =>
  call(key, 'POST', `/api/usulan/${id}/decision`, { decision, ...(comment ? { comment } : {}) });
async function create(key: string, payload: object): Promise<number> {
  const response = await call(key, 'POST', '/api/usulan', payload);
  expect(response.statusCode, response.body).toBe(201);
  return response.json().id;
}
async function approveTwice(kecamatanKey: string, id: number) {
  expect((await decide(kecamatanKey, id, 'SETUJU')).json().status).toBe('DISETUJUI_KECAMATAN');
  expect((await decide('admin', id, 'SETUJU')).json().status).toBe('DISETUJUI_DINSOS');
}
const importDtsen = (rows: Record<string, string | null>[], name: string) =>
  t.services.registryImport.importDtsen(
    { ...SYSTEM_ACTOR, username: 'uji', regionCode: '1371' },
    { filePath: writeCsv(dir, name, rows), edition: '2026-04' },
  );
async function personName(nik: string): Promise<string> {
  const row = await t.services.database.db
    .selectFrom('person')
    .select('name')
    .where('nik', '=', nik)
    .executeTakeFirstOrThrow();
  return row.name;
}
const detail = async (id: number) => (await call('admin', 'GET', `/api/usulan/${id}`)).json();
const memberRow = (kk: string, nik: string, name: string, birthDate: string, sex: string, hub: string) => ({
  NO_KK: kk,
  NIK: nik,
  NAMA: name,
  TGL_LAHIR: birthDate,
  JK: sex,
  HUB_KELUARGA: hub,
  KODE_DESA: KEL_BARAT,
  ALAMAT: 'Jl. Uji',
  RT: '1',
  RW: '2',
  DESIL: '3',
  STATUS: 'HIDUP',
});

describe('the whole flow of a new family', () => {
  it('goes from the kelurahan through kecamatan and Dinsos to a SIKS-NG batch, and is SELESAI once DTSEN lists it', async () => {
    const family = newFamily(KEL_TIMUR);
    const created = await call('kelTimur', 'POST', '/api/usulan', family);
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id as number;
    expect(created.json()).toMatchObject({
      status: 'DIAJUKAN',
      kind: 'TAMBAH_KELUARGA',
      regionCode: KEL_TIMUR,
    });
    expect(created.json().payload.members[0].relationship).toBe('KEPALA_KELUARGA');
    expect(created.json().payload.rt).toBe('003');
    expect(created.json().allowed).toEqual({ decide: false, addEvidence: true });

    const pdf = await upload('kelTimur', id, PDF, 'application/pdf', 'surat-keterangan.pdf');
    expect(pdf.statusCode, pdf.body).toBe(201);
    expect(pdf.json()).toMatchObject({
      mimeType: 'application/pdf',
      sizeBytes: PDF.length,
      fileName: 'surat-keterangan.pdf',
    });
    const renamedExe = await upload('kelTimur', id, EXE, 'application/pdf', 'ktp.pdf');
    expect([renamedExe.statusCode, renamedExe.json().error.code]).toEqual([415, 'EVIDENCE_TYPE']);
    const tooLarge = await upload('kelTimur', id, pdfOfSize(5 * 1024 * 1024 + 1));
    expect([tooLarge.statusCode, tooLarge.json().error.code]).toEqual([413, 'EVIDENCE_TOO_LARGE']);
    const beyondBodyLimit = await upload('kelTimur', id, pdfOfSize(7 * 1024 * 1024));
    expect([beyondBodyLimit.statusCode, beyondBodyLimit.json().error.code]).toEqual([
      413,
      'EVIDENCE_TOO_LARGE',
    ]);
    expect((await upload('kelTimur', id, PNG, 'image/png', 'rumah.png')).json().mimeType).toBe('image/png');
    const again = await upload('kelTimur', id, PDF);
    expect([again.statusCode, again.json().error.code]).toEqual([409, 'EVIDENCE_DUPLICATE']);

    const file = await call('kelTimur', 'GET', `/api/usulan/evidence/${pdf.json().id}`);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('application/pdf');
    expect(file.rawPayload.equals(PDF)).toBe(true);

    await approveTwice('kec02', id);
    const afterEvidence = await upload('kelTimur', id, pdfOfSize(100));
    expect([afterEvidence.statusCode, afterEvidence.json().error.code]).toEqual([409, 'USULAN_STATE']);

    const batch = await call('admin', 'POST', '/api/usulan/batches');
    expect(batch.statusCode, batch.body).toBe(201);
    expect(batch.json().fileName).toMatch(/^usulan-siks-ng-1371-\d{8}-\d+\.xlsx$/);
    expect(await detail(id)).toMatchObject({ status: 'DIKIRIM', batchId: batch.json().id });

    const xlsx = await call('admin', 'GET', `/api/usulan/batches/${batch.json().id}/file`);
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-disposition']).toContain(batch.json().fileName);
    const sheet = await readSheet(xlsx.rawPayload, 'TAMBAH_KELUARGA');
    expect(sheet.sheetNames).toEqual(['TAMBAH_KELUARGA', 'UBAH_DATA', 'HAPUS_ORANG', 'HAPUS_KELUARGA']);
    const rows = sheet.rows.filter((r) => r.ID_USULAN!.value === id);
    expect(rows.map((r) => r.NIK!.value)).toEqual([family.members[1]!.nik, family.members[0]!.nik]);
    for (const r of rows) {
      expect(r.NIK!.type).toBe(ExcelJS.ValueType.String);
      expect(r.NO_KK!.value).toBe(family.kk);
      expect(r.NIK!.numFmt).toBe('@');
    }
    expect(rows[0]!.TGL_LAHIR!.value).toBe('10-02-1985');
    expect(rows[0]!.KODE_WILAYAH!.value).toBe('13.71.02.1001');

    const summary = await importDtsen(familyRows(family), 'dtsen-timur.csv');
    expect(summary.accepted).toBe(2);
    const done = await detail(id);
    expect(done).toMatchObject({ status: 'SELESAI', fulfilledImportId: summary.importId });
    expect(done.events.map((e: { toStatus: string }) => e.toStatus)).toEqual([
      'DIAJUKAN',
      'DISETUJUI_KECAMATAN',
      'DISETUJUI_DINSOS',
      'DIKIRIM',
      'SELESAI',
    ]);
  });
});

describe('done-marking by a later DTSEN edition', () => {
  it('marks changes and removals SELESAI only when the edition contains them', async () => {
    const home = await buildHousehold(t.services, KEL_BARAT);
    const gone = await buildHousehold(t.services, KEL_BARAT);
    const person = (nik: string) =>
      t.services.database.db
        .selectFrom('person')
        .select('id')
        .where('nik', '=', nik)
        .executeTakeFirstOrThrow();
    const change = await create('kelBarat', {
      kind: 'UBAH_DATA',
      nik: home.headNik,
      changes: { name: 'Kepala Nama Baru' },
      reason: 'Nama salah tulis.',
    });
    const removePerson = await create('kelBarat', {
      kind: 'HAPUS_ORANG',
      personId: (await person(home.childNik)).id,
      cause: 'MENINGGAL',
      eventDate: '2026-02-01',
      reason: 'Meninggal dunia, ada surat kematian.',
    });
    const removeFamily = await create('kelBarat', {
      kind: 'HAPUS_KELUARGA',
      householdId: gone.id,
      cause: 'PINDAH',
      reason: 'Pindah ke luar kota.',
    });
    const notListed = await create('kelBarat', newFamily(KEL_BARAT));
    for (const id of [change, removePerson, removeFamily, notListed]) await approveTwice('kec03', id);
    expect((await call('admin', 'POST', '/api/usulan/batches')).statusCode).toBe(201);

    const xlsx = await call('admin', 'GET', `/api/usulan/batches/${(await detail(change)).batchId}/file`);
    const changed = (await readSheet(xlsx.rawPayload, 'UBAH_DATA')).rows.find(
      (r) => r.ID_USULAN!.value === change,
    )!;
    expect([changed.KOLOM!.value, changed.NILAI_BARU!.value, changed.NIK!.value]).toEqual([
      'NAMA',
      'Kepala Nama Baru',
      home.headNik,
    ]);

    // The edition lists the head with the new name; the child and the other family are gone.
    await importDtsen(
      [memberRow(home.kk, home.headNik, 'KEPALA NAMA BARU', '1980-05-17', 'L', 'KEPALA_KELUARGA')],
      'dtsen-barat.csv',
    );
    expect((await detail(change)).status).toBe('SELESAI');
    expect((await detail(removePerson)).status).toBe('SELESAI');
    expect((await detail(removeFamily)).status).toBe('SELESAI');
    expect((await detail(notListed)).status).toBe('DIKIRIM');
  });
});

describe('decisions', () => {
  it('a rejection needs a comment, which the history keeps; a rejected proposal cannot move again (409)', async () => {
    const home = await buildHousehold(t.services, KEL_A);
    const id = await create('kelA', {
      kind: 'UBAH_DATA',
      nik: home.headNik,
      changes: { birthPlace: 'Bukittinggi' },
      reason: 'Tempat lahir keliru.',
    });
    const noComment = await decide('kec01', id, 'TOLAK');
    expect([noComment.statusCode, noComment.json().error.code]).toEqual([400, 'USULAN_COMMENT_REQUIRED']);
    const rejected = await decide('kec01', id, 'TOLAK', 'Lampirkan fotokopi akta kelahiran.');
    expect(rejected.json().status).toBe('DITOLAK');
    expect(rejected.json().events.at(-1)).toMatchObject({
      fromStatus: 'DIAJUKAN',
      toStatus: 'DITOLAK',
      comment: 'Lampirkan fotokopi akta kelahiran.',
    });
    const again = await decide('kec01', id, 'SETUJU');
    expect([again.statusCode, again.json().error.code]).toEqual([409, 'USULAN_STATE']);
    expect(again.json().error.message).toContain('DITOLAK');
  });

  it('Dinsos may reject what the kecamatan approved; each level acts only on its own status (409 USULAN_STATE)', async () => {
    const home = await buildHousehold(t.services, KEL_A);
    const id = await create('pendampingA', {
      kind: 'HAPUS_ORANG',
      nik: home.childNik,
      cause: 'PINDAH',
      reason: 'Ikut orang tua pindah.',
    });
    const early = await decide('admin', id, 'SETUJU');
    expect([early.statusCode, early.json().error.code]).toEqual([409, 'USULAN_STATE']);
    expect((await decide('kec01', id, 'SETUJU')).json().status).toBe('DISETUJUI_KECAMATAN');
    const twice = await decide('kec01', id, 'SETUJU');
    expect([twice.statusCode, twice.json().error.code]).toEqual([409, 'USULAN_STATE']);
    const rejected = await decide('admin', id, 'TOLAK', 'Belum ada surat pindah.');
    expect(rejected.json()).toMatchObject({ status: 'DITOLAK' });
  });

  it('every state change is in the audit log with before and after', async () => {
    const home = await buildHousehold(t.services, KEL_A);
    const id = await create('kelA', {
      kind: 'HAPUS_KELUARGA',
      householdId: home.id,
      cause: 'GANDA',
      reason: 'Terdaftar dua kali.',
    });
    await decide('kec01', id, 'SETUJU');
    await decide('admin', id, 'TOLAK', 'Data ganda sudah dibersihkan pusat.');
    const entries = await t.services.database.db
      .selectFrom('audit_log')
      .select(['action', 'before', 'after', 'actor_username', 'region_code'])
      .where('entity_type', '=', 'usulan')
      .where('entity_id', '=', String(id))
      .orderBy('id')
      .execute();
    expect(entries.map((e) => e.action)).toEqual(['usulan.create', 'usulan.approve', 'usulan.reject']);
    expect(entries[1]).toMatchObject({
      actor_username: 'usulan.kec01',
      region_code: KEL_A,
      before: { status: 'DIAJUKAN' },
      after: { status: 'DISETUJUI_KECAMATAN' },
    });
    expect(entries[2]).toMatchObject({
      before: { status: 'DISETUJUI_KECAMATAN' },
      after: { status: 'DITOLAK' },
    });
  });

  it('a second batch right after the first has nothing to send (409 USULAN_BATCH_EMPTY); downloads are audited as exports', async () => {
    await call('admin', 'POST', '/api/usulan/batches');
    const empty = await call('admin', 'POST', '/api/usulan/batches');
    expect([empty.statusCode, empty.json().error.code]).toEqual([409, 'USULAN_BATCH_EMPTY']);
    const list = await call('admin', 'GET', '/api/usulan/batches');
    const latest = list.json().items[0];
    await call('admin', 'GET', `/api/usulan/batches/${latest.id}/file`);
    const exported = await t.services.database.db
      .selectFrom('audit_log')
      .select(['action'])
      .where('entity_type', '=', 'usulan_batch')
      .where('entity_id', '=', String(latest.id))
      .execute();
    expect(exported.map((e) => e.action)).toContain('export.xlsx');
  });
});

describe('validation', () => {
  it('checks NIK, KK, the head of family, duplicates and people already listed', async () => {
    const bad = newFamily(KEL_A);
    bad.members[0]!.nik = `${bad.members[0]!.nik.slice(0, 6)}329985${bad.members[0]!.nik.slice(12)}`;
    const nikDate = await call('kelA', 'POST', '/api/usulan', bad);
    expect([nikDate.statusCode, nikDate.json().error.code]).toEqual([400, 'NIK_DATE']);
    expect(nikDate.json().error.details.field).toBe('members.0.nik');
    const kk = await call('kelA', 'POST', '/api/usulan', { ...newFamily(KEL_A), kk: '1,37101E+15' });
    expect(kk.json().error.code).toBe('KK_NUMERIC_CELL');
    const noHead = newFamily(KEL_A);
    noHead.members[1]!.relationship = 'SUAMI' as never;
    expect((await call('kelA', 'POST', '/api/usulan', noHead)).json().error.code).toBe(
      'USULAN_HEAD_REQUIRED',
    );

    const family = newFamily(KEL_A);
    await create('kelA', family);
    const duplicate = await call('kelA', 'POST', '/api/usulan', family);
    expect([duplicate.statusCode, duplicate.json().error.code]).toEqual([409, 'USULAN_DUPLICATE']);

    const home = await buildHousehold(t.services, KEL_A);
    const listed = newFamily(KEL_A);
    listed.members[1]!.nik = home.headNik;
    listed.members[1]!.birthDate = '1980-05-17';
    const already = await call('kelA', 'POST', '/api/usulan', listed);
    expect([already.statusCode, already.json().error.code]).toEqual([409, 'USULAN_ALREADY_REGISTERED']);
    const same = await call('kelA', 'POST', '/api/usulan', {
      kind: 'UBAH_DATA',
      nik: home.headNik,
      changes: { name: (await personName(home.headNik)).toLowerCase() },
      reason: 'Tidak berubah.',
    });
    expect(same.json().error.code).toBe('USULAN_NO_CHANGE');
  });
});

describe('role × region', () => {
  it('an operator of another kelurahan gets 404 for the proposal, its evidence, and its people', async () => {
    const home = await buildHousehold(t.services, KEL_A);
    const id = await create('kelA', {
      kind: 'HAPUS_ORANG',
      nik: home.childNik,
      cause: 'MENINGGAL',
      reason: 'Meninggal dunia.',
    });
    const evidence = (await upload('kelA', id, PDF)).json().id;
    for (const response of [
      await call('kelB', 'GET', `/api/usulan/${id}`),
      await upload('kelB', id, PDF),
      await call('kelB', 'GET', `/api/usulan/evidence/${evidence}`),
      await call('kelB', 'POST', '/api/usulan', {
        kind: 'UBAH_DATA',
        nik: home.headNik,
        changes: { name: 'X Y' },
        reason: 'Coba coba.',
      }),
    ]) {
      expect([response.statusCode, response.json().error.code]).toEqual([404, 'NOT_FOUND']);
    }
    const list = (await call('kelB', 'GET', '/api/usulan?pageSize=200')).json();
    expect(list.items.some((u: { id: number }) => u.id === id)).toBe(false);
    const outside = await call('kelA', 'POST', '/api/usulan', newFamily(KEL_B));
    expect([outside.statusCode, outside.json().error.code]).toEqual([400, 'REGION_OUT_OF_SCOPE']);
  });

  it('an operator_kecamatan of another kecamatan cannot see or decide (404); other roles cannot decide (403)', async () => {
    const home = await buildHousehold(t.services, KEL_A);
    const id = await create('kelA', {
      kind: 'HAPUS_ORANG',
      nik: home.headNik,
      cause: 'PINDAH',
      reason: 'Pindah domisili.',
    });
    expect((await decide('kec11', id, 'SETUJU')).statusCode).toBe(404);
    expect((await call('kec11', 'GET', `/api/usulan/${id}`)).statusCode).toBe(404);
    const byKelurahan = await decide('kelA', id, 'SETUJU');
    expect([byKelurahan.statusCode, byKelurahan.json().error.code]).toEqual([403, 'FORBIDDEN']);
    const byKecamatan = await call('kec01', 'POST', '/api/usulan', newFamily(KEL_A));
    expect(byKecamatan.statusCode).toBe(403);
    expect((await call('kec01', 'GET', `/api/usulan/${id}`)).json().allowed).toEqual({
      decide: true,
      addEvidence: false,
    });
  });

  it('the auditor reads everything with NIK masked, and changes nothing (403 READ_ONLY_ROLE)', async () => {
    const family = newFamily(KEL_A);
    const id = await create('kelA', family);
    const seen = await call('auditor', 'GET', `/api/usulan/${id}`);
    expect(seen.statusCode).toBe(200);
    expect(seen.json().nik).toMatch(/^\d{4}\*{8}\d{4}$/);
    expect(seen.json().payload.kk).toMatch(/\*{8}/);
    expect(JSON.stringify(seen.json())).not.toContain(family.members[1]!.nik);
    expect((await call('auditor', 'GET', '/api/usulan')).statusCode).toBe(200);
    expect((await call('auditor', 'GET', '/api/usulan/batches')).statusCode).toBe(200);
    for (const response of [
      await call('auditor', 'POST', '/api/usulan', newFamily(KEL_A)),
      await decide('auditor', id, 'SETUJU'),
      await call('auditor', 'POST', '/api/usulan/batches'),
      await upload('auditor', id, PDF),
    ]) {
      expect([response.statusCode, response.json().error.code]).toEqual([403, 'READ_ONLY_ROLE']);
    }
    const operatorView = await call('kelA', 'GET', `/api/usulan/${id}`);
    expect(operatorView.json().nik).toBe(family.members[1]!.nik);
  });
});
