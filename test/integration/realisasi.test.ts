import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../src/db/types';
import type { RealisasiReport } from '../../src/modules/reconciliation/realisasi-service';
import { SYSTEM_ACTOR } from '../../src/platform/auth/actor';
import { createTestApp, type LoggedIn, login, type TestApp } from '../support/app';
import { buildAllocations, buildReport, nikIn } from '../support/distribution-factories';
import { buildUser, PASSWORD } from '../support/factories';

// Padang Selatan (13.71.01): kelurahan A and B; Koto Tangah (13.71.11): kelurahan C.
const KEL_A = '1371011001';
const KEL_B = '1371011002';
const KEL_C = '1371111001';
const admin = { ...SYSTEM_ACTOR, username: 'uji', regionCode: '1371' };

let t: TestApp;
const sessions: Partial<Record<string, LoggedIn>> = {};
const family = { a: nikIn(KEL_A), c: nikIn(KEL_C) };

const get = (key: string, url: string) =>
  t.app.inject({ method: 'GET', url, headers: sessions[key]!.headers });
const report = async (key: string, query: string) => {
  const response = await get(key, `/api/realisasi?${query}`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as RealisasiReport;
};

/** Every number in the answer is an integer: rupiah and counts alike. */
function expectIntegers(value: unknown, path = '$'): void {
  if (typeof value === 'number') expect(Number.isInteger(value), path).toBe(true);
  else if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) expectIntegers(v, `${path}[${i}]`);
  } else if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) expectIntegers(v, `${path}.${k}`);
}

beforeAll(async () => {
  t = await createTestApp();
  let ip = 1;
  const users: Array<[string, Role, string]> = [
    ['admin', 'admin_dinsos', '1371'],
    ['auditor', 'auditor', '1371'],
    ['kecA', 'operator_kecamatan', '137101'],
    ['kelA', 'operator_kelurahan', KEL_A],
    ['kelC', 'operator_kelurahan', KEL_C],
    ['pendamping', 'pendamping', KEL_A],
  ];
  for (const [key, role, region] of users) {
    await buildUser(t.services, role, region, `real.${key.toLowerCase()}`);
    sessions[key] = await login(t.app, `real.${key.toLowerCase()}`, PASSWORD, `10.42.0.${ip++}`);
  }

  // Tahap I: family A (BRI) and family C (POS) paid; one KPM of B failed.
  const t1 = await buildAllocations(
    t.services,
    [
      { scopeCode: KEL_A, amount: 750_000, nik: family.a },
      { scopeCode: KEL_C, amount: 900_000, nik: family.c, channel: 'POS' },
      { scopeCode: KEL_B, amount: 600_000 },
    ],
    { period: '2026-T1' },
  );
  await buildReport(
    t.services,
    [
      { allocation: t1[0]!, amount: 750_000 },
      { allocation: t1[2]!, amount: 600_000, status: 'GAGAL', reason: 'KPM meninggal dunia' },
    ],
    { period: '2026-T1' },
  );
  await buildReport(t.services, [{ allocation: t1[1]!, amount: 900_000 }], {
    period: '2026-T1',
    channel: 'POS',
  });
  await t.services.reconciliation.run(admin, 'PKH', '2026-T1');

  // Tahap II: family A again (paid twice: GANDA), a new KPM of B (SELISIH_NOMINAL), one of C
  // failed, one of A with no report; one report line with no allocation.
  const t2 = await buildAllocations(t.services, [
    { scopeCode: KEL_A, amount: 750_000, nik: family.a },
    { scopeCode: KEL_B, amount: 750_000 },
    { scopeCode: KEL_C, amount: 225_000, channel: 'POS' },
    { scopeCode: KEL_A, amount: 300_000 },
  ]);
  await buildReport(t.services, [
    { allocation: t2[0]!, amount: 750_000 },
    { allocation: t2[0]!, amount: 750_000, paidOn: '2026-05-20' },
    { allocation: t2[1]!, amount: 500_000 },
    { nik: nikIn('137101'), amount: 600_000 },
  ]);
  await buildReport(
    t.services,
    [{ allocation: t2[2]!, amount: 225_000, status: 'GAGAL', reason: 'KPM  MENINGGAL dunia' }],
    { channel: 'POS' },
  );
  await t.services.reconciliation.run(admin, 'PKH', '2026-T2');

  // Tahap III is allocated but not reconciled yet: it shows in the trend with zeros.
  await buildAllocations(t.services, [{ scopeCode: KEL_A, amount: 750_000 }], { period: '2026-T3' });
});
afterAll(async () => {
  await t.dispose();
});

describe('realisation report', () => {
  it('counts each KPM paid at least once (once per NIK over the year) and every rupiah paid', async () => {
    const r = await report('admin', 'program=PKH&year=2026&upTo=2026-T2');
    // Paid: family A (T1 750.000 + T2 twice 1.500.000), family C (T1 900.000), B's new KPM (T2 500.000) → 3 KPM.
    expect(r.totals).toEqual({ kpm: 3, paid: 3_650_000, allocatedKpm: 6, allocated: 4_275_000 });
    expect(r.headline).toBe('PKH 2026 sampai Tahap II: 3 KPM, Rp3.650.000');
    expect(r.byPeriod.map((p) => [p.period, p.kpm, p.paid, p.allocatedKpm, p.allocated])).toEqual([
      ['2026-T1', 2, 1_650_000, 3, 2_250_000],
      ['2026-T2', 2, 2_000_000, 4, 2_025_000],
    ]);
    expect(r.byPeriod[0]!.label).toBe('Tahap I 2026');
    expectIntegers(r);
  });

  it('breaks the realisation down by kecamatan, kelurahan and channel, with region names', async () => {
    const r = await report('admin', 'program=PKH&year=2026&upTo=2026-T2');
    expect(r.byKecamatan.map((k) => [k.code, k.kpm, k.paid])).toEqual([
      ['137101', 2, 2_750_000],
      ['137111', 1, 900_000],
    ]);
    expect(r.byKecamatan[0]!.name).toBe('Padang Selatan');
    expect(r.byKelurahan.map((k) => [k.code, k.kecamatanCode, k.kpm, k.paid, k.allocated])).toEqual([
      [KEL_A, '137101', 1, 2_250_000, 1_800_000],
      [KEL_B, '137101', 1, 500_000, 1_350_000],
      [KEL_C, '137111', 1, 900_000, 1_125_000],
    ]);
    expect(r.byKelurahan[0]!.name).toBeTruthy();
    expect(r.byChannel.map((c) => [c.channel, c.kpm, c.paid])).toEqual([
      ['BRI', 2, 2_750_000],
      ['POS', 1, 900_000],
    ]);
  });

  it('lists failure reasons and reports unallocated payments apart from the realisation', async () => {
    const r = await report('admin', 'program=PKH&year=2026');
    // One reason however the channels spelt it (case, spaces).
    expect(r.failureReasons).toEqual([{ reason: 'KPM MENINGGAL dunia', kpm: 2 }]);
    expect(r.unallocated).toEqual({ lines: 1, paidLines: 1, paid: 600_000 });
    // Without upTo every period of the year is listed; Tahap III was never reconciled.
    expect(r.byPeriod.map((p) => [p.period, p.reconciledAt === null, p.kpm])).toEqual([
      ['2026-T1', false, 2],
      ['2026-T2', false, 2],
      ['2026-T3', true, 0],
    ]);
    expect(r.headline).toBe('PKH 2026: 3 KPM, Rp3.650.000');
  });

  it('stops at the chosen period', async () => {
    const r = await report('admin', 'program=pkh&year=2026&upTo=2026-t1');
    expect(r.upTo).toBe('2026-T1');
    expect(r.byPeriod.map((p) => p.period)).toEqual(['2026-T1']);
    expect(r.totals).toEqual({ kpm: 2, paid: 1_650_000, allocatedKpm: 3, allocated: 2_250_000 });
    expect(r.headline).toBe('PKH 2026 sampai Tahap I: 2 KPM, Rp1.650.000');
  });
});

describe('scope', () => {
  it('gives an operator of another kelurahan only their own numbers', async () => {
    const r = await report('kelC', 'program=PKH&year=2026');
    expect(r.regionCode).toBe(KEL_C);
    expect(r.totals).toEqual({ kpm: 1, paid: 900_000, allocatedKpm: 2, allocated: 1_125_000 });
    expect(r.byKelurahan.map((k) => k.code)).toEqual([KEL_C]);
    expect(r.byKecamatan.map((k) => k.code)).toEqual(['137111']);
    expect(r.unallocated.lines).toBe(0);
    expect(r.failureReasons).toEqual([{ reason: 'KPM MENINGGAL dunia', kpm: 1 }]);
  });

  it('lets a kecamatan operator narrow to a kelurahan, and hides regions outside the scope', async () => {
    const r = await report('kecA', `program=PKH&year=2026&regionCode=13.71.01.1002`);
    expect(r.byKelurahan.map((k) => k.code)).toEqual([KEL_B]);
    expect(r.totals.paid).toBe(500_000);
    const outside = await get('kelA', `/api/realisasi?program=PKH&year=2026&regionCode=${KEL_C}`);
    expect(outside.statusCode).toBe(404);
    expect(outside.json().error.code).toBe('NOT_FOUND');
    const auditor = await report('auditor', 'program=PKH&year=2026&upTo=2026-T2');
    expect(auditor.totals.paid).toBe(3_650_000);
  });

  it('refuses roles without distribution reading', async () => {
    const response = await get('pendamping', '/api/realisasi?program=PKH&year=2026');
    expect(response.statusCode).toBe(403);
    expect(response.json().error.code).toBe('FORBIDDEN');
  });
});

describe('bad queries', () => {
  it('names an unknown programme, a period of another year and a malformed period', async () => {
    const cases: Array<[string, string]> = [
      ['program=BLT&year=2026', 'PROGRAM_UNKNOWN'],
      ['program=PKH&year=2026&upTo=2025-T2', 'PERIOD_YEAR_MISMATCH'],
      ['program=PKH&year=2026&upTo=2026-13', 'PERIOD_FORMAT'],
      ['program=PKH&year=2026&upTo=2026-03', 'PERIOD_KIND_MISMATCH'],
    ];
    for (const [query, code] of cases) {
      const response = await get('admin', `/api/realisasi?${query}`);
      expect(response.statusCode, query).toBe(400);
      expect(response.json().error.code, query).toBe(code);
    }
  });
});
