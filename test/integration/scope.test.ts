import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../src/db/types';
import { createTestApp, type LoggedIn, login, type TestApp } from '../support/app';
import { buildHousehold, buildUser, PASSWORD } from '../support/factories';

// Two kelurahan in one kecamatan (Padang Selatan 13.71.01) and one in another (Koto Tangah 13.71.11).
const KEL_A = '1371011001';
const KEL_B = '1371011002';
const KEL_C = '1371111001';

let t: TestApp;
const homes: Record<string, { id: number; kk: string; headNik: string }> = {};
const sessions: Partial<Record<string, LoggedIn>> = {};

const USERS: Array<{ key: string; role: Role; region: string }> = [
  { key: 'admin', role: 'admin_dinsos', region: '1371' },
  { key: 'auditor', role: 'auditor', region: '1371' },
  { key: 'kecamatan01', role: 'operator_kecamatan', region: '137101' },
  { key: 'kelurahanA', role: 'operator_kelurahan', region: KEL_A },
  { key: 'kelurahanC', role: 'operator_kelurahan', region: KEL_C },
  { key: 'pendampingA', role: 'pendamping', region: KEL_A },
  { key: 'koordinator11', role: 'koordinator', region: '137111' },
  { key: 'ewarong', role: 'ewarong', region: KEL_A },
];

// Which households each role must see in the list (DOMAIN.md: access is role × region).
const VISIBLE: Record<string, string[]> = {
  admin: ['A', 'B', 'C'],
  auditor: ['A', 'B', 'C'],
  kecamatan01: ['A', 'B'],
  kelurahanA: ['A'],
  kelurahanC: ['C'],
  pendampingA: ['A'],
  koordinator11: ['C'],
};

beforeAll(async () => {
  t = await createTestApp();
  homes.A = await buildHousehold(t.services, KEL_A);
  homes.B = await buildHousehold(t.services, KEL_B);
  homes.C = await buildHousehold(t.services, KEL_C);
  let ip = 1;
  for (const u of USERS) {
    await buildUser(t.services, u.role, u.region, `scope.${u.key.toLowerCase()}`);
    sessions[u.key] = await login(t.app, `scope.${u.key.toLowerCase()}`, PASSWORD, `10.20.0.${ip++}`);
  }
});
afterAll(() => t.dispose());

const get = (key: string, url: string) =>
  t.app.inject({ method: 'GET', url, headers: sessions[key]!.headers });

describe('role × region on the registry', () => {
  for (const [key, expected] of Object.entries(VISIBLE)) {
    it(`${key} lists exactly the households of its region (${expected.join(', ')})`, async () => {
      const response = await get(key, '/api/households?pageSize=200');
      expect(response.statusCode).toBe(200);
      const ids = response
        .json()
        .items.map((h: { id: number }) => h.id)
        .sort();
      expect(ids).toEqual(expected.map((k) => homes[k]!.id).sort());
    });

    it(`${key} reads a household of its region and gets 404 for any other`, async () => {
      for (const k of ['A', 'B', 'C']) {
        const response = await get(key, `/api/households/${homes[k]!.id}`);
        expect(response.statusCode).toBe(expected.includes(k) ? 200 : 404);
        if (!expected.includes(k)) expect(response.json().error.code).toBe('NOT_FOUND');
      }
    });
  }

  it('an operator of one kelurahan cannot find another kelurahan household by its KK or NIK search', async () => {
    for (const q of [homes.B!.kk, homes.B!.headNik, 'Kepala']) {
      const response = await t.app.inject({
        method: 'POST',
        url: '/api/households/search',
        headers: sessions.kelurahanA!.headers,
        payload: { q },
      });
      expect(response.statusCode).toBe(200);
      expect(response.json().items.every((h: { id: number }) => h.id === homes.A!.id)).toBe(true);
      const persons = await t.app.inject({
        method: 'POST',
        url: '/api/persons/search',
        headers: sessions.kelurahanA!.headers,
        payload: { q },
      });
      expect(persons.statusCode).toBe(200);
      expect(persons.json().items.every((p: { householdId: number }) => p.householdId === homes.A!.id)).toBe(
        true,
      );
    }
    const own = await t.app.inject({
      method: 'POST',
      url: '/api/persons/search',
      headers: sessions.kelurahanA!.headers,
      payload: { q: homes.A!.headNik },
    });
    expect(own.json().items).toHaveLength(1);
    expect(own.json().items[0].nikMasked).toMatch(/\*{8}/);
  });

  it('refuses a NIK or KK in a URL', async () => {
    const response = await get('kelurahanA', `/api/households?q=${homes.A!.kk}`);
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('IDENTIFIER_IN_URL');
  });

  it('a person of another kelurahan is 404, one of the own kelurahan shows history', async () => {
    const [mine] = (
      await t.app.inject({
        method: 'POST',
        url: '/api/persons/search',
        headers: sessions.kelurahanA!.headers,
        payload: { q: homes.A!.headNik },
      })
    ).json().items;
    const theirs = (
      await t.app.inject({
        method: 'POST',
        url: '/api/persons/search',
        headers: sessions.admin!.headers,
        payload: { q: homes.C!.headNik },
      })
    ).json().items[0];
    expect((await get('kelurahanA', `/api/persons/${mine.id}`)).statusCode).toBe(200);
    expect((await get('kelurahanA', `/api/persons/${theirs.id}`)).statusCode).toBe(404);
  });

  it('a region filter outside the scope returns nothing rather than widening the scope', async () => {
    const response = await get('kelurahanA', `/api/households?regionCode=13.71.11.1001`);
    expect(response.statusCode).toBe(200);
    expect(response.json().total).toBe(0);
  });

  it('an e-Warong user has no access to the registry (403)', async () => {
    expect((await get('ewarong', '/api/households')).statusCode).toBe(403);
  });

  it('lists mask NIK and KK; the full record shows them to an operator and masks them for the auditor', async () => {
    const list = await get('kelurahanA', '/api/households');
    expect(list.json().items[0].kkMasked).toMatch(/^\d{4}\*{8}\d{4}$/);
    const full = await get('kelurahanA', `/api/households/${homes.A!.id}`);
    expect(full.json().kk).toBe(homes.A!.kk);
    const audited = await get('auditor', `/api/households/${homes.A!.id}`);
    expect(audited.json().kk).toMatch(/\*{8}/);
    expect(audited.json().members[0].nik).toMatch(/\*{8}/);
  });

  it('every full-record view is written to the audit log', async () => {
    await get('kecamatan01', `/api/households/${homes.B!.id}`);
    const entry = await t.services.database.db
      .selectFrom('audit_log')
      .select(['action', 'actor_username', 'entity_id', 'region_code'])
      .where('action', '=', 'household.view')
      .where('actor_username', '=', 'scope.kecamatan01')
      .where('entity_id', '=', String(homes.B!.id))
      .executeTakeFirst();
    expect(entry).toMatchObject({ entity_id: String(homes.B!.id), region_code: KEL_B });
  });
});

describe('role × region on users and audit', () => {
  it('only admin and auditor list users; others get 403', async () => {
    expect((await get('admin', '/api/users')).statusCode).toBe(200);
    expect((await get('auditor', '/api/users')).statusCode).toBe(200);
    for (const key of ['kecamatan01', 'kelurahanA', 'pendampingA', 'koordinator11', 'ewarong']) {
      expect((await get(key, '/api/users')).statusCode).toBe(403);
      expect((await get(key, '/api/audit')).statusCode).toBe(403);
    }
  });

  it('the auditor cannot change anything (403 READ_ONLY_ROLE) and each of its reads is logged', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: sessions.auditor!.headers,
      payload: {
        username: 'oleh.auditor',
        fullName: 'X',
        role: 'operator_kecamatan',
        regionCode: '137101',
        password: PASSWORD,
      },
    });
    expect(response.statusCode).toBe(403);
    expect(response.json().error.code).toBe('READ_ONLY_ROLE');
    const verify = await t.app.inject({
      method: 'POST',
      url: '/api/audit/verify',
      headers: sessions.auditor!.headers,
    });
    expect(verify.statusCode).toBe(202);
    await get('auditor', '/api/users?q=rahasia');
    const logged = await t.services.database.db
      .selectFrom('audit_log')
      .select(['details'])
      .where('action', '=', 'auditor.read')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(logged.details).toMatchObject({ route: '/api/users', queryKeys: expect.arrayContaining(['q']) });
    expect(JSON.stringify(logged.details)).not.toContain('rahasia');
  });

  it('an operator cannot create users (403) and nothing is written', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: sessions.kecamatan01!.headers,
      payload: {
        username: 'oleh.operator',
        fullName: 'X',
        role: 'operator_kelurahan',
        regionCode: KEL_A,
        password: PASSWORD,
      },
    });
    expect(response.statusCode).toBe(403);
    expect(
      await t.services.database.db
        .selectFrom('app_user')
        .select('id')
        .where('username', '=', 'oleh.operator')
        .executeTakeFirst(),
    ).toBeUndefined();
  });
});
