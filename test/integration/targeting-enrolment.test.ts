import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../src/db/types';
import { createTestApp, type LoggedIn, login, type TestApp } from '../support/app';
import { buildUser, PASSWORD } from '../support/factories';
import {
  buildFamily,
  type Family,
  insertAllocation,
  insertImport,
  insertLocalProgram,
} from '../support/targeting-factories';

const KEL_A = '1371011001';
const KEL_B = '1371011002';
const LOCAL = 'SEMBAKO_DAERAH';

let t: TestApp;
const sessions: Partial<Record<string, LoggedIn>> = {};
const db = () => t.services.database.db;
const fam: Record<string, Family> = {};

const enrol = (key: string, period: string, body: Record<string, unknown>, local = LOCAL) =>
  t.app.inject({
    method: 'POST',
    url: `/api/programs/${local}/periods/${period}/enrolments`,
    headers: sessions[key]!.headers,
    payload: { fromProgram: 'SEMBAKO', fromPeriod: '2026-03', ...body },
  });
const count = async (table: 'allocation' | 'allocation_import' | 'program_period', program = LOCAL) =>
  Number(
    (
      await db()
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('program_code', '=', program)
        .executeTakeFirstOrThrow()
    ).n,
  );

beforeAll(async () => {
  t = await createTestApp();
  const users: Array<[string, Role, string]> = [
    ['admin', 'admin_dinsos', '1371'],
    ['kec', 'operator_kecamatan', '137101'],
  ];
  let ip = 1;
  for (const [key, role, region] of users) {
    await buildUser(t.services, role, region, `enr.${key}`);
    sessions[key] = await login(t.app, `enr.${key}`, PASSWORD, `10.41.0.${ip++}`);
  }
  const d = db();
  const adults = (n: number) =>
    Array.from({ length: n }, (_, i) => ({ birthDate: `19${80 + i}-01-0${1 + i}` }));
  // Priority: lowest desil, then most living members, then KK.
  fam.d1big = await buildFamily(d, KEL_B, { desil: 1, members: adults(4) });
  fam.d1small = await buildFamily(d, KEL_A, { desil: 1, members: adults(2) });
  fam.d2 = await buildFamily(d, KEL_A, { desil: 2, members: adults(5) });
  fam.d3 = await buildFamily(d, KEL_A, { desil: 3 });
  // A head who died: the first living adult represents the family.
  fam.widow = await buildFamily(d, KEL_B, {
    desil: 4,
    members: [
      { status: 'MENINGGAL' },
      { relationship: 'ANAK', birthDate: '2015-01-01' },
      { relationship: 'ISTRI', sex: 'P', birthDate: '1983-02-02' },
    ],
  });
  // Already covered by central Sembako: not on the exclusion list.
  fam.central = await buildFamily(d, KEL_A, { desil: 1 });
  const sembako = await insertImport(d, 'SEMBAKO', '2026-03');
  await insertAllocation(d, sembako, 'SEMBAKO', '2026-03', {
    nik: fam.central.members[0]!.nik,
    family: fam.central,
  });

  // The local programme: Rp1.000.000 budget, Rp300.000 per KPM, Rp200.000 already spent in February.
  await insertLocalProgram(d, LOCAL, 1_000_000, 300_000);
  const feb = await insertImport(d, LOCAL, '2026-02');
  const other = await buildFamily(d, KEL_A, { desil: 9 });
  await insertAllocation(d, feb, LOCAL, '2026-02', {
    nik: other.members[0]!.nik,
    family: other,
    amount: 200_000,
  });
  await insertLocalProgram(d, 'DAERAH_HABIS', 100_000, 300_000);
  await insertImport(d, LOCAL, '2026-06', 'FINAL');
});

afterAll(async () => {
  await t?.dispose();
});

describe('enrolment into a local programme', () => {
  it('previews within the remaining budget, by priority, writing nothing', async () => {
    const before = [
      await count('allocation'),
      await count('allocation_import'),
      await count('program_period'),
    ];
    const auditBefore = await db().selectFrom('audit_log').select('id').execute();
    const response = await enrol('admin', '2026-03', { dryRun: true });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body).toMatchObject({
      dryRun: true,
      importId: null,
      used: 200_000,
      remainingBefore: 800_000,
      candidates: 5,
      alreadyEnrolled: 0,
      enrolled: 2,
      notFunded: 3,
      total: 600_000,
      remainingAfter: 200_000,
      channel: 'POS',
      alsoReceiving: [],
    });
    expect(body.families.map((f: { householdId: number }) => f.householdId)).toEqual([
      fam.d1big!.id,
      fam.d1small!.id,
      fam.d2!.id,
      fam.d3!.id,
      fam.widow!.id,
    ]);
    expect([
      await count('allocation'),
      await count('allocation_import'),
      await count('program_period'),
    ]).toEqual(before);
    expect((await db().selectFrom('audit_log').select('id').execute()).length).toBe(auditBefore.length);
  });

  it('commits the families that fit: one import, lines with the head NIK and the village, audited', async () => {
    const response = await enrol('admin', '2026-03', { dryRun: false, channel: 'bank bri' });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body).toMatchObject({
      dryRun: false,
      enrolled: 2,
      total: 600_000,
      remainingAfter: 200_000,
      channel: 'BRI',
    });
    const lines = await db()
      .selectFrom('allocation')
      .selectAll()
      .where('program_code', '=', LOCAL)
      .where('period', '=', '2026-03')
      .orderBy('line')
      .execute();
    expect(lines.map((l) => [l.household_id, l.nik, l.scope_code, l.amount, l.channel, l.line])).toEqual([
      [fam.d1big!.id, fam.d1big!.members[0]!.nik, KEL_B, 300_000, 'BRI', 1],
      [fam.d1small!.id, fam.d1small!.members[0]!.nik, KEL_A, 300_000, 'BRI', 2],
    ]);
    const imports = await db()
      .selectFrom('allocation_import')
      .selectAll()
      .where('id', '=', body.importId)
      .execute();
    expect(imports[0]).toMatchObject({ source: 'LOCAL_ENROLMENT', accepted: 2, program_code: LOCAL });
    const audit = await db()
      .selectFrom('audit_log')
      .select(['action', 'entity_id'])
      .where('action', '=', 'allocation.enrol')
      .execute();
    expect(audit).toEqual([{ action: 'allocation.enrol', entity_id: String(body.importId) }]);
  });

  it('skips families already enrolled and refuses when the budget cannot pay one more', async () => {
    const preview = (await enrol('admin', '2026-03', { dryRun: true })).json();
    expect(preview).toMatchObject({ alreadyEnrolled: 2, enrolled: 0, remainingBefore: 200_000 });
    const refused = await enrol('admin', '2026-03', { dryRun: false });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('BUDGET_EXHAUSTED');
    expect(await count('allocation')).toBe(3);
  });

  it('picks the first living adult when the head has died', async () => {
    const body = (await enrol('admin', '2026-04', { dryRun: true })).json();
    const widow = body.families.find((f: { householdId: number }) => f.householdId === fam.widow!.id);
    expect(widow.headName).toBe(fam.widow!.members[2]!.name);
  });

  it('refuses a finalised period, even for a preview', async () => {
    for (const dryRun of [true, false]) {
      const response = await enrol('admin', '2026-06', { dryRun });
      expect(response.statusCode).toBe(409);
      expect(response.json().error.code).toBe('PERIOD_FINAL');
    }
  });

  it('refuses a programme that is not local, a bad channel, and a non-admin', async () => {
    const central = await enrol('admin', '2026-03', { dryRun: true }, 'SEMBAKO');
    expect(central.json().error.code).toBe('PROGRAM_NOT_LOCAL');
    const channel = await enrol('admin', '2026-03', { dryRun: true, channel: 'GIRO' });
    expect(channel.json().error.code).toBe('CHANNEL_UNKNOWN');
    const operator = await enrol('kec', '2026-03', { dryRun: true });
    expect(operator.statusCode).toBe(403);
    const empty = await enrol('admin', '2026-03', { dryRun: false }, 'DAERAH_HABIS');
    expect(empty.statusCode).toBe(409);
    expect(empty.json().error.code).toBe('BUDGET_EXHAUSTED');
    expect(await count('program_period', 'DAERAH_HABIS')).toBe(0);
  });

  it('enrols only families receiving the required programme when asked', async () => {
    const pkh = await insertImport(db(), 'PKH', '2026-T1');
    await insertAllocation(db(), pkh, 'PKH', '2026-T1', { nik: fam.d3!.members[0]!.nik, family: fam.d3 });
    const body = (
      await enrol('admin', '2026-05', { dryRun: true, requireProgram: 'PKH', requirePeriod: '2026-T1' })
    ).json();
    expect(body.candidates).toBe(1);
    expect(body.families.map((f: { householdId: number }) => f.householdId)).toEqual([fam.d3!.id]);
  });

  it('shows in the preview how many of the families another programme already pays (its two latest periods)', async () => {
    // Enrolling from the wrong list: central Sembako's May allocation covers d1big and d2.
    const may = await insertImport(db(), 'SEMBAKO', '2026-05');
    for (const f of [fam.d1big!, fam.d2!])
      await insertAllocation(db(), may, 'SEMBAKO', '2026-05', { nik: f.members[0]!.nik, family: f });
    await insertLocalProgram(db(), 'DAERAH_LUAS', 10_000_000, 300_000);
    // June's central allocation has only a first file (none of these families): May still counts.
    const june = await insertImport(db(), 'SEMBAKO', '2026-06');
    await insertAllocation(db(), june, 'SEMBAKO', '2026-06', {
      nik: fam.central!.members[0]!.nik,
      family: fam.central!,
    });
    const body = (await enrol('admin', '2026-07', { dryRun: true }, 'DAERAH_LUAS')).json();
    expect(body.enrolled).toBeGreaterThan(0);
    expect(body.alsoReceiving).toEqual(
      expect.arrayContaining([{ program: 'SEMBAKO', period: '2026-05', families: expect.any(Number) }]),
    );
    expect(body.alsoReceiving.find((r: { program: string }) => r.program === 'SEMBAKO').families).toBe(
      body.families
        .slice(0, body.enrolled)
        .filter((f: { householdId: number }) => [fam.d1big!.id, fam.d2!.id].includes(f.householdId)).length,
    );
  });
});
