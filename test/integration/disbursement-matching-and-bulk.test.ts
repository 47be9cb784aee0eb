import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDisbursementImportService } from '../../src/modules/disbursements/import-service';
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
 * Channel reports: which allocation a line pays, and large reports.
 *
 * Which allocation: on a report whose lines nearly all name an account, an account naming one
 * allocation decides even when the line's NIK names two; a line whose account names none is
 * settled by one NIK match, made ambiguous (rejected) by two, and left unallocated by none
 * (match-sql.ts, resolveFanOut in apply-sql.ts).
 *
 * Large: a report of 50,000 lines or more into a disbursement table no bigger than itself is
 * inserted with the table's indexes, primary key and foreign keys set aside and rebuilt after —
 * matched while read (the first report of its channel) or through the staging table: the table
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
       ORDER BY 1, 2`,
    ),
  );
  return rows;
};

describe('channel report import: a large report', () => {
  it.each([
    // The first report of its channel: matched while read, straight into disbursement.
    ['matched while read', '2024-T1', undefined],
    // The same through the staging table (the way a later report of the channel goes).
    ['staged', '2024-T2', Number.POSITIVE_INFINITY],
  ])(
    'rebuilds the primary key, indexes and foreign keys it set aside, and keeps every line once (%s)',
    async (_way, period, directMinRows) => {
      const nik = reportNik(DESA);
      const [allocationId] = await seedAllocations(
        t.services.database.db,
        [{ nik, amount: 750000, scopeCode: DESA, account: '5550001' }],
        { period },
      );
      // One line pays the allocation; 60,000 more name an account no allocation has.
      const rows = [reportLine({ NIK: nik })];
      for (let i = 0; i < 60_000; i++) rows.push(reportLine({ NO_REKENING: String(900_000_000 + i) }));
      const file = writeReportCsv(dir, `laporan-besar-${period}.csv`, rows);
      const before = await structure();
      expect(before.map((r) => r.name)).toContain('disbursement_pkey');
      const stored = await t.services.database.db
        .selectFrom('disbursement')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      // Bulk mode needs a table no bigger than the report.
      expect(Number(stored.n)).toBeLessThanOrEqual(60_001);

      const service = createDisbursementImportService({ ...t.services, directMinRows });
      const summary = await service.importReport(admin, {
        program: 'PKH',
        period,
        channel: 'BRI',
        filePath: file,
      });
      expect(summary).toMatchObject({ accepted: 60_001, matched: 1, unallocated: 60_000, bulkInsert: true });
      expect(summary.timingsMs.keys !== undefined).toBe(directMinRows === undefined);
      expect(await structure()).toEqual(before);
      const lines = await t.services.database.db
        .selectFrom('disbursement')
        .select((eb) => [
          eb.fn.countAll<number>().as('lines'),
          eb.fn.count<number>('id').distinct().as('ids'),
        ])
        .where('report_id', '=', summary.reportId)
        .executeTakeFirstOrThrow();
      expect(Number(lines.lines)).toBe(60_001);
      expect(Number(lines.ids)).toBe(60_001);
      const paid = await t.services.database.db
        .selectFrom('disbursement')
        .select(['line', 'allocation_id'])
        .where('report_id', '=', summary.reportId)
        .where('allocation_id', 'is not', null)
        .execute();
      expect(paid).toEqual([{ line: 2, allocation_id: allocationId }]);
    },
    120_000,
  );
});

describe('channel report matching', () => {
  it('lets a unique account decide, else a unique NIK; two NIK matches reject the line', async () => {
    const period = '2023-T1';
    const paidByAccount = Array.from({ length: 40 }, (_, i) => ({
      nik: reportNik(DESA),
      amount: 750000,
      scopeCode: DESA,
      account: `77000${String(i).padStart(3, '0')}`,
    }));
    const byNik = reportNik(DESA); // one allocation, no account on it
    const twice = reportNik(DESA); // two allocations: ambiguous by NIK
    const ids = await seedAllocations(
      t.services.database.db,
      [
        ...paidByAccount,
        { nik: byNik, amount: 750000, scopeCode: '1371031002', channel: 'POS' },
        { nik: twice, amount: 750000, scopeCode: DESA },
        { nik: twice, amount: 750000, scopeCode: DESA },
      ],
      { period },
    );
    const rows = paidByAccount.map((a, i) =>
      // The first line's NIK names the two allocations of `twice`: its account decides.
      reportLine({ NIK: i === 0 ? twice : a.nik, NO_REKENING: a.account }),
    );
    rows.push(reportLine({ NIK: byNik, NO_REKENING: '99999999' })); // unknown account, known NIK
    rows.push(reportLine({ NIK: twice })); // no account, NIK names two allocations
    rows.push(reportLine({ NIK: reportNik(DESA), NO_REKENING: '88888888' })); // nothing matches
    const file = writeReportCsv(dir, 'laporan-rekening.csv', rows);

    const summary = await t.services.disbursementImport.importReport(admin, {
      program: 'PKH',
      period,
      channel: 'BRI',
      filePath: file,
    });
    expect(summary).toMatchObject({ accepted: 42, rejected: 1, matched: 41, unallocated: 1 });
    expect(summary.rejectedByReason).toEqual({ MATCHES_TWO_ALLOCATIONS: 1 });
    // The allocation found by NIK is PT Pos's: matched all the same, with a warning. The first
    // line's account found an allocation whose NIK is not the line's: a warning too.
    expect(summary.warningsByReason).toEqual({ CHANNEL_DIFFERS: 1, NIK_DIFFERS: 1 });
    const lines = await t.services.database.db
      .selectFrom('disbursement')
      .select(['line', 'allocation_id', 'scope_code'])
      .where('report_id', '=', summary.reportId)
      .orderBy('line')
      .execute();
    expect(lines).toEqual([
      ...ids.slice(0, 40).map((id, i) => ({ line: i + 2, allocation_id: id, scope_code: DESA })),
      { line: 42, allocation_id: ids[40], scope_code: '1371031002' },
      { line: 44, allocation_id: null, scope_code: DESA.slice(0, 6) },
    ]);
    const rejected = await t.services.database.db
      .selectFrom('disbursement_report_rejection')
      .select(['line', 'reasons'])
      .where('report_id', '=', summary.reportId)
      .execute();
    expect(rejected).toEqual([{ line: 43, reasons: ['MATCHES_TWO_ALLOCATIONS'] }]);
    // The report row counts what was stored and rejected once matching knew it.
    const report = await t.services.database.db
      .selectFrom('disbursement_report')
      .select(['rows_read', 'accepted', 'rejected'])
      .where('id', '=', summary.reportId)
      .executeTakeFirstOrThrow();
    expect(report).toEqual({ rows_read: 43, accepted: 42, rejected: 1 });
  });
});
