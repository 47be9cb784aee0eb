import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rekonsiliasiJson } from '../../src/cli/commands/rekonsiliasi';
import type { Role } from '../../src/db/types';
import type { ReconciliationSummary } from '../../src/modules/reconciliation/presenter';
import { SYSTEM_ACTOR } from '../../src/platform/auth/actor';
import { createTestApp, type LoggedIn, login, type TestApp } from '../support/app';
import {
  type BuiltAllocation,
  buildAllocations,
  buildReport,
  nikIn,
} from '../support/distribution-factories';
import { buildUser, PASSWORD } from '../support/factories';

// Two kelurahan of Padang Selatan (13.71.01), one of Koto Tangah (13.71.11), one with no allocation.
const KEL_A = '1371011001';
const KEL_B = '1371011002';
const KEL_C = '1371111001';
const KEL_D = '1371111002';
const BASE = '/api/programs/PKH/periods/2026-T2';
const admin = { ...SYSTEM_ACTOR, username: 'uji', regionCode: '1371' };

let t: TestApp;
const sessions: Partial<Record<string, LoggedIn>> = {};
const a: Record<string, BuiltAllocation> = {};
const unallocatedNik = { paid: '', failed: '' };

const get = (key: string, url: string) =>
  t.app.inject({ method: 'GET', url, headers: sessions[key]!.headers });
const post = (key: string, url: string, payload?: unknown) =>
  t.app.inject({ method: 'POST', url, headers: sessions[key]!.headers, ...(payload ? { payload } : {}) });
const db = () => t.services.database.db;

/** Every number under a rupiah or count key is an integer (no floats, no strings). */
function expectIntegers(value: unknown, path = '$'): void {
  if (typeof value === 'number') expect(Number.isInteger(value), path).toBe(true);
  else if (Array.isArray(value)) for (const [i, v] of value.entries()) expectIntegers(v, `${path}[${i}]`);
  else if (value && typeof value === 'object')
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
    ['kelD', 'operator_kelurahan', KEL_D],
  ];
  for (const [key, role, region] of users) {
    await buildUser(t.services, role, region, `rekon.${key.toLowerCase()}`);
    sessions[key] = await login(t.app, `rekon.${key.toLowerCase()}`, PASSWORD, `10.40.0.${ip++}`);
  }

  const [a1, a2, a3, a4, a5, a6, a7] = await buildAllocations(t.services, [
    { scopeCode: KEL_A, amount: 750_000 }, // paid once, exactly → TERSALUR
    { scopeCode: KEL_A, amount: 750_000 }, // paid in two reports → GANDA
    { scopeCode: KEL_B, amount: 750_000 }, // paid 500.000 → SELISIH_NOMINAL
    { scopeCode: KEL_B, amount: 600_000 }, // failed twice → GAGAL_SALUR (latest reason)
    { scopeCode: KEL_A, amount: 900_000, channel: 'POS' }, // failed, then paid by PT Pos → TERSALUR
    { scopeCode: KEL_B, amount: 300_000 }, // nothing reported → BELUM_ADA_LAPORAN
    { scopeCode: KEL_C, amount: 225_000, channel: 'POS' }, // another kecamatan, paid
  ]);
  Object.assign(a, { a1, a2, a3, a4, a5, a6, a7 });
  unallocatedNik.paid = nikIn('137101');
  unallocatedNik.failed = nikIn('137111');

  await buildReport(t.services, [
    { allocation: a1!, amount: 750_000 },
    { allocation: a2!, amount: 750_000 },
    { allocation: a3!, amount: 500_000 },
    {
      allocation: a4!,
      amount: 600_000,
      status: 'GAGAL',
      reason: 'Rekening belum dibuka',
      paidOn: '2026-05-01',
    },
    { nik: unallocatedNik.paid, amount: 600_000 },
  ]);
  await buildReport(t.services, [
    { allocation: a2!, amount: 750_000, paidOn: '2026-05-20' },
    {
      allocation: a4!,
      amount: 600_000,
      status: 'GAGAL',
      reason: 'KPM meninggal dunia',
      paidOn: '2026-05-12',
    },
  ]);
  await buildReport(
    t.services,
    [
      {
        allocation: a5!,
        amount: 900_000,
        status: 'GAGAL',
        reason: 'KPM tidak ditemukan',
        paidOn: '2026-05-05',
      },
      { allocation: a7!, amount: 225_000 },
      { nik: unallocatedNik.failed, amount: 600_000, status: 'GAGAL', reason: 'Tidak ada di daftar' },
    ],
    { channel: 'POS' },
  );
  await buildReport(t.services, [{ allocation: a5!, amount: 900_000, paidOn: '2026-05-15' }], {
    channel: 'POS',
  });
  await t.services.reconciliation.run(admin, 'PKH', '2026-T2');
});
afterAll(async () => {
  await t.dispose();
});

describe('reconciliation statuses', () => {
  let summary: ReconciliationSummary;
  beforeAll(async () => {
    summary = await t.services.reconciliation.run(admin, 'PKH', '2026-T2');
  });

  it('gives every allocation line exactly one status, double payment GANDA and a PT Pos retry TERSALUR', async () => {
    const rows = await db()
      .selectFrom('reconciliation_line')
      .selectAll()
      .where('program_code', '=', 'PKH')
      .where('period', '=', '2026-T2')
      .execute();
    expect(rows).toHaveLength(7);
    const byId = new Map(rows.map((r) => [r.allocation_id, r]));
    expect(byId.get(a.a1!.id)).toMatchObject({ status: 'TERSALUR', paid_amount: 750_000, paid_count: 1 });
    expect(byId.get(a.a2!.id)).toMatchObject({ status: 'GANDA', paid_amount: 1_500_000, paid_count: 2 });
    expect(byId.get(a.a3!.id)).toMatchObject({ status: 'SELISIH_NOMINAL', paid_amount: 500_000 });
    expect(byId.get(a.a4!.id)).toMatchObject({
      status: 'GAGAL_SALUR',
      paid_amount: 0,
      failed_count: 2,
      failure_reason: 'KPM meninggal dunia',
    });
    expect(byId.get(a.a5!.id)).toMatchObject({
      status: 'TERSALUR',
      paid_count: 1,
      failed_count: 1,
      failure_reason: null,
      last_paid_on: '2026-05-15',
    });
    expect(byId.get(a.a6!.id)).toMatchObject({ status: 'BELUM_ADA_LAPORAN', paid_amount: 0, paid_count: 0 });
    expect(byId.get(a.a7!.id)).toMatchObject({ status: 'TERSALUR' });
  });

  it('sums KPM and rupiah per status; TIDAK_DIALOKASIKAN counts report lines and is never in realisasi', () => {
    expect(summary.byStatus).toEqual({
      TERSALUR: { kpm: 3, allocated: 1_875_000, paid: 1_875_000 },
      SELISIH_NOMINAL: { kpm: 1, allocated: 750_000, paid: 500_000 },
      GANDA: { kpm: 1, allocated: 750_000, paid: 1_500_000 },
      GAGAL_SALUR: { kpm: 1, allocated: 600_000, paid: 0 },
      BELUM_ADA_LAPORAN: { kpm: 1, allocated: 300_000, paid: 0 },
      TIDAK_DIALOKASIKAN: { kpm: 2, allocated: 0, paid: 600_000 },
    });
    // Allocated KPM paid at least once and every rupiah paid to them (GANDA's double included).
    expect(summary.realisasi).toEqual({ kpm: 5, paid: 3_875_000 });
    expect(summary.unallocatedPaid).toBe(600_000);
  });

  it('breaks the result down by kecamatan (with names) and by channel', async () => {
    const names = new Map(
      (
        await db()
          .selectFrom('region')
          .select(['code', 'name'])
          .where('code', 'in', ['137101', '137111'])
          .execute()
      ).map((r) => [r.code, r.name]),
    );
    expect(summary.byKecamatan).toEqual([
      {
        code: '137101',
        name: names.get('137101'),
        kpm: 6,
        allocated: 4_050_000,
        paidKpm: 4,
        paid: 3_650_000,
      },
      { code: '137111', name: names.get('137111'), kpm: 1, allocated: 225_000, paidKpm: 1, paid: 225_000 },
    ]);
    expect(names.get('137101')).toBeTruthy();
    expect(summary.byChannel).toEqual([
      {
        channel: 'BRI',
        kpm: 5,
        allocated: 3_150_000,
        paidKpm: 3,
        paid: 2_750_000,
        unallocatedLines: 1,
        unallocatedPaid: 600_000,
      },
      {
        channel: 'POS',
        kpm: 2,
        allocated: 1_125_000,
        paidKpm: 2,
        paid: 1_125_000,
        unallocatedLines: 1,
        unallocatedPaid: 0,
      },
    ]);
  });

  it('prints the --json document with the issue keys and integer rupiah', async () => {
    const view = await t.services.reconciliation.summary(admin, 'PKH', '2026-T2');
    const json = rekonsiliasiJson(view.state, view.summary);
    expect(Object.keys(json).slice(0, 4)).toEqual(['program', 'period', 'byStatus', 'realisasi']);
    expect(json).toMatchObject({
      program: 'PKH',
      period: '2026-T2',
      realisasi: { kpm: 5, paid: 3_875_000 },
      periodStatus: 'OPEN',
    });
    expect(Object.keys(json.byStatus).sort()).toEqual(
      [
        'BELUM_ADA_LAPORAN',
        'GAGAL_SALUR',
        'GANDA',
        'SELISIH_NOMINAL',
        'TERSALUR',
        'TIDAK_DIALOKASIKAN',
      ].sort(),
    );
    expect(json).toHaveProperty('byKecamatan');
    expect(json).toHaveProperty('byChannel');
    expectIntegers(JSON.parse(JSON.stringify(json)));
  });

  it('keeps rupiah beyond 32 bits as exact integers', async () => {
    const [big] = await buildAllocations(t.services, [{ scopeCode: KEL_A, amount: 4_000_000_000 }], {
      period: '2026-T3',
    });
    await buildReport(t.services, [{ allocation: big!, amount: 4_000_000_000 }], { period: '2026-T3' });
    await buildReport(t.services, [{ allocation: big!, amount: 4_000_000_001 }], { period: '2026-T3' });
    const result = await t.services.reconciliation.run(admin, 'PKH', '2026-T3');
    expect(result.byStatus.GANDA).toEqual({ kpm: 1, allocated: 4_000_000_000, paid: 8_000_000_001 });
    expect(result.realisasi).toEqual({ kpm: 1, paid: 8_000_000_001 });
    expectIntegers(result);
  });

  it('gives the same result when run again (the old lines are replaced, not added to)', async () => {
    const again = await t.services.reconciliation.run(admin, 'PKH', '2026-T2');
    expect(again).toEqual(summary);
    const count = await db()
      .selectFrom('reconciliation_line')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('period', '=', '2026-T2')
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(7);
  });
});

describe('reconciliation re-runs', () => {
  it('drops the line of an allocation that is gone, adds new allocations and updates what changed', async () => {
    const linesOf = () =>
      db()
        .selectFrom('reconciliation_line')
        .select(['allocation_id', 'status'])
        .where('period', '=', '2026-T1')
        .orderBy('allocation_id')
        .execute();
    const [kept, dropped] = await buildAllocations(
      t.services,
      [
        { scopeCode: KEL_A, amount: 225_000 },
        { scopeCode: KEL_B, amount: 225_000 },
      ],
      { period: '2026-T1' },
    );
    await t.services.reconciliation.run(admin, 'PKH', '2026-T1');
    expect(await linesOf()).toEqual([
      { allocation_id: kept!.id, status: 'BELUM_ADA_LAPORAN' },
      { allocation_id: dropped!.id, status: 'BELUM_ADA_LAPORAN' },
    ]);
    // An allocation import replaced: one line gone, one new; a report pays the kept line.
    await db().deleteFrom('allocation').where('id', '=', dropped!.id).execute();
    const [added] = await buildAllocations(t.services, [{ scopeCode: KEL_C, amount: 225_000 }], {
      period: '2026-T1',
    });
    await buildReport(t.services, [{ allocation: kept!, amount: 225_000 }], { period: '2026-T1' });
    const result = await t.services.reconciliation.run(admin, 'PKH', '2026-T1');
    expect(await linesOf()).toEqual([
      { allocation_id: kept!.id, status: 'TERSALUR' },
      { allocation_id: added!.id, status: 'BELUM_ADA_LAPORAN' },
    ]);
    expect(result.byStatus.TERSALUR).toEqual({ kpm: 1, allocated: 225_000, paid: 225_000 });
    expect(result.byStatus.BELUM_ADA_LAPORAN.kpm).toBe(1);
  });
});

describe('reconciliation over HTTP', () => {
  it('runs as a job for the admin (202) and refuses an operator (403)', async () => {
    expect((await post('kelA', `${BASE}/reconciliation`)).statusCode).toBe(403);
    expect((await post('auditor', `${BASE}/reconciliation`)).statusCode).toBe(403);
    const response = await post('admin', `${BASE}/reconciliation`);
    expect(response.statusCode).toBe(202);
    expect(response.json()).toMatchObject({ kind: 'reconciliation.run', state: 'queued' });
    await t.services.jobs.runUntilIdle();
    const job = (await get('admin', `/api/jobs/${response.json().id}`)).json();
    expect(job).toMatchObject({ state: 'succeeded', result: { realisasi: { kpm: 5, paid: 3_875_000 } } });
    const audit = await db()
      .selectFrom('audit_log')
      .select(['action', 'entity_id', 'actor_username'])
      .where('action', '=', 'reconciliation.run')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(audit).toMatchObject({ entity_id: 'PKH/2026-T2', actor_username: 'rekon.admin' });
  });

  it('refuses a period without allocations (400 PERIOD_UNKNOWN) and an unknown programme', async () => {
    const unknown = await post('admin', '/api/programs/PKH/periods/2025-T1/reconciliation');
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.code).toBe('PERIOD_UNKNOWN');
    const program = await post('admin', '/api/programs/NOPE/periods/2026-T2/reconciliation');
    expect(program.json().error.code).toBe('PROGRAM_UNKNOWN');
    expect((await get('admin', '/api/programs/PKH/periods/2025-T1/reconciliation')).statusCode).toBe(404);
  });

  it('returns the stored summary to the admin and the auditor, and says when an import made it stale', async () => {
    const view = (await get('admin', `${BASE}/reconciliation`)).json();
    expect(view.state).toMatchObject({ status: 'OPEN', stale: false });
    expect(view.summary.realisasi).toEqual({ kpm: 5, paid: 3_875_000 });
    expect((await get('auditor', `${BASE}/reconciliation`)).json().summary).toEqual(view.summary);

    // Another period: a report arrives after the run, the stored result no longer tells the whole story.
    const T4 = '/api/programs/PKH/periods/2026-T4';
    const [late] = await buildAllocations(t.services, [{ scopeCode: KEL_A, amount: 750_000 }], {
      period: '2026-T4',
    });
    expect((await get('admin', `${T4}/reconciliation`)).json()).toMatchObject({
      state: { stale: true, reconciledAt: null },
      summary: null,
    });
    await t.services.reconciliation.run(admin, 'PKH', '2026-T4');
    expect((await get('admin', `${T4}/reconciliation`)).json().state.stale).toBe(false);
    await buildReport(t.services, [{ allocation: late!, amount: 750_000 }], { period: '2026-T4' });
    const stale = (await get('admin', `${T4}/reconciliation`)).json();
    expect(stale.state.stale).toBe(true);
    expect(stale.summary.byStatus.BELUM_ADA_LAPORAN.kpm).toBe(1);
    await t.services.reconciliation.run(admin, 'PKH', '2026-T4');
    const rerun = (await get('admin', `${T4}/reconciliation`)).json();
    expect(rerun.state.stale).toBe(false);
    expect(rerun.summary.byStatus.BELUM_ADA_LAPORAN.kpm).toBe(0);
    expect(rerun.summary.byStatus.TERSALUR).toEqual({ kpm: 1, allocated: 750_000, paid: 750_000 });
  });

  it('lists lines filtered by status and region, with masked NIK and paging', async () => {
    const gagal = (await get('admin', `${BASE}/reconciliation/lines?status=GAGAL_SALUR`)).json();
    expect(gagal.total).toBe(1);
    expect(gagal.items[0]).toMatchObject({
      allocationId: a.a4!.id,
      status: 'GAGAL_SALUR',
      failureReason: 'KPM meninggal dunia',
      amount: 600_000,
      regionCode: KEL_B,
    });
    expect(gagal.items[0].nik).not.toBe(a.a4!.nik);
    expect(gagal.items[0].nik).toMatch(/^\d{4}\*+\d{4}$/);
    const kelB = (await get('admin', `${BASE}/reconciliation/lines?regionCode=13.71.01.1002`)).json();
    expect(kelB.total).toBe(3);
    const kec = (
      await get('admin', `${BASE}/reconciliation/lines?regionCode=137101&pageSize=2&page=2`)
    ).json();
    expect(kec.total).toBe(6);
    expect(kec.items).toHaveLength(2);
  });

  it('lists the TIDAK_DIALOKASIKAN report lines separately', async () => {
    const list = (await get('admin', `${BASE}/reconciliation/unallocated`)).json();
    expect(list.total).toBe(2);
    expect(list.items.map((i: { amount: number; status: string }) => [i.status, i.amount]).sort()).toEqual([
      ['BERHASIL', 600_000],
      ['GAGAL', 600_000],
    ]);
    for (const item of list.items) expect(item.nik).not.toMatch(/^\d{16}$/);
  });

  it('shows one line with its report history (failure then success) and audits the view', async () => {
    const response = await get('kelA', `${BASE}/reconciliation/lines/${a.a5!.id}`);
    expect(response.statusCode).toBe(200);
    const line = response.json();
    expect(line.status).toBe('TERSALUR');
    expect(line.nik).toBe(a.a5!.nik); // operator_kelurahan may see the full NIK on a detail
    expect(line.disbursements.map((d: { status: string }) => d.status)).toEqual(['GAGAL', 'BERHASIL']);
    const audit = await db()
      .selectFrom('audit_log')
      .select(['action', 'entity_id'])
      .where('action', '=', 'reconciliation.line.view')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(audit.entity_id).toBe(String(a.a5!.id));
    expect((await get('auditor', `${BASE}/reconciliation/lines/${a.a5!.id}`)).json().nik).not.toBe(a.a5!.nik);
  });
});

describe('reconciliation within a region', () => {
  it('operator of another kelurahan sees no line and no money of other kelurahan', async () => {
    const lines = (await get('kelD', `${BASE}/reconciliation/lines`)).json();
    expect(lines.total).toBe(0);
    const unallocated = (await get('kelD', `${BASE}/reconciliation/unallocated`)).json();
    expect(unallocated.total).toBe(0);
    const view = (await get('kelD', `${BASE}/reconciliation`)).json();
    expect(view.summary.realisasi).toEqual({ kpm: 0, paid: 0 });
    expect(view.summary.byKecamatan).toEqual([]);
    expect(view.summary.unallocatedPaid).toBe(0);
    for (const totals of Object.values(view.summary.byStatus))
      expect(totals).toEqual({ kpm: 0, allocated: 0, paid: 0 });
  });

  it('operator of a kelurahan gets the same shape computed over their kelurahan only', async () => {
    const view = (await get('kelA', `${BASE}/reconciliation`)).json();
    // KEL_A: a1 TERSALUR 750.000, a2 GANDA 1.500.000, a5 TERSALUR 900.000.
    expect(view.summary.realisasi).toEqual({ kpm: 3, paid: 3_150_000 });
    expect(view.summary.byStatus.GANDA).toEqual({ kpm: 1, allocated: 750_000, paid: 1_500_000 });
    expect(view.summary.byStatus.SELISIH_NOMINAL.kpm).toBe(0);
    // Unallocated lines carry only the NIK's kecamatan: a kelurahan operator cannot see them.
    expect(view.summary.byStatus.TIDAK_DIALOKASIKAN).toEqual({ kpm: 0, allocated: 0, paid: 0 });
    expect(view.summary.byKecamatan.map((k: { code: string }) => k.code)).toEqual(['137101']);
    expect((await get('kelA', `${BASE}/reconciliation/lines`)).json().total).toBe(3);
    // A filter outside the scope never widens it.
    expect((await get('kelA', `${BASE}/reconciliation/lines?regionCode=${KEL_B}`)).json().total).toBe(0);
    expect((await get('kelA', `${BASE}/reconciliation/lines?regionCode=1371`)).json().total).toBe(3);
  });

  it('operator of a kecamatan sees the unallocated lines whose NIK was issued there', async () => {
    const list = (await get('kecA', `${BASE}/reconciliation/unallocated`)).json();
    expect(list.total).toBe(1);
    expect(list.items[0]).toMatchObject({ status: 'BERHASIL', amount: 600_000, kecamatanCode: '137101' });
    const view = (await get('kecA', `${BASE}/reconciliation`)).json();
    expect(view.summary.unallocatedPaid).toBe(600_000);
    expect(view.summary.realisasi.kpm).toBe(4); // a1, a2, a3 and a5
  });

  it('a line outside the reader’s region does not exist for them (404)', async () => {
    const response = await get('kelC', `${BASE}/reconciliation/lines/${a.a1!.id}`);
    expect(response.statusCode).toBe(404);
    expect(response.json().error.code).toBe('NOT_FOUND');
    expect((await get('kelC', `${BASE}/reconciliation/lines/${a.a7!.id}`)).statusCode).toBe(200);
    expect((await get('kelA', `${BASE}/reconciliation/lines/999999`)).statusCode).toBe(404);
  });

  it('logs every read by the auditor', async () => {
    const before = await db()
      .selectFrom('audit_log')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('action', '=', 'auditor.read')
      .executeTakeFirstOrThrow();
    await get('auditor', `${BASE}/reconciliation/lines`);
    const after = await db()
      .selectFrom('audit_log')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('action', '=', 'auditor.read')
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n) + 1);
  });
});
