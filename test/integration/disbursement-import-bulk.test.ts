import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../src/platform/auth/actor';
import { createTestApp, type TestApp } from '../support/app';
import {
  reportLine,
  reportNik,
  seedAllocations,
  tempDir,
  writeReportCsv,
} from '../support/disbursement-factories';

/**
 * A report of 50,000 lines or more into a disbursement table no bigger than itself is inserted
 * with the table's indexes, primary key and foreign keys set aside and rebuilt after: the table
 * must come out exactly as migrations made it, and every line must be there once.
 */

const DESA = '1371031001';
let t: TestApp;
let dir: string;
const admin = { ...SYSTEM_ACTOR, username: 'admin.uji', regionCode: '1371' };

beforeAll(async () => {
  dir = tempDir();
  t = await createTestApp();
});
afterAll(async () => {
  await t.dispose();
  fs.rmSync(dir, { recursive: true, force: true });
});

const structure = async () => {
  const { rows } = await t.services.database.withConnection((raw) =>
    raw.query<{ name: string; definition: string }>(
      `SELECT indexname AS name, indexdef AS definition FROM pg_indexes WHERE tablename = 'disbursement'
       UNION ALL SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid = 'disbursement'::regclass
       ORDER BY 1`,
    ),
  );
  return rows;
};

describe('channel report import: a large report', () => {
  it('rebuilds the primary key, indexes and foreign keys it set aside, and keeps every line once', async () => {
    const nik = reportNik(DESA);
    const [allocationId] = await seedAllocations(
      t.services.database.db,
      [{ nik, amount: 750000, scopeCode: DESA, account: '5550001' }],
      { period: '2024-T1' },
    );
    // One line pays the allocation; 60,000 more name an account no allocation has.
    const rows = [reportLine({ NIK: nik })];
    for (let i = 0; i < 60_000; i++) rows.push(reportLine({ NO_REKENING: String(900_000_000 + i) }));
    const file = writeReportCsv(dir, 'laporan-besar.csv', rows);
    const before = await structure();
    expect(before.map((r) => r.name)).toContain('disbursement_pkey');

    const summary = await t.services.disbursementImport.importReport(admin, {
      program: 'PKH',
      period: '2024-T1',
      channel: 'BRI',
      filePath: file,
    });
    expect(summary).toMatchObject({ accepted: 60_001, matched: 1, unallocated: 60_000, bulkInsert: true });
    expect(await structure()).toEqual(before);
    const stored = await t.services.database.db
      .selectFrom('disbursement')
      .select((eb) => [eb.fn.countAll<number>().as('lines'), eb.fn.count<number>('id').distinct().as('ids')])
      .where('report_id', '=', summary.reportId)
      .executeTakeFirstOrThrow();
    expect(Number(stored.lines)).toBe(60_001);
    expect(Number(stored.ids)).toBe(60_001);
    const paid = await t.services.database.db
      .selectFrom('disbursement')
      .select(['line', 'allocation_id'])
      .where('report_id', '=', summary.reportId)
      .where('allocation_id', 'is not', null)
      .execute();
    expect(paid).toEqual([{ line: 2, allocation_id: allocationId }]);
  }, 120_000);
});
