import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../src/db/types';
import { openPeriodForAllocation, requireExistingPeriod } from '../../src/modules/programs/period-rules';
import { SYSTEM_ACTOR } from '../../src/platform/auth/actor';
import { createTestApp, type LoggedIn, login, type TestApp } from '../support/app';
import { type BuiltAllocation, buildAllocations, buildReport } from '../support/distribution-factories';
import { buildHousehold, buildUser, PASSWORD } from '../support/factories';

const KEL_A = '1371011001';
const KEL_C = '1371111001';
const admin = { ...SYSTEM_ACTOR, username: 'uji', regionCode: '1371' };

let t: TestApp;
const sessions: Partial<Record<string, LoggedIn>> = {};

const get = (key: string, url: string) =>
  t.app.inject({ method: 'GET', url, headers: sessions[key]!.headers });
const post = (key: string, url: string, payload?: unknown) =>
  t.app.inject({ method: 'POST', url, headers: sessions[key]!.headers, ...(payload ? { payload } : {}) });
const db = () => t.services.database.db;
const base = (period: string) => `/api/programs/PKH/periods/${period}`;

/** A period with a paid line, a failed one and one unreported, in its own tahap. */
async function periodWithData(period: string) {
  const household = await buildHousehold(t.services, KEL_A);
  const [paid, failed, silent] = (await buildAllocations(
    t.services,
    [
      { scopeCode: KEL_A, amount: 750_000, householdId: household.id, nik: household.headNik },
      { scopeCode: KEL_A, amount: 600_000 },
      { scopeCode: KEL_C, amount: 300_000 },
    ],
    { period },
  )) as [BuiltAllocation, BuiltAllocation, BuiltAllocation];
  await buildReport(
    t.services,
    [
      { allocation: paid, amount: 750_000 },
      { allocation: failed, amount: 600_000, status: 'GAGAL', reason: 'Data tidak padan Dukcapil' },
    ],
    { period },
  );
  return { household, paid, failed, silent };
}

const snapshotLines = (period: string) =>
  db()
    .selectFrom('reconciliation_line as r')
    .innerJoin('allocation as a', 'a.id', 'r.allocation_id')
    .select(['r.allocation_id', 'r.status', 'r.paid_amount', 'a.scope_code', 'a.name', 'a.nik'])
    .where('r.period', '=', period)
    .orderBy('r.allocation_id')
    .execute();

beforeAll(async () => {
  t = await createTestApp();
  let ip = 1;
  const users: Array<[string, Role, string]> = [
    ['admin', 'admin_dinsos', '1371'],
    ['auditor', 'auditor', '1371'],
    ['kec', 'operator_kecamatan', '137101'],
  ];
  for (const [key, role, region] of users) {
    await buildUser(t.services, role, region, `final.${key}`);
    sessions[key] = await login(t.app, `final.${key}`, PASSWORD, `10.41.0.${ip++}`);
  }
});
afterAll(async () => {
  await t.dispose();
});

describe('finalising a period', () => {
  it('is for the admin only: operator and auditor get 403', async () => {
    await periodWithData('2026-T1');
    expect((await post('kec', `${base('2026-T1')}/finalise`)).statusCode).toBe(403);
    expect((await post('auditor', `${base('2026-T1')}/finalise`)).statusCode).toBe(403);
    const state = await db()
      .selectFrom('program_period')
      .select('status')
      .where('period', '=', '2026-T1')
      .executeTakeFirstOrThrow();
    expect(state.status).toBe('OPEN');
  });

  it('reconciles in the same transaction, freezes the period and is audited', async () => {
    const { paid } = await periodWithData('2026-T2');
    const response = await post('admin', `${base('2026-T2')}/finalise`);
    expect(response.statusCode).toBe(200);
    const view = response.json();
    expect(view.state).toMatchObject({ status: 'FINAL', finalisedBy: 'final.admin', stale: false });
    expect(view.state.finalisedAt).toBeTruthy();
    expect(view.summary.byStatus).toMatchObject({
      TERSALUR: { kpm: 1, allocated: 750_000, paid: 750_000 },
      GAGAL_SALUR: { kpm: 1, allocated: 600_000, paid: 0 },
      BELUM_ADA_LAPORAN: { kpm: 1, allocated: 300_000, paid: 0 },
    });
    const line = await db()
      .selectFrom('reconciliation_line')
      .select('status')
      .where('allocation_id', '=', paid.id)
      .executeTakeFirstOrThrow();
    expect(line.status).toBe('TERSALUR');
    const audit = await db()
      .selectFrom('audit_log')
      .select(['actor_username', 'entity_id', 'before', 'after', 'details'])
      .where('action', '=', 'period.finalise')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(audit).toMatchObject({
      actor_username: 'final.admin',
      entity_id: 'PKH/2026-T2',
      before: { status: 'OPEN' },
      after: { status: 'FINAL' },
      details: { realisasi: { kpm: 1, paid: 750_000 } },
    });
  });

  it('refuses imports, runs and a second finalisation of a final period (409 PERIOD_FINAL)', async () => {
    const tries = [
      () => t.services.database.transaction((tx) => openPeriodForAllocation(tx.db, 'PKH', '2026-T2')),
      () =>
        t.services.database.transaction((tx) =>
          requireExistingPeriod(tx.db, 'PKH', '2026-T2', { open: true }),
        ),
      () => t.services.reconciliation.run(admin, 'PKH', '2026-T2'),
      () => t.services.reconciliation.finalise(admin, 'PKH', '2026-T2'),
    ];
    for (const attempt of tries)
      await expect(attempt()).rejects.toMatchObject({ code: 'PERIOD_FINAL', status: 409 });
    const run = await post('admin', `${base('2026-T2')}/reconciliation`);
    expect(run.statusCode).toBe(409);
    expect(run.json().error.code).toBe('PERIOD_FINAL');
    expect((await post('admin', `${base('2026-T2')}/finalise`)).json().error.code).toBe('PERIOD_FINAL');
  });

  it('keeps its results when the registry changes afterwards', async () => {
    const before = await snapshotLines('2026-T2');
    const summaryBefore = (await get('admin', `${base('2026-T2')}/reconciliation`)).json();
    const allocation = await db()
      .selectFrom('allocation')
      .select('household_id')
      .where('period', '=', '2026-T2')
      .where('household_id', 'is not', null)
      .executeTakeFirstOrThrow();
    // The family moves to another kecamatan and the head's name is corrected in the registry.
    await db()
      .updateTable('household')
      .set({ region_code: KEL_C })
      .where('id', '=', allocation.household_id!)
      .execute();
    await db()
      .updateTable('person')
      .set({ region_code: KEL_C, name: 'Nama Baru' })
      .where('household_id', '=', allocation.household_id!)
      .execute();
    expect(await snapshotLines('2026-T2')).toEqual(before);
    const summaryAfter = (await get('admin', `${base('2026-T2')}/reconciliation`)).json();
    expect(summaryAfter).toEqual(summaryBefore);
    const kec = (await get('kec', `${base('2026-T2')}/reconciliation`)).json();
    expect(kec.summary.realisasi).toEqual({ kpm: 1, paid: 750_000 });
  });
});

describe('reopening a period', () => {
  it('requires the admin and a reason of at least 10 characters', async () => {
    expect(
      (await post('kec', `${base('2026-T2')}/reopen`, { reason: 'Laporan BRI susulan diterima' })).statusCode,
    ).toBe(403);
    for (const payload of [{}, { reason: '' }, { reason: 'salah    ' }]) {
      const response = await post('admin', `${base('2026-T2')}/reopen`, payload);
      expect(response.statusCode).toBe(400);
      expect(response.json().error.code).toBe('REASON_REQUIRED');
    }
    const state = await db()
      .selectFrom('program_period')
      .select('status')
      .where('period', '=', '2026-T2')
      .executeTakeFirstOrThrow();
    expect(state.status).toBe('FINAL');
  });

  it('opens the period again with the reason in the audit log, then imports and runs are allowed', async () => {
    const reason = 'Laporan susulan PT Pos tahap II diterima setelah finalisasi';
    const response = await post('admin', `${base('2026-T2')}/reopen`, { reason });
    expect(response.statusCode).toBe(200);
    expect(response.json().state).toMatchObject({ status: 'OPEN', finalisedAt: null, finalisedBy: null });
    const audit = await db()
      .selectFrom('audit_log')
      .select(['actor_username', 'entity_id', 'before', 'after', 'details'])
      .where('action', '=', 'period.reopen')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(audit).toMatchObject({
      actor_username: 'final.admin',
      entity_id: 'PKH/2026-T2',
      before: { status: 'FINAL' },
      after: { status: 'OPEN' },
      details: { reason },
    });
    // With the totals that were frozen, as finalising recorded them.
    expect(audit.details).toHaveProperty('byStatus');
    expect(audit.details).toHaveProperty('realisasi.kpm');
    await t.services.database.transaction((tx) => openPeriodForAllocation(tx.db, 'PKH', '2026-T2'));
    const run = await post('admin', `${base('2026-T2')}/reconciliation`);
    expect(run.statusCode).toBe(202);
    await t.services.jobs.runUntilIdle();
  });

  it('refuses to reopen a period that is not final (409 PERIOD_NOT_FINAL)', async () => {
    const response = await post('admin', `${base('2026-T2')}/reopen`, {
      reason: 'Tidak ada yang perlu dibuka',
    });
    expect(response.statusCode).toBe(409);
    expect(response.json().error.code).toBe('PERIOD_NOT_FINAL');
  });
});
