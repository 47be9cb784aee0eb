import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../src/db/types';
import { createTestApp, type LoggedIn, login, type TestApp } from '../support/app';
import { buildUser, PASSWORD } from '../support/factories';
import { buildFamily, type Family, insertAllocation, insertImport } from '../support/targeting-factories';

// Two kelurahan of Padang Selatan (13.71.01) and one of Koto Tangah (13.71.11).
const KEL_A = '1371011001';
const KEL_B = '1371011002';
const KEL_C = '1371111001';

let t: TestApp;
const sessions: Partial<Record<string, LoggedIn>> = {};
const db = () => t.services.database.db;
const get = (key: string, url: string) =>
  t.app.inject({ method: 'GET', url, headers: sessions[key]!.headers });

interface InclusionBody {
  total: number;
  candidates: number;
  items: Array<{ allocationId: number; nik: string; reasons: string[]; regionCode: string }>;
  byReason: Record<string, number>;
  byKecamatan: Array<{ code: string; count: number }>;
  byKelurahan: Array<{ code: string; count: number }>;
}
interface ExclusionBody {
  total: number;
  items: Array<{ householdId: number; headNik: string; components: string[]; desil: number }>;
}

beforeAll(async () => {
  t = await createTestApp();
  let ip = 1;
  const users: Array<[string, Role, string]> = [
    ['admin', 'admin_dinsos', '1371'],
    ['kelA', 'operator_kelurahan', KEL_A],
    ['kelC', 'operator_kelurahan', KEL_C],
    ['kec', 'operator_kecamatan', '137101'],
  ];
  for (const [key, role, region] of users) {
    await buildUser(t.services, role, region, `tgt.${key.toLowerCase()}`);
    sessions[key] = await login(t.app, `tgt.${key.toLowerCase()}`, PASSWORD, `10.40.0.${ip++}`);
  }
});

afterAll(async () => {
  await t?.dispose();
});

describe('inclusion error candidates (PKH 2026-T2, desil ≤ 4)', () => {
  const P = 'PKH';
  const Q = '2026-T2';
  const lines: Record<string, number> = {};
  let moved: Family;

  beforeAll(async () => {
    const d = db();
    const importId = await insertImport(d, P, Q);
    const add = async (key: string, line: Parameters<typeof insertAllocation>[4]) => {
      lines[key] = await insertAllocation(d, importId, P, Q, line);
    };
    const ok = await buildFamily(d, KEL_A, { desil: 2 });
    await add('ok', { nik: ok.members[0]!.nik, family: ok });
    const rich = await buildFamily(d, KEL_A, { desil: 7 });
    await add('rich', { nik: rich.members[0]!.nik, family: rich });
    const deadRep = await buildFamily(d, KEL_A, {
      desil: 1,
      members: [{ status: 'MENINGGAL' }, { birthDate: '2015-02-01', relationship: 'ANAK' }],
    });
    await add('deadRep', { nik: deadRep.members[0]!.nik, family: deadRep });
    const allDead = await buildFamily(d, KEL_B, {
      desil: 1,
      members: [{ status: 'MENINGGAL' }, { status: 'MENINGGAL', relationship: 'ISTRI', sex: 'P' }],
    });
    await add('allDead', { nik: allDead.members[1]!.nik, family: allDead });
    const absent = await buildFamily(d, KEL_B, { desil: 2, members: [{ absentSince: '2026-04' }] });
    await add('absent', { nik: absent.members[0]!.nik, family: absent });
    const noDesil = await buildFamily(d, KEL_B, { desil: null });
    await add('noDesil', { nik: noDesil.members[0]!.nik, family: noDesil });
    await add('unknown', {
      nik: '1371015708900077',
      householdId: null,
      scopeCode: '137101',
      flags: ['NIK_NOT_IN_REGISTRY'],
    });
    await add('invalid', {
      nik: '1371010000000000',
      householdId: null,
      scopeCode: '137101',
      flags: ['NIK_NOT_IN_REGISTRY', 'NIK_INVALID'],
    });
    const twice = await buildFamily(d, KEL_A, {
      desil: 3,
      members: [{}, { relationship: 'ISTRI', sex: 'P', birthDate: '1982-01-09' }],
    });
    await add('twice1', { nik: twice.members[0]!.nik, family: twice });
    await add('twice2', { nik: twice.members[1]!.nik, family: twice });
    // A person allocated with their old family, who has since moved into another allocated family.
    const old = await buildFamily(d, KEL_A, { desil: 2 });
    moved = await buildFamily(d, KEL_A, {
      desil: 2,
      members: [{}, { relationship: 'FAMILI_LAIN', birthDate: '1990-03-03' }],
    });
    await add('movedOld', { nik: moved.members[1]!.nik, family: old });
    await add('movedNew', { nik: moved.members[0]!.nik, family: moved });
    // Another kecamatan: outside the kelurahan operators' scope.
    const koto = await buildFamily(t.services.database.db, KEL_C, { desil: 9 });
    await add('koto', { nik: koto.members[0]!.nik, family: koto });
  });

  const list = async (key: string, query = '') => {
    const response = await get(
      key,
      `/api/programs/${P}/periods/${Q}/targeting/inclusion?pageSize=200${query}`,
    );
    expect(response.statusCode).toBe(200);
    return response.json() as InclusionBody;
  };
  const reasonsOf = (body: InclusionBody, key: string) =>
    body.items.find((i) => i.allocationId === lines[key])?.reasons ?? null;

  it('gives each line all its reasons and leaves a correct line out', async () => {
    const body = await list('admin');
    expect(reasonsOf(body, 'ok')).toBeNull();
    expect(reasonsOf(body, 'rich')).toEqual(['DESIL_ABOVE_THRESHOLD']);
    expect(reasonsOf(body, 'deadRep')).toEqual(['DECEASED']);
    expect(reasonsOf(body, 'allDead')).toEqual(['DECEASED']);
    expect(reasonsOf(body, 'absent')).toEqual(['NOT_IN_DTSEN']);
    expect(reasonsOf(body, 'noDesil')).toEqual(['NOT_IN_DTSEN']);
    expect(reasonsOf(body, 'unknown')).toEqual(['NOT_IN_DTSEN']);
    expect(reasonsOf(body, 'invalid')).toEqual(['NOT_IN_DTSEN', 'NIK_INVALID']);
    expect(reasonsOf(body, 'twice1')).toEqual(['HOUSEHOLD_TWICE']);
    expect(reasonsOf(body, 'twice2')).toEqual(['HOUSEHOLD_TWICE']);
    expect(reasonsOf(body, 'movedOld')).toEqual(['PERSON_IN_TWO_KPM']);
    expect(reasonsOf(body, 'movedNew')).toEqual(['PERSON_IN_TWO_KPM']);
    expect(reasonsOf(body, 'koto')).toEqual(['DESIL_ABOVE_THRESHOLD']);
    expect(body.candidates).toBe(12);
    expect(body.byReason).toMatchObject({
      DECEASED: 2,
      HOUSEHOLD_TWICE: 2,
      PERSON_IN_TWO_KPM: 2,
      NIK_INVALID: 1,
    });
    expect(body.items.every((i) => /^\d{4}\*{8}\d{4}$/.test(i.nik))).toBe(true);
  });

  it('filters by reason and by kecamatan', async () => {
    const deceased = await list('admin', '&reason=DECEASED');
    expect(deceased.total).toBe(2);
    expect(deceased.items.map((i) => i.allocationId).sort()).toEqual([lines.deadRep, lines.allDead].sort());
    // The per-region counts are the filtered list's, as the export's summary sheet.
    const sum = (rows: Array<{ count: number }>) => rows.reduce((a, r) => a + r.count, 0);
    expect(sum(deceased.byKelurahan)).toBe(2);
    expect(sum(deceased.byKecamatan)).toBe(2);
    const koto = await list('admin', '&regionCode=13.71.11');
    expect(koto.items.map((i) => i.allocationId)).toEqual([lines.koto]);
    const bad = await get('admin', `/api/programs/${P}/periods/${Q}/targeting/inclusion?reason=NOPE`);
    expect(bad.statusCode).toBe(400);
  });

  it('limits an operator to their region: another kelurahan sees none of it', async () => {
    const kelA = await list('kelA');
    expect(kelA.items.length).toBeGreaterThan(0);
    expect(kelA.items.every((i) => i.regionCode === KEL_A)).toBe(true);
    const kelC = await list('kelC');
    expect(kelC.items.map((i) => i.allocationId)).toEqual([lines.koto]);
    const kelCasksA = await list('kelC', `&regionCode=${KEL_A}`);
    expect(kelCasksA.total).toBe(0);
    const kec = await list('kec');
    expect(kec.items.some((i) => i.allocationId === lines.koto)).toBe(false);
    expect(kec.items.some((i) => i.allocationId === lines.unknown)).toBe(true);
  });

  it('exports the list as XLSX, audited and scoped', async () => {
    const response = await t.app.inject({
      method: 'GET',
      url: `/api/programs/${P}/periods/${Q}/targeting/inclusion/export.xlsx`,
      headers: sessions.kelC!.headers,
    });
    expect(response.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('Daftar')!;
    expect(sheet.rowCount).toBe(2);
    expect(String(sheet.getRow(2).getCell(11).value)).toBe('DESIL_ABOVE_THRESHOLD');
    const audit = await db()
      .selectFrom('audit_log')
      .select(['action', 'actor_username', 'details'])
      .where('action', '=', 'export.xlsx')
      .where('actor_username', '=', 'tgt.kelc')
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.details).toMatchObject({ report: 'targeting.inclusion' });
  });

  it('refuses an unknown programme and a period of the wrong kind', async () => {
    expect(
      (await get('admin', `/api/programs/NOPE/periods/${Q}/targeting/inclusion`)).json().error.code,
    ).toBe('PROGRAM_UNKNOWN');
    expect(
      (await get('admin', `/api/programs/${P}/periods/2026-03/targeting/inclusion`)).json().error.code,
    ).toBe('PERIOD_KIND_MISMATCH');
  });
});

describe('exclusion error candidates', () => {
  const fam: Record<string, Family> = {};

  beforeAll(async () => {
    const d = db();
    fam.within = await buildFamily(d, KEL_A, { desil: 3 });
    fam.above = await buildFamily(d, KEL_A, { desil: 6 });
    fam.deadOnly = await buildFamily(d, KEL_A, { desil: 1, members: [{ status: 'MENINGGAL' }] });
    fam.absentOnly = await buildFamily(d, KEL_A, { desil: 1, members: [{ absentSince: '2026-04' }] });
    fam.allocated = await buildFamily(d, KEL_A, { desil: 1 });
    fam.toddler = await buildFamily(d, KEL_B, {
      desil: 2,
      members: [{}, { relationship: 'ANAK', birthDate: '2023-06-01' }],
    });
    fam.elder = await buildFamily(d, KEL_B, { desil: 4, members: [{ birthDate: '1950-01-01' }] });
    // The only child is born after tahap II began (April 2026): no component in 2026-T2 yet.
    fam.unborn = await buildFamily(d, KEL_B, {
      desil: 2,
      members: [{}, { relationship: 'ANAK', birthDate: '2026-05-04' }],
    });
    // Older desil edition said 2; the latest says 7: the latest counts.
    fam.risen = await buildFamily(d, KEL_B, { desil: 2, edition: '2025-10' });
    await d
      .insertInto('household_desil')
      .values({ household_id: fam.risen.id, edition: '2026-01', desil: 7 })
      .execute();
    const sembako = await insertImport(d, 'SEMBAKO', '2026-05');
    await insertAllocation(d, sembako, 'SEMBAKO', '2026-05', {
      nik: fam.allocated.members[0]!.nik,
      family: fam.allocated,
    });
    const pkh = await insertImport(d, 'PKH', '2026-T1');
    await insertAllocation(d, pkh, 'PKH', '2026-T1', {
      nik: fam.toddler.members[0]!.nik,
      family: fam.toddler,
    });
  });

  const ids = async (key: string, program: string, period: string, query = '') => {
    const response = await get(
      key,
      `/api/programs/${program}/periods/${period}/targeting/exclusion?pageSize=200${query}`,
    );
    expect(response.statusCode).toBe(200);
    const body = response.json() as ExclusionBody;
    return new Set(body.items.map((i) => i.householdId));
  };

  it('lists families within the desil threshold, alive, not allocated', async () => {
    const found = await ids('admin', 'SEMBAKO', '2026-05');
    expect(found.has(fam.within!.id)).toBe(true);
    expect(found.has(fam.toddler!.id)).toBe(true);
    expect(found.has(fam.elder!.id)).toBe(true);
    expect(found.has(fam.above!.id)).toBe(false);
    expect(found.has(fam.deadOnly!.id)).toBe(false);
    expect(found.has(fam.absentOnly!.id)).toBe(false);
    expect(found.has(fam.allocated!.id)).toBe(false);
    expect(found.has(fam.risen!.id)).toBe(false);
  });

  it('for PKH requires a living member eligible for a component', async () => {
    const response = await get('admin', '/api/programs/PKH/periods/2026-T2/targeting/exclusion?pageSize=200');
    const body = response.json() as ExclusionBody;
    const byId = new Map(body.items.map((i) => [i.householdId, i]));
    expect(byId.get(fam.toddler!.id)?.components).toEqual(['anak_usia_dini']);
    expect(byId.get(fam.elder!.id)?.components).toEqual(['lanjut_usia']);
    expect(byId.has(fam.within!.id)).toBe(false);
    // A child born after the period's first day is neither a component nor a member yet.
    expect(byId.has(fam.unborn!.id)).toBe(false);
    const t3 = await get('admin', '/api/programs/PKH/periods/2026-T3/targeting/exclusion?pageSize=200');
    const later = (t3.json() as ExclusionBody).items.find((i) => i.householdId === fam.unborn!.id);
    expect(later).toMatchObject({ components: ['anak_usia_dini'], livingMembers: 2 });
  });

  it('keeps only families receiving another programme when asked (PKH family not in central Sembako)', async () => {
    const found = await ids('admin', 'SEMBAKO', '2026-05', '&requireProgram=PKH&requirePeriod=2026-T1');
    expect([...found]).toEqual([fam.toddler!.id]);
    const half = await get(
      'admin',
      '/api/programs/SEMBAKO/periods/2026-05/targeting/exclusion?requireProgram=PKH',
    );
    expect(half.json().error.code).toBe('REQUIRE_FILTER_INCOMPLETE');
  });

  it('shows an operator of another kelurahan nothing of it', async () => {
    const kelC = await ids('kelC', 'SEMBAKO', '2026-05');
    expect(kelC.has(fam.within!.id)).toBe(false);
    expect(kelC.has(fam.toddler!.id)).toBe(false);
    const kelA = await ids('kelA', 'SEMBAKO', '2026-05');
    expect(kelA.has(fam.within!.id)).toBe(true);
    expect(kelA.has(fam.toddler!.id)).toBe(false);
  });
});
