import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../src/db/types';
import { ADMIN_PASSWORD, createTestApp, type LoggedIn, login, type TestApp } from '../support/app';
import { buildPeriod } from '../support/distribution-factories';
import { buildHousehold, buildUser, PASSWORD } from '../support/factories';
import { auditEntries } from '../support/programs';

const KEL_A = '1371011001';
const KEL_B = '1371011002';
const KEL_C = '1371111001';
const URL_T2 = '/api/programs/PKH/periods/2026-T2/noncompliance';

let t: TestApp;
const s: Partial<Record<string, LoggedIn>> = {};
const homes: Record<string, { id: number; kk: string }> = {};

const USERS: Array<{ key: string; role: Role; region: string }> = [
  { key: 'kecamatan01', role: 'operator_kecamatan', region: '137101' },
  { key: 'kelurahanA', role: 'operator_kelurahan', region: KEL_A },
  { key: 'kelurahanC', role: 'operator_kelurahan', region: KEL_C },
  { key: 'pendampingA', role: 'pendamping', region: KEL_A },
  { key: 'koordinator', role: 'koordinator', region: '1371' },
  { key: 'auditor', role: 'auditor', region: '1371' },
];

beforeAll(async () => {
  t = await createTestApp();
  s.admin = await login(t.app, 'admin', ADMIN_PASSWORD, '10.41.0.1');
  let ip = 2;
  for (const u of USERS) {
    await buildUser(t.services, u.role, u.region, `nc.${u.key.toLowerCase()}`);
    s[u.key] = await login(t.app, `nc.${u.key.toLowerCase()}`, PASSWORD, `10.41.0.${ip++}`);
  }
  homes.A = await buildHousehold(t.services, KEL_A);
  homes.B = await buildHousehold(t.services, KEL_B);
  homes.C = await buildHousehold(t.services, KEL_C);
  // 2026-T2 exists (allocations imported); 2026-T3 does not yet; 2026-T1 is finalised.
  await buildPeriod(t.services, 'PKH', '2026-T2');
  await buildPeriod(t.services, 'PKH', '2026-T1');
  await t.services.database.db
    .updateTable('program_period')
    .set({ status: 'FINAL', finalised_at: new Date() })
    .where('program_code', '=', 'PKH')
    .where('period', '=', '2026-T1')
    .execute();
});
afterAll(() => t.dispose());

const call = (key: string, method: 'GET' | 'POST' | 'DELETE', url: string, payload?: object) =>
  t.app.inject({ method, url, headers: s[key]!.headers, ...(payload ? { payload } : {}) });
const record = (key: string, home: string, url = URL_T2, reason = 'Kehadiran sekolah di bawah 85%') =>
  call(key, 'POST', url, { householdId: homes[home]!.id, reason });

describe('recording missed commitments', () => {
  it('an operator records a family of its kelurahan, audited; the same family twice is refused', async () => {
    const response = await record('kelurahanA', 'A');
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({
      householdId: homes.A!.id,
      program: 'PKH',
      period: '2026-T2',
      periodLabel: 'Tahap II 2026',
      regionCode: KEL_A,
      headName: expect.stringMatching(/^Kepala/),
      reason: 'Kehadiran sekolah di bawah 85%',
    });
    expect(response.json().kkMasked).toContain('*');
    expect(response.json().kkMasked).not.toBe(homes.A!.kk);
    const [entry] = await auditEntries(t.services, 'noncompliance.record', homes.A!.id);
    expect(entry).toMatchObject({ region_code: KEL_A });
    expect(entry?.after).toMatchObject({ program: 'PKH', period: '2026-T2' });

    const again = await record('kecamatan01', 'A');
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('NONCOMPLIANCE_EXISTS');
  });

  it('a pendamping records within its region, also for a period with no allocation yet', async () => {
    const response = await record('pendampingA', 'A', '/api/programs/PKH/periods/2026-T3/noncompliance');
    expect(response.statusCode).toBe(201);
    expect(response.json().period).toBe('2026-T3');
  });

  it('a family outside the recorder region is not found', async () => {
    for (const key of ['kelurahanA', 'pendampingA']) {
      const response = await record(key, 'C');
      expect(response.statusCode, key).toBe(404);
      expect(response.json().error.code).toBe('NOT_FOUND');
    }
    const unknown = await call('admin', 'POST', URL_T2, { householdId: 99_999_999, reason: 'tidak ada' });
    expect(unknown.statusCode).toBe(404);
  });

  it('koordinator and auditor read but do not record', async () => {
    expect((await record('koordinator', 'C')).statusCode).toBe(403);
    expect((await record('auditor', 'C')).statusCode).toBe(403);
  });

  it('refuses a finalised period, a programme without commitments, a wrong period and an empty reason', async () => {
    const final = await record('admin', 'C', '/api/programs/PKH/periods/2026-T1/noncompliance');
    expect(final.statusCode).toBe(409);
    expect(final.json().error.code).toBe('PERIOD_FINAL');
    const sembako = await record('admin', 'C', '/api/programs/SEMBAKO/periods/2026-03/noncompliance');
    expect(sembako.json().error.code).toBe('NONCOMPLIANCE_NOT_PKH');
    const wrongKind = await record('admin', 'C', '/api/programs/PKH/periods/2026-03/noncompliance');
    expect(wrongKind.json().error.code).toBe('PERIOD_KIND_MISMATCH');
    const noReason = await record('admin', 'C', URL_T2, '  ');
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.code).toBe('NONCOMPLIANCE_REASON_REQUIRED');
  });
});

describe('reading and removing records', () => {
  it('lists only the records within the reader region', async () => {
    expect((await record('admin', 'C')).statusCode).toBe(201);
    expect((await record('kecamatan01', 'B')).statusCode).toBe(201);
    const expected: Record<string, string[]> = {
      admin: ['A', 'B', 'C'],
      auditor: ['A', 'B', 'C'],
      koordinator: ['A', 'B', 'C'],
      kecamatan01: ['A', 'B'],
      kelurahanA: ['A'],
      pendampingA: ['A'],
      kelurahanC: ['C'],
    };
    for (const [key, homesSeen] of Object.entries(expected)) {
      const response = await call(key, 'GET', URL_T2);
      expect(response.statusCode, key).toBe(200);
      const ids = response.json().items.map((r: { householdId: number }) => r.householdId);
      expect(ids.sort(), key).toEqual(homesSeen.map((h) => homes[h]!.id).sort());
      expect(response.json().total).toBe(homesSeen.length);
    }
  });

  it('a household page lists its records of every period; another region gets 404', async () => {
    const mine = await call('pendampingA', 'GET', `/api/households/${homes.A!.id}/noncompliance`);
    expect(mine.statusCode).toBe(200);
    expect(mine.json().items.map((r: { period: string }) => r.period)).toEqual(['2026-T3', '2026-T2']);
    const other = await call('kelurahanC', 'GET', `/api/households/${homes.A!.id}/noncompliance`);
    expect(other.statusCode).toBe(404);
  });

  it('only the admin removes a record, audited with what was removed', async () => {
    const list = await call('admin', 'GET', URL_T2);
    const recordB = list.json().items.find((r: { householdId: number }) => r.householdId === homes.B!.id);
    const byOperator = await call('kecamatan01', 'DELETE', `${URL_T2}/${recordB.id}`);
    expect(byOperator.statusCode).toBe(403);
    const wrongPeriod = await call(
      'admin',
      'DELETE',
      `/api/programs/PKH/periods/2026-T3/noncompliance/${recordB.id}`,
    );
    expect(wrongPeriod.statusCode).toBe(404);
    const removed = await call('admin', 'DELETE', `${URL_T2}/${recordB.id}`);
    expect(removed.statusCode).toBe(200);
    const [entry] = await auditEntries(t.services, 'noncompliance.delete', homes.B!.id);
    expect(entry?.before).toMatchObject({ id: recordB.id, period: '2026-T2' });
    const after = await call('admin', 'GET', URL_T2);
    expect(after.json().total).toBe(2);
  });

  it('a finalised period refuses removal too', async () => {
    const list = await call('admin', 'GET', URL_T2);
    const first = list.json().items[0];
    await t.services.database.db
      .updateTable('program_period')
      .set({ status: 'FINAL' })
      .where('program_code', '=', 'PKH')
      .where('period', '=', '2026-T2')
      .execute();
    const response = await call('admin', 'DELETE', `${URL_T2}/${first.id}`);
    expect(response.statusCode).toBe(409);
    expect(response.json().error.code).toBe('PERIOD_FINAL');
  });
});
