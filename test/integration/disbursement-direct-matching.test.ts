import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDisbursementImportService } from '../../src/modules/disbursements/import-service';
import { SYSTEM_ACTOR } from '../../src/platform/auth/actor';
import { createTestApp, type TestApp } from '../support/app';
import {
  type AllocationLine,
  type ReportRow,
  reportLine,
  reportNik,
  seedAllocations,
  tempDir,
  writeReportCsv,
} from '../support/disbursement-factories';

/**
 * A large first report of a channel is matched while it is read and written straight into
 * `disbursement` (direct-import.ts); every other report goes through the staging table and the
 * matching joins (match-sql.ts). Both must store the same lines, reject the same lines with the
 * same reasons and original cells, and summarise the same counts. The same report is imported
 * into three periods holding the same allocations: staged, direct in this thread, and direct in
 * a worker thread; everything but the period and the ids is compared.
 */

const DESA = '1371031001';
const OTHER_DESA = '1371111001';
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

/** Allocations and a report covering every way a line can match, or not. */
function scenario() {
  const nik = () => reportNik(DESA);
  const one = nik(); // one allocation, account 100001
  const twiceNik = nik(); // two allocations share this NIK
  const sharedAccount = '200002'; // two allocations share this account
  const sharedA = nik();
  const sharedB = nik();
  const byNikOnly = nik(); // one allocation without account, paid by POS
  const otherDesa = reportNik(OTHER_DESA);
  const letters = nik();
  const long = nik();
  const zeros = nik();
  const oddAccount = nik();
  const allocations: AllocationLine[] = [
    { nik: one, amount: 750000, scopeCode: DESA, account: '100001' },
    { nik: twiceNik, amount: 750000, scopeCode: DESA, account: '300003' },
    { nik: twiceNik, amount: 500000, scopeCode: DESA },
    { nik: sharedA, amount: 750000, scopeCode: DESA, account: sharedAccount },
    { nik: sharedB, amount: 750000, scopeCode: OTHER_DESA, account: sharedAccount },
    { nik: byNikOnly, amount: 600000, scopeCode: OTHER_DESA, channel: 'POS' },
    { nik: otherDesa, amount: 750000, scopeCode: OTHER_DESA, account: '0400004' },
    { nik: letters, amount: 750000, scopeCode: DESA, account: 'KKS9001A' },
    { nik: long, amount: 750000, scopeCode: DESA, account: '12345678901234567890' },
    { nik: zeros, amount: 750000, scopeCode: DESA, account: '00500005' },
    // An account no report can name (reports read letters and digits only), with a tab and a
    // backslash that the keys' COPY text must escape.
    { nik: oddAccount, amount: 750000, scopeCode: OTHER_DESA, account: 'AB#1\t2\\', channel: 'BNI' },
  ];
  const unknownNik = reportNik(OTHER_DESA); // allocated nowhere
  const report: ReportRow[] = [
    reportLine({ NIK: one, NO_REKENING: '100001' }), // account, unique
    reportLine({ NIK: twiceNik, NO_REKENING: '300003' }), // account decides over a NIK naming two
    reportLine({ NIK: sharedB, NO_REKENING: sharedAccount }), // account names two: the NIK decides
    reportLine({ NO_REKENING: sharedAccount }), // account names two, no NIK: rejected
    reportLine({ NIK: twiceNik, NO_REKENING: sharedAccount }), // both name two: rejected
    reportLine({ NIK: twiceNik }), // the NIK names two: rejected
    reportLine({ NIK: byNikOnly, NO_REKENING: '999999' }), // unknown account, the NIK decides (POS)
    reportLine({ NIK: byNikOnly, STATUS: 'GAGAL SALUR', KETERANGAN: 'Rekening pasif' }),
    reportLine({ NIK: unknownNik }), // nothing: unallocated, scoped to the NIK's kecamatan
    reportLine({ NIK: '1371033208790001' }), // 16 digits, no such date: kept, NIK_INVALID, no scope
    reportLine({ NO_REKENING: '777777' }), // account only, unknown: unallocated, no scope
    reportLine({ NIK: otherDesa, NO_REKENING: '400004' }), // leading zero missing: the NIK decides
    reportLine({ NO_REKENING: 'kks-9001-a' }), // letters, written with separators
    reportLine({ NO_REKENING: '12345678901234567890' }), // longer than 18 digits
    reportLine({ NO_REKENING: '00500005', STATUS: 'RETUR' }),
    reportLine({ NO_REKENING: 'AB#12' }), // rejected: ACCOUNT_FORMAT
    reportLine({ NIK: one, NOMINAL: '1,500' }), // rejected: AMOUNT_AMBIGUOUS
    reportLine({ NIK: one, NO_REKENING: '100001' }), // the first line again: both kept (GANDA later)
    reportLine({ NIK: one, NOMINAL: 'Rp 1.500.000', TGL_SALUR: '2026-05-20' }),
    reportLine({ NIK: letters, NO_REKENING: '100001' }), // each names a different one: the account decides
    reportLine({ NIK: oddAccount }),
    reportLine({ NO_REKENING: '777777', NOMINAL: '4503599627370496' }), // 2^52 rupiah: summed exactly
  ];
  return { allocations, report };
}

const view = async (reportId: number) => {
  const db = t.services.database.db;
  const lines = await db
    .selectFrom('disbursement as d')
    .leftJoin('allocation as a', 'a.id', 'd.allocation_id')
    .select([
      'd.line',
      'd.channel',
      'd.nik',
      'd.account',
      'd.amount',
      'd.paid_on',
      'd.status',
      'd.reason',
      'd.scope_code',
      // Which allocation, by its line in the allocation file (ids differ between periods).
      'a.line as allocation_line',
    ])
    .where('d.report_id', '=', reportId)
    .orderBy('d.line')
    .execute();
  const rejections = await db
    .selectFrom('disbursement_report_rejection')
    .select(['line', 'reasons', 'fields', 'original'])
    .where('report_id', '=', reportId)
    .orderBy('line')
    .execute();
  const row = await db
    .selectFrom('disbursement_report')
    .select(['rows_read', 'accepted', 'rejected', 'channel', 'file_name'])
    .where('id', '=', reportId)
    .executeTakeFirstOrThrow();
  return { lines, rejections, row };
};

describe('channel report import: matched while read, or staged', () => {
  it('stores, rejects and counts the same lines either way', async () => {
    const { allocations, report } = scenario();
    const file = writeReportCsv(dir, 'laporan-bri.csv', report);
    const ways = [
      { period: '2031-T1', directMinRows: Number.POSITIVE_INFINITY, workerMinRows: Number.POSITIVE_INFINITY },
      { period: '2031-T2', directMinRows: 1, workerMinRows: Number.POSITIVE_INFINITY },
      { period: '2031-T3', directMinRows: 1, workerMinRows: 1 },
    ];
    const results = [];
    for (const way of ways) {
      await seedAllocations(t.services.database.db, allocations, { period: way.period });
      const service = createDisbursementImportService({ ...t.services, ...way });
      const summary = await service.importReport(admin, {
        program: 'PKH',
        period: way.period,
        channel: 'BRI',
        filePath: file,
      });
      expect(summary.timingsMs.keys !== undefined).toBe(way.directMinRows === 1);
      const { reportId, period: _p, timingsMs: _t, bulkInsert: _b, ...rest } = summary;
      results.push({ summary: rest, ...(await view(reportId)) });
    }
    const [staged, direct, worker] = results;

    // What the staged way gives, spelled out once (the other two must equal it).
    expect(staged!.summary).toMatchObject({
      rowsRead: 22,
      accepted: 17,
      rejected: 5,
      matched: 13,
      unallocated: 4,
      alreadyReported: 0,
      rejectedByReason: { MATCHES_TWO_ALLOCATIONS: 3, ACCOUNT_FORMAT: 1, AMOUNT_AMBIGUOUS: 1 },
      // NIK_DIFFERS: the line whose NIK and account name different allocations (the account decides).
      warningsByReason: { CHANNEL_DIFFERS: 3, NIK_INVALID: 1, NIK_DIFFERS: 1 },
      byStatus: { BERHASIL: { lines: 15 }, GAGAL: { lines: 2 } },
    });
    expect(staged!.lines.map((l) => [l.line, l.allocation_line, l.scope_code])).toEqual([
      [2, 2, DESA],
      [3, 3, DESA],
      [4, 6, OTHER_DESA],
      [8, 7, OTHER_DESA],
      [9, 7, OTHER_DESA],
      [10, null, '137111'],
      [11, null, ''],
      [12, null, ''],
      [13, 8, OTHER_DESA],
      [14, 9, DESA],
      [15, 10, DESA],
      [16, 11, DESA],
      [19, 2, DESA],
      [20, 2, DESA],
      [21, 2, DESA],
      [22, 12, OTHER_DESA],
      [23, null, ''],
    ]);
    expect(staged!.rejections.map((r) => [r.line, r.reasons])).toEqual([
      [5, ['MATCHES_TWO_ALLOCATIONS']],
      [6, ['MATCHES_TWO_ALLOCATIONS']],
      [7, ['MATCHES_TWO_ALLOCATIONS']],
      [17, ['ACCOUNT_FORMAT']],
      [18, ['AMOUNT_AMBIGUOUS']],
    ]);

    expect(staged!.summary.byStatus.BERHASIL.amount).toBe(4503599627370496 + 14 * 750000 - 750000 + 1500000);
    expect(direct).toEqual(staged);
    expect(worker).toEqual(staged);
  }, 60_000);
});
