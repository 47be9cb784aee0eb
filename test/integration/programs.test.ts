import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../src/db/types';
import { rulesAt } from '../../src/modules/programs/period-rules';
import { ADMIN_PASSWORD, createTestApp, type LoggedIn, login, type TestApp } from '../support/app';
import { buildAllocations, buildReport } from '../support/distribution-factories';
import { buildHousehold, buildUser, PASSWORD } from '../support/factories';
import { auditEntries } from '../support/programs';

// Two kelurahan in kecamatan 13.71.01 and one in 13.71.11 (as in scope.test.ts).
const KEL_A = '1371011001';
const KEL_B = '1371011002';
const KEL_C = '1371111001';

// The office's date is fixed so current/past/future rule rows do not depend on the day the test runs.
const clock = { now: () => new Date('2026-11-25T03:00:00Z') };
let t: TestApp;
const s: Partial<Record<string, LoggedIn>> = {};

const USERS: Array<{ key: string; role: Role; region: string }> = [
  { key: 'kecamatan01', role: 'operator_kecamatan', region: '137101' },
  { key: 'kelurahanA', role: 'operator_kelurahan', region: KEL_A },
  { key: 'kelurahanC', role: 'operator_kelurahan', region: KEL_C },
  { key: 'auditor', role: 'auditor', region: '1371' },
];

beforeAll(async () => {
  t = await createTestApp({ clock });
  s.admin = await login(t.app, 'admin', ADMIN_PASSWORD, '10.40.0.1');
  let ip = 2;
  for (const u of USERS) {
    await buildUser(t.services, u.role, u.region, `prog.${u.key.toLowerCase()}`);
    s[u.key] = await login(t.app, `prog.${u.key.toLowerCase()}`, PASSWORD, `10.40.0.${ip++}`);
  }
  const a = await buildHousehold(t.services, KEL_A);
  const b = await buildHousehold(t.services, KEL_B);
  const c = await buildHousehold(t.services, KEL_C);
  // PKH 2026-T2: two KPM in A (one of them on two lines), one in B, one in C.
  const lines = await buildAllocations(t.services, [
    { nik: a.headNik, scopeCode: KEL_A, amount: 750_000, householdId: a.id },
    { nik: a.headNik, scopeCode: KEL_A, amount: 750_000, householdId: a.id },
    { nik: a.childNik, scopeCode: KEL_A, amount: 225_000, householdId: a.id },
    { nik: b.headNik, scopeCode: KEL_B, amount: 500_000, householdId: b.id },
    { nik: c.headNik, scopeCode: KEL_C, amount: 600_000, householdId: c.id },
  ]);
  await buildReport(t.services, [{ allocation: lines[4]!, amount: 600_000 }]);
});
afterAll(() => t.dispose());

const call = (key: string, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) =>
  t.app.inject({ method, url, headers: s[key]!.headers, ...(payload ? { payload } : {}) });

function pkhPeriod(body: { items: Array<{ code: string; periods: Array<{ period: string }> }> }) {
  return body.items.find((p) => p.code === 'PKH')!.periods.find((p) => p.period === '2026-T2') as Record<
    string,
    unknown
  >;
}

describe('programme list', () => {
  it('lists the seeded PKH and SEMBAKO programmes with their periods', async () => {
    const response = await call('admin', 'GET', '/api/programs');
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.items.map((p: { code: string }) => p.code).slice(0, 2)).toEqual(['PKH', 'SEMBAKO']);
    expect(body.items[0]).toMatchObject({ kind: 'PKH', funding: 'APBN', periodKinds: ['TAHAP'] });
    expect(pkhPeriod(body)).toMatchObject({
      label: 'Tahap II 2026',
      status: 'OPEN',
      allocationLines: 5,
      kpm: 4,
      allocated: 2_825_000,
      reports: 1,
    });
  });

  it('counts only the allocation lines within the reader scope', async () => {
    const expected: Record<string, [number, number, number]> = {
      kecamatan01: [4, 3, 2_225_000],
      kelurahanA: [3, 2, 1_725_000],
      kelurahanC: [1, 1, 600_000],
      auditor: [5, 4, 2_825_000],
    };
    for (const [key, [lines, kpm, allocated]] of Object.entries(expected)) {
      const response = await call(key, 'GET', '/api/programs');
      expect(response.statusCode, key).toBe(200);
      expect(pkhPeriod(response.json()), key).toMatchObject({ allocationLines: lines, kpm, allocated });
    }
  });

  it('the period header gives status and scoped counts; an unknown period is 404', async () => {
    const ok = await call('kelurahanA', 'GET', '/api/programs/PKH/periods/2026-T2');
    expect(ok.statusCode).toBe(200);
    expect(ok.json().period).toMatchObject({
      label: 'Tahap II 2026',
      kind: 'TAHAP',
      start: '2026-04-01',
      end: '2026-06-30',
      allocationLines: 3,
    });
    expect(ok.json().program).toMatchObject({ code: 'PKH', name: 'Program Keluarga Harapan' });

    const unknown = await call('admin', 'GET', '/api/programs/PKH/periods/2026-T3');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.code).toBe('NOT_FOUND');
    const noProgram = await call('admin', 'GET', '/api/programs/NOPE/periods/2026-T3');
    expect(noProgram.statusCode).toBe(404);
    const badFormat = await call('admin', 'GET', '/api/programs/PKH/periods/2026-13');
    expect(badFormat.json().error.code).toBe('PERIOD_FORMAT');
    const wrongKind = await call('admin', 'GET', '/api/programs/PKH/periods/2026-03');
    expect(wrongKind.statusCode).toBe(400);
    expect(wrongKind.json().error.code).toBe('PERIOD_KIND_MISMATCH');
  });
});

describe('local programmes', () => {
  const body = {
    code: 'SEMBAKO_DAERAH',
    name: 'Sembako Daerah',
    budget: 500_000_000,
    benefitAmount: 200_000,
    periodKinds: ['MONTH', 'QUARTER'],
  };

  it('only the admin creates a local programme; others get 403', async () => {
    const refused = { kecamatan01: 'FORBIDDEN', kelurahanA: 'FORBIDDEN', auditor: 'READ_ONLY_ROLE' };
    for (const [key, code] of Object.entries(refused)) {
      const response = await call(key, 'POST', '/api/programs', { ...body, code: 'LOKAL_X' });
      expect(response.statusCode, key).toBe(403);
      expect(response.json().error.code).toBe(code);
    }
    const created = await call('admin', 'POST', '/api/programs', body);
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({
      code: 'SEMBAKO_DAERAH',
      kind: 'LOCAL',
      funding: 'APBD',
      budget: 500_000_000,
      benefitAmount: 200_000,
      periodKinds: ['MONTH', 'QUARTER'],
      periods: [],
    });
    const [entry] = await auditEntries(t.services, 'program.create', 'SEMBAKO_DAERAH');
    expect(entry?.after).toMatchObject({ code: 'SEMBAKO_DAERAH', budget: 500_000_000 });
  });

  it('refuses a duplicate code, a bad code, tahap periods and non-integer or negative money', async () => {
    const cases: Array<[object, number, string]> = [
      [body, 409, 'PROGRAM_EXISTS'],
      [{ ...body, code: 'PKH' }, 409, 'PROGRAM_EXISTS'],
      [{ ...body, code: '1ABC' }, 400, 'PROGRAM_CODE_FORMAT'],
      [{ ...body, code: 'LOKAL_A', periodKinds: ['TAHAP'] }, 400, 'PROGRAM_PERIOD_KINDS'],
      [{ ...body, code: 'LOKAL_A', periodKinds: [] }, 400, 'PROGRAM_PERIOD_KINDS'],
      [{ ...body, code: 'LOKAL_A', budget: -1 }, 400, 'PROGRAM_BUDGET_INVALID'],
      [{ ...body, code: 'LOKAL_A', budget: 1.5 }, 400, 'PROGRAM_BUDGET_INVALID'],
      [{ ...body, code: 'LOKAL_A', benefitAmount: 0 }, 400, 'PROGRAM_BENEFIT_INVALID'],
    ];
    for (const [payload, status, code] of cases) {
      const response = await call('admin', 'POST', '/api/programs', payload);
      expect(response.statusCode, JSON.stringify(payload)).toBe(status);
      expect(response.json().error.code).toBe(code);
    }
  });

  it('the admin changes the budget and benefit of a local programme, audited with before and after', async () => {
    const response = await call('admin', 'PATCH', '/api/programs/SEMBAKO_DAERAH', {
      budget: 750_000_000,
      benefitAmount: 250_000,
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ budget: 750_000_000, benefitAmount: 250_000 });
    const [entry] = await auditEntries(t.services, 'program.update', 'SEMBAKO_DAERAH');
    expect(entry?.before).toMatchObject({ budget: 500_000_000, benefitAmount: 200_000 });
    expect(entry?.after).toMatchObject({ budget: 750_000_000, benefitAmount: 250_000 });

    const central = await call('admin', 'PATCH', '/api/programs/PKH', { budget: 1 });
    expect(central.json().error.code).toBe('PROGRAM_NOT_LOCAL');
    const operator = await call('kecamatan01', 'PATCH', '/api/programs/SEMBAKO_DAERAH', { budget: 1 });
    expect(operator.statusCode).toBe(403);
  });
});

describe('benefit rules', () => {
  it('lists the seeded rules with validity, source and whether each is current', async () => {
    const response = await call('kelurahanA', 'GET', '/api/programs/SEMBAKO/rules');
    expect(response.statusCode).toBe(200);
    const monthly = response
      .json()
      .items.filter((r: { key: string }) => r.key === 'sembako.monthly')
      .map((r: Record<string, unknown>) => [r.value, r.validFrom, r.validTo, r.state, r.unit]);
    expect(monthly).toEqual([
      [200_000, '2020-10-01', null, 'CURRENT', 'RUPIAH'],
      [150_000, '2020-01-01', '2020-10-01', 'PAST', 'RUPIAH'],
      [110_000, '2017-01-01', '2020-01-01', 'PAST', 'RUPIAH'],
    ]);
    expect(response.json().keys.map((k: { key: string }) => k.key)).toEqual([
      'targeting.desil_max',
      'sembako.monthly',
    ]);
  });

  it('a new value closes the previous row on its start date, and rulesAt reads each side of it', async () => {
    const response = await call('admin', 'POST', '/api/programs/PKH/rules', {
      key: 'pkh.index.anak_sd',
      value: 1_000_000,
      validFrom: '2027-01-01',
      source: 'Kepmensos uji 1/2026',
    });
    expect(response.statusCode).toBe(201);
    expect(response.json().rule).toMatchObject({
      key: 'pkh.index.anak_sd',
      value: 1_000_000,
      validFrom: '2027-01-01',
      validTo: null,
      state: 'FUTURE',
    });
    expect(response.json().previous).toMatchObject({
      value: 900_000,
      validTo: '2027-01-01',
      state: 'CURRENT',
    });

    const db = t.services.database.db;
    expect((await rulesAt(db, 'PKH', '2026-12-31'))['pkh.index.anak_sd']).toBe(900_000);
    expect((await rulesAt(db, 'PKH', '2027-01-01'))['pkh.index.anak_sd']).toBe(1_000_000);
    expect((await rulesAt(db, 'PKH', '2019-06-01'))['pkh.index.anak_sd']).toBe(900_000);

    const [entry] = await auditEntries(t.services, 'benefit_rule.set');
    expect(entry?.before).toMatchObject({ key: 'pkh.index.anak_sd', value: 900_000, validTo: null });
    expect(entry?.after).toMatchObject({
      value: 1_000_000,
      validFrom: '2027-01-01',
      previousValidTo: '2027-01-01',
      source: 'Kepmensos uji 1/2026',
    });
  });

  it('refuses a start date not after the start of the value in force', async () => {
    for (const validFrom of ['2027-01-01', '2026-07-01']) {
      const response = await call('admin', 'POST', '/api/programs/PKH/rules', {
        key: 'pkh.index.anak_sd',
        value: 950_000,
        validFrom,
        source: 'uji',
      });
      expect(response.statusCode).toBe(409);
      expect(response.json().error.code).toBe('RULE_VALID_FROM_NOT_AFTER');
    }
  });

  it('refuses unknown keys, values out of range and bad dates with their codes', async () => {
    const base = { key: 'pkh.sanction_percent', value: 10, validFrom: '2027-01-01', source: 'uji' };
    const cases: Array<[string, object, string]> = [
      ['PKH', { ...base, key: 'pkh.index.kuliah' }, 'RULE_KEY_UNKNOWN'],
      ['PKH', { ...base, key: 'sembako.monthly' }, 'RULE_KEY_UNKNOWN'],
      ['SEMBAKO', { ...base, key: 'pkh.max_members' }, 'RULE_KEY_UNKNOWN'],
      ['PKH', { ...base, value: 101 }, 'RULE_VALUE_INVALID'],
      ['PKH', { ...base, value: -5 }, 'RULE_VALUE_INVALID'],
      ['PKH', { ...base, key: 'pkh.index.anak_smp', value: 1.5 }, 'RULE_VALUE_INVALID'],
      ['PKH', { ...base, key: 'targeting.desil_max', value: 11 }, 'RULE_VALUE_INVALID'],
      ['PKH', { ...base, key: 'targeting.desil_max', value: 0 }, 'RULE_VALUE_INVALID'],
      ['PKH', { ...base, validFrom: '2027-02-30' }, 'RULE_VALID_FROM_FORMAT'],
      ['PKH', { ...base, validFrom: '01-01-2027' }, 'RULE_VALID_FROM_FORMAT'],
      ['PKH', { ...base, source: '  ' }, 'RULE_SOURCE_REQUIRED'],
    ];
    for (const [program, payload, code] of cases) {
      const response = await call('admin', 'POST', `/api/programs/${program}/rules`, payload);
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
      expect(response.json().error.code, JSON.stringify(payload)).toBe(code);
    }
  });

  it('a key without a previous row starts open; only the admin sets rules', async () => {
    const forbidden = await call('kecamatan01', 'POST', '/api/programs/PKH/rules', {
      key: 'pkh.limit.anak_sd',
      value: 3,
      validFrom: '2027-01-01',
      source: 'uji',
    });
    expect(forbidden.statusCode).toBe(403);
    const response = await call('admin', 'POST', '/api/programs/PKH/rules', {
      key: 'pkh.limit.anak_sd',
      value: 3,
      validFrom: '2027-01-01',
      source: 'uji',
    });
    expect(response.statusCode).toBe(201);
    expect(response.json().previous).toBeNull();
    const db = t.services.database.db;
    expect((await rulesAt(db, 'PKH', '2026-06-01'))['pkh.limit.anak_sd']).toBeUndefined();
    expect((await rulesAt(db, 'PKH', '2027-06-01'))['pkh.limit.anak_sd']).toBe(3);
  });
});
