import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../src/platform/auth/actor';
import { createTestApp, type LoggedIn, login, type TestApp } from '../support/app';
import {
  finalisePeriod,
  reportLine,
  reportNik,
  seedAllocations,
  tempDir,
  writeReportCsv,
} from '../support/disbursement-factories';
import { buildUser, PASSWORD } from '../support/factories';

const DESA = '1371031001';
let t: TestApp;
let dir: string;
let admin: LoggedIn;
let operator: LoggedIn;
const db = () => t.services.database.db;

beforeAll(async () => {
  t = await createTestApp();
  dir = tempDir();
  await buildUser(t.services, 'admin_dinsos', '1371', 'hapus.admin');
  await buildUser(t.services, 'operator_kelurahan', DESA, 'hapus.kel');
  admin = await login(t.app, 'hapus.admin', PASSWORD, '10.61.0.1');
  operator = await login(t.app, 'hapus.kel', PASSWORD, '10.61.0.2');
});
afterAll(async () => {
  await t.dispose();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Seeds one import of two lines into the period; returns its id. */
async function seedImport(period: string) {
  const [first] = await seedAllocations(
    db(),
    [reportNik(DESA), reportNik(DESA)].map((nik) => ({ nik, amount: 750_000, scopeCode: DESA })),
    { period },
  );
  const line = await db()
    .selectFrom('allocation')
    .select('import_id')
    .where('id', '=', first!)
    .executeTakeFirstOrThrow();
  return Number(line.import_id);
}

const remove = (importId: number, reason: string, session = admin) =>
  t.app.inject({
    method: 'POST',
    url: `/api/allocation-imports/${importId}/remove`,
    headers: session.headers,
    payload: { reason },
  });

describe('removing an allocation import made by mistake', () => {
  it('removes its lines and the import, says what went, and audits it with the reason', async () => {
    const kept = await seedImport('2024-T1');
    const wrong = await seedImport('2024-T1');
    await t.services.reconciliation.run({ ...SYSTEM_ACTOR, regionCode: '1371' }, 'PKH', '2024-T1');
    const response = await remove(wrong, 'Berkas tahap III terimpor ke tahap I');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      importId: wrong,
      program: 'PKH',
      period: '2024-T1',
      lines: 2,
      amount: 1_500_000,
    });
    const left = await db()
      .selectFrom('allocation')
      .select('import_id')
      .where('period', '=', '2024-T1')
      .execute();
    expect(left.map((l) => Number(l.import_id))).toEqual([kept, kept]);
    expect(await db().selectFrom('allocation_import').select('id').where('id', '=', wrong).execute()).toEqual(
      [],
    );
    const entry = await db()
      .selectFrom('audit_log')
      .select(['action', 'details', 'before'])
      .where('action', '=', 'allocation.import.remove')
      .where('entity_id', '=', String(wrong))
      .executeTakeFirstOrThrow();
    expect(entry.details).toEqual({ reason: 'Berkas tahap III terimpor ke tahap I' });
    expect(entry.before).toMatchObject({ lines: 2, amount: 1_500_000 });
    // The period's stored reconciliation counted the removed lines: it must be run again.
    const state = await db()
      .selectFrom('program_period')
      .select(['reconciled_at', 'summary'])
      .where('program_code', '=', 'PKH')
      .where('period', '=', '2024-T1')
      .executeTakeFirstOrThrow();
    expect(state).toEqual({ reconciled_at: null, summary: null });
  });

  it('needs a reason, the admin, an existing import and an open period', async () => {
    const id = await seedImport('2024-T2');
    expect((await remove(id, 'salah')).json().error.code).toBe('REASON_REQUIRED');
    const refused = await remove(id, 'Bukan wewenang operator', operator);
    expect(refused.statusCode).toBe(403);
    expect((await remove(999_999, 'Nomor impor tidak ada')).statusCode).toBe(404);
    await finalisePeriod(db(), 'PKH', '2024-T2');
    const final = await remove(id, 'Periode sudah final, tetap dicoba');
    expect([final.statusCode, final.json().error.code]).toEqual([409, 'PERIOD_FINAL']);
    expect(
      await db().selectFrom('allocation').select('id').where('import_id', '=', id).execute(),
    ).toHaveLength(2);
  });

  it('refuses once a channel report line has been matched to one of its lines', async () => {
    const nik = reportNik(DESA);
    await seedAllocations(db(), [{ nik, amount: 750_000, scopeCode: DESA }], { period: '2024-T3' });
    const line = await db()
      .selectFrom('allocation')
      .select('import_id')
      .where('nik', '=', nik)
      .where('period', '=', '2024-T3')
      .executeTakeFirstOrThrow();
    const file = writeReportCsv(dir, 'laporan-hapus.csv', [reportLine({ NIK: nik })]);
    await t.services.disbursementImport.importReport(
      { ...SYSTEM_ACTOR, regionCode: '1371' },
      { program: 'PKH', period: '2024-T3', channel: 'BRI', filePath: file },
    );
    const response = await remove(Number(line.import_id), 'Dicoba setelah laporan masuk');
    expect([response.statusCode, response.json().error.code]).toEqual([
      409,
      'ALLOCATION_IMPORT_HAS_REPORT_LINES',
    ]);
    expect(response.json().error.details).toMatchObject({ reportLines: 1 });
  });
});
