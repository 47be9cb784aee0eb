import fs from 'node:fs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createDisbursementImportService } from '../../src/modules/disbursements/import-service';
import { type Actor, SYSTEM_ACTOR } from '../../src/platform/auth/actor';
import type { AppError } from '../../src/platform/errors';
import { createTestApp, type TestApp } from '../support/app';
import {
  finalisePeriod,
  reportLine,
  reportNik,
  seedAllocations,
  tempDir,
  writeReportCsv,
} from '../support/disbursement-factories';

const DESA = '1371031001';
const OTHER_DESA = '1371111001';
let t: TestApp;
let dir: string;
let admin: Actor;
let files = 0;

beforeAll(async () => {
  dir = tempDir();
  t = await createTestApp();
  admin = { ...SYSTEM_ACTOR, username: 'admin.uji', regionCode: '1371' };
});
afterAll(async () => {
  await t.dispose();
  fs.rmSync(dir, { recursive: true, force: true });
});

// Each test works in its own period, so none depends on another's lines.
let periodNo = 0;
let period = '';
beforeEach(() => {
  periodNo++;
  period = `${2000 + periodNo}-T2`;
});

const write = (rows: Parameters<typeof writeReportCsv>[2], headers?: string[]) =>
  writeReportCsv(dir, `laporan-${++files}.csv`, rows, headers);
const importFile = (file: string, channel = 'BRI', p = period) =>
  t.services.disbursementImport.importReport(admin, { program: 'PKH', period: p, channel, filePath: file });
const errorOf = async (promise: Promise<unknown>) => {
  try {
    await promise;
  } catch (error) {
    return error as AppError;
  }
  throw new Error('expected an error');
};
const linesOf = (reportId: number) =>
  t.services.database.db
    .selectFrom('disbursement')
    .select([
      'line',
      'nik',
      'account',
      'amount',
      'paid_on',
      'status',
      'reason',
      'allocation_id',
      'scope_code',
      'channel',
    ])
    .where('report_id', '=', reportId)
    .orderBy('line')
    .execute();
const rejectionsOf = (reportId: number) =>
  t.services.database.db
    .selectFrom('disbursement_report_rejection')
    .select(['line', 'reasons', 'fields', 'original'])
    .where('report_id', '=', reportId)
    .orderBy('line')
    .execute();

describe('channel report import: lines', () => {
  it.each([
    ['in this thread', undefined],
    ['in a worker thread', 1],
  ])(
    'rejects each bad line with its reason code and keeps the original values (read %s)',
    async (_how, workerMinRows) => {
      const a = reportNik(DESA);
      const b = reportNik(DESA);
      const shared = reportNik(DESA);
      await seedAllocations(
        t.services.database.db,
        [
          { nik: a, amount: 750000, scopeCode: DESA, account: '111' },
          { nik: b, amount: 750000, scopeCode: DESA, account: '222222' },
          // One NIK allocated twice in the period: a line naming only that NIK cannot be placed.
          { nik: shared, amount: 750000, scopeCode: DESA },
          { nik: shared, amount: 500000, scopeCode: DESA },
        ],
        { period },
      );
      const file = write([
        reportLine({ NIK: '12345' }), // 2 NIK_FORMAT
        reportLine({ NIK: '1,37103E+15' }), // 3 NIK_NUMERIC_CELL
        reportLine({ NIK: null, NO_REKENING: null }), // 4 REQUIRED_FIELD (no nik nor account)
        reportLine({ NIK: a, NOMINAL: null }), // 5 REQUIRED_FIELD (amount)
        reportLine({ NIK: a, NOMINAL: 'tujuh ratus' }), // 6 AMOUNT_FORMAT
        reportLine({ NIK: a, NOMINAL: '1,500' }), // 7 AMOUNT_AMBIGUOUS
        reportLine({ NIK: a, NOMINAL: '-750000' }), // 8 AMOUNT_NEGATIVE
        reportLine({ NIK: a, NOMINAL: '750000,50' }), // 9 AMOUNT_FRACTION
        reportLine({ NIK: a, TGL_SALUR: '31/02/2026' }), // 10 DATE_INVALID
        reportLine({ NIK: a, STATUS: 'DITUNDA' }), // 11 STATUS_UNKNOWN
        reportLine({ NIK: shared }), // 12 MATCHES_TWO_ALLOCATIONS
        reportLine({ NIK: a, NO_REKENING: '1.2E+14' }), // 13 ACCOUNT_FORMAT
        reportLine({ NIK: a, STATUS: null }), // 14 REQUIRED_FIELD (status)
        reportLine({ NIK: b, NOMINAL: 'Rp 1.500.000' }), // 15 accepted
      ]);
      const service = createDisbursementImportService({ ...t.services, workerMinRows });
      const s = await service.importReport(admin, { program: 'PKH', period, channel: 'BRI', filePath: file });
      expect(s).toMatchObject({ rowsRead: 14, accepted: 1, rejected: 13, alreadyReported: 0 });
      expect(s.rejectedByReason).toEqual({
        NIK_FORMAT: 1,
        NIK_NUMERIC_CELL: 1,
        REQUIRED_FIELD: 3,
        AMOUNT_FORMAT: 1,
        AMOUNT_AMBIGUOUS: 1,
        AMOUNT_NEGATIVE: 1,
        AMOUNT_FRACTION: 1,
        DATE_INVALID: 1,
        STATUS_UNKNOWN: 1,
        MATCHES_TWO_ALLOCATIONS: 1,
        ACCOUNT_FORMAT: 1,
      });
      const rejections = await rejectionsOf(s.reportId);
      expect(rejections.map((r) => [r.line, r.reasons])).toEqual([
        [2, ['NIK_FORMAT']],
        [3, ['NIK_NUMERIC_CELL']],
        [4, ['REQUIRED_FIELD']],
        [5, ['REQUIRED_FIELD']],
        [6, ['AMOUNT_FORMAT']],
        [7, ['AMOUNT_AMBIGUOUS']],
        [8, ['AMOUNT_NEGATIVE']],
        [9, ['AMOUNT_FRACTION']],
        [10, ['DATE_INVALID']],
        [11, ['STATUS_UNKNOWN']],
        [12, ['MATCHES_TWO_ALLOCATIONS']],
        [13, ['ACCOUNT_FORMAT']],
        [14, ['REQUIRED_FIELD']],
      ]);
      // The ambiguous line's report holds what the channel wrote, under the file's own headers.
      expect(rejections.find((r) => r.line === 12)?.original).toMatchObject({
        NIK: shared,
        NOMINAL: '750000',
      });
      expect(rejections.find((r) => r.line === 6)?.original).toMatchObject({ NOMINAL: 'tujuh ratus' });
      const [stored] = await linesOf(s.reportId);
      expect(stored).toMatchObject({ nik: b, amount: 1500000, status: 'BERHASIL', paid_on: '2026-05-15' });
    },
  );

  it('normalises the status words channels use and keeps the failure reason', async () => {
    const niks = Array.from({ length: 8 }, () => reportNik(DESA));
    await seedAllocations(
      t.services.database.db,
      niks.map((nik) => ({ nik, amount: 750000, scopeCode: DESA })),
      { period },
    );
    const statuses = [
      'SUKSES',
      'salur',
      'Tersalur',
      'berhasil',
      'GAGAL SALUR',
      'GAGAL_SALUR',
      'RETUR',
      'Gagal',
    ];
    const reasons = [
      null,
      null,
      null,
      null,
      'Rekening belum dibuka',
      'KPM meninggal dunia',
      null,
      'Data tidak sesuai Dukcapil',
    ];
    const file = write(
      niks.map((nik, i) => reportLine({ NIK: nik, STATUS: statuses[i]!, KETERANGAN: reasons[i]! })),
    );
    const s = await importFile(file);
    expect(s).toMatchObject({ accepted: 8, rejected: 0 });
    expect(s.byStatus).toEqual({
      BERHASIL: { lines: 4, amount: 3000000 },
      GAGAL: { lines: 4, amount: 3000000 },
    });
    const lines = await linesOf(s.reportId);
    expect(lines.map((l) => [l.status, l.reason])).toEqual([
      ['BERHASIL', null],
      ['BERHASIL', null],
      ['BERHASIL', null],
      ['BERHASIL', null],
      ['GAGAL', 'Rekening belum dibuka'],
      ['GAGAL', 'KPM meninggal dunia'],
      ['GAGAL', 'RETUR'],
      ['GAGAL', 'Data tidak sesuai Dukcapil'],
    ]);
  });

  it('refuses a success paying Rp0 (the KPM would count as paid), keeps a failure of Rp0', async () => {
    const [paid, failed] = [reportNik(DESA), reportNik(DESA)];
    await seedAllocations(
      t.services.database.db,
      [paid, failed].map((nik) => ({ nik, amount: 750_000, scopeCode: DESA })),
      { period },
    );
    const s = await importFile(
      write([
        reportLine({ NIK: paid, NOMINAL: '0', STATUS: 'BERHASIL' }),
        reportLine({ NIK: failed, NOMINAL: 'Rp 0', STATUS: 'GAGAL', KETERANGAN: 'Rekening pasif' }),
      ]),
    );
    expect(s).toMatchObject({ accepted: 1, rejected: 1, rejectedByReason: { AMOUNT_ZERO_PAID: 1 } });
    expect(s.byStatus.GAGAL).toEqual({ lines: 1, amount: 0 });
  });

  it('refuses a line whose cells run past the headers (an unquoted 1,500,000) instead of booking Rp1', async () => {
    const [shifted, kept] = [reportNik(DESA), reportNik(DESA)];
    await seedAllocations(
      t.services.database.db,
      [shifted, kept].map((nik) => ({ nik, amount: 1_500_000, scopeCode: DESA })),
      { period },
    );
    const file = `${dir}/laporan-${++files}.csv`;
    fs.writeFileSync(
      file,
      [
        'NIK,NO_REKENING,TANGGAL,STATUS,NOMINAL',
        `${shifted},,16/05/2026,BERHASIL,1,500,000`,
        `${kept},,16/05/2026,BERHASIL,"1,500,000"`,
        '',
      ].join('\n'),
    );
    const s = await importFile(file);
    expect(s).toMatchObject({ accepted: 1, rejected: 1, rejectedByReason: { EXTRA_CELLS: 1 } });
    expect(s.byStatus.BERHASIL).toEqual({ lines: 1, amount: 1_500_000 });
  });

  it('matches by account when it names one allocation, else by NIK; keeps unmatched lines without allocation', async () => {
    const a = reportNik(DESA);
    const b = reportNik(DESA);
    const c = reportNik(OTHER_DESA);
    const stranger = reportNik(OTHER_DESA);
    const ids = await seedAllocations(
      t.services.database.db,
      [
        // Stored as the allocation import stores accounts: no separators, upper case.
        { nik: a, amount: 750000, scopeCode: DESA, account: '012301000123501' },
        { nik: b, amount: 750000, scopeCode: DESA, account: 'KKS999' },
        { nik: c, amount: 750000, scopeCode: OTHER_DESA, account: 'KKS999', channel: 'POS' },
      ],
      { period },
    );
    const file = write([
      // The account names allocation a even though the NIK column says b.
      reportLine({ NIK: b, NO_REKENING: '0123-01-000123-50-1' }),
      // The account names two allocations: the NIK decides.
      reportLine({ NIK: c, NO_REKENING: 'kks 999' }),
      // No allocation: kept as TIDAK_DIALOKASIKAN, scoped by the NIK's kecamatan.
      reportLine({ NIK: stranger }),
      // No allocation, account only: kept with no region.
      reportLine({ NO_REKENING: '55555555' }),
      // A 16-digit NIK whose date is impossible: kept, flagged, never used for scope.
      reportLine({ NIK: '1371033213790001' }),
    ]);
    const s = await importFile(file);
    expect(s).toMatchObject({ accepted: 5, matched: 2, unallocated: 3 });
    // The allocation of c is for PT Pos: still matched, counted as a warning; so is the line
    // whose account found a's allocation while its NIK is b's.
    expect(s.warningsByReason).toEqual({ CHANNEL_DIFFERS: 1, NIK_INVALID: 1, NIK_DIFFERS: 1 });
    const lines = await linesOf(s.reportId);
    expect(lines.map((l) => [l.allocation_id, l.scope_code])).toEqual([
      [ids[0], DESA],
      [ids[2], OTHER_DESA],
      [null, OTHER_DESA.slice(0, 6)],
      [null, ''],
      [null, ''],
    ]);
  });
});

describe('channel report import: several reports of a period', () => {
  it('accumulates the reports of a period (PT Pos pays over two weeks)', async () => {
    const niks = [reportNik(DESA), reportNik(DESA), reportNik(DESA)];
    await seedAllocations(
      t.services.database.db,
      niks.map((nik) => ({ nik, amount: 750000, scopeCode: DESA, channel: 'POS' as const })),
      { period },
    );
    const week1 = await importFile(
      write([reportLine({ NIK: niks[0]! }), reportLine({ NIK: niks[1]!, STATUS: 'GAGAL' })]),
      'PT Pos',
    );
    const week2 = await importFile(
      write([
        reportLine({ NIK: niks[1]!, TGL_SALUR: '22/05/2026' }),
        reportLine({ NIK: niks[2]!, TGL_SALUR: '23/05/2026' }),
      ]),
      'POS',
    );
    expect(week1).toMatchObject({ channel: 'POS', accepted: 2, alreadyReported: 0 });
    expect(week2).toMatchObject({ channel: 'POS', accepted: 2, alreadyReported: 0 });
    const all = await t.services.database.db
      .selectFrom('disbursement')
      .select(['nik', 'status'])
      .where('period', '=', period)
      .execute();
    expect(all).toHaveLength(4);
    const reports = await t.services.disbursementReports.listReports(admin, 'PKH', period);
    expect(reports.map((r) => r.id)).toEqual([week2.reportId, week1.reportId]);
  });

  it('refuses the same file twice with 409 REPORT_ALREADY_IMPORTED naming the earlier report', async () => {
    const nik = reportNik(DESA);
    await seedAllocations(t.services.database.db, [{ nik, amount: 750000, scopeCode: DESA }], { period });
    const file = write([reportLine({ NIK: nik })]);
    const first = await importFile(file);
    const error = await errorOf(importFile(file));
    expect(error.status).toBe(409);
    expect(error.code).toBe('REPORT_ALREADY_IMPORTED');
    expect(error.message).toContain(`#${first.reportId}`);
    expect(error.details).toMatchObject({ reportId: first.reportId });
    const count = await t.services.database.db
      .selectFrom('disbursement')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('period', '=', period)
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(1);
  });

  it('skips lines already stored from an earlier report (cumulative re-export), keeps double payments', async () => {
    const [a, b, c] = [reportNik(DESA), reportNik(DESA), reportNik(DESA)];
    await seedAllocations(
      t.services.database.db,
      [a, b, c].map((nik) => ({ nik, amount: 750000, scopeCode: DESA })),
      { period },
    );
    const first = await importFile(write([reportLine({ NIK: a }), reportLine({ NIK: b, STATUS: 'GAGAL' })]));
    // The channel sends everything so far again, plus new lines: b paid after its failure, c
    // paid twice in this file (a double payment), a unchanged.
    const cumulative = await importFile(
      write([
        reportLine({ NIK: a }),
        reportLine({ NIK: b, STATUS: 'GAGAL', KETERANGAN: 'teks lain' }),
        reportLine({ NIK: b, TGL_SALUR: '20/05/2026' }),
        reportLine({ NIK: c }),
        reportLine({ NIK: c }),
      ]),
    );
    expect(first).toMatchObject({ accepted: 2 });
    expect(cumulative).toMatchObject({ rowsRead: 5, accepted: 3, alreadyReported: 2, rejected: 0 });
    const lines = await linesOf(cumulative.reportId);
    expect(lines.map((l) => [l.line, l.nik, l.status])).toEqual([
      [4, b, 'BERHASIL'],
      [5, c, 'BERHASIL'],
      [6, c, 'BERHASIL'],
    ]);
    // A third export holding a once more and c twice: a is a second payment, c nothing new.
    const third = await importFile(
      write([reportLine({ NIK: a }), reportLine({ NIK: a }), reportLine({ NIK: c }), reportLine({ NIK: c })]),
    );
    expect(third).toMatchObject({ accepted: 1, alreadyReported: 3 });
  });
});

describe('channel report import: refusals', () => {
  it('refuses an unknown period (no allocation yet) with PERIOD_UNKNOWN', async () => {
    const file = write([reportLine({ NIK: reportNik(DESA) })]);
    const error = await errorOf(importFile(file));
    expect([error.status, error.code]).toEqual([400, 'PERIOD_UNKNOWN']);
  });

  it('refuses an unknown programme with PROGRAM_UNKNOWN and an unknown channel with CHANNEL_UNKNOWN', async () => {
    await seedAllocations(t.services.database.db, [{ nik: reportNik(DESA), amount: 1, scopeCode: DESA }], {
      period,
    });
    const file = write([reportLine({ NIK: reportNik(DESA) })]);
    const program = await errorOf(
      t.services.disbursementImport.importReport(admin, {
        program: 'BANSOS_X',
        period,
        channel: 'BRI',
        filePath: file,
      }),
    );
    expect([program.status, program.code]).toEqual([400, 'PROGRAM_UNKNOWN']);
    const channel = await errorOf(importFile(file, 'BANK JAGO'));
    expect([channel.status, channel.code]).toEqual([400, 'CHANNEL_UNKNOWN']);
  });

  it('refuses a finalised period with 409 PERIOD_FINAL', async () => {
    const nik = reportNik(DESA);
    await seedAllocations(t.services.database.db, [{ nik, amount: 750000, scopeCode: DESA }], { period });
    await finalisePeriod(t.services.database.db, 'PKH', period);
    const error = await errorOf(importFile(write([reportLine({ NIK: nik })])));
    expect([error.status, error.code]).toEqual([409, 'PERIOD_FINAL']);
  });

  it('refuses a file with neither a NIK nor an account column with COLUMN_MISSING', async () => {
    await seedAllocations(t.services.database.db, [{ nik: reportNik(DESA), amount: 1, scopeCode: DESA }], {
      period,
    });
    const file = write([reportLine({ NAMA: 'x' })], ['NAMA', 'NOMINAL', 'STATUS']);
    const error = await errorOf(importFile(file));
    expect([error.status, error.code]).toEqual([400, 'COLUMN_MISSING']);
  });

  it('writes nothing when the import fails at its last step, and running it again works', async () => {
    const nik = reportNik(DESA);
    await seedAllocations(t.services.database.db, [{ nik, amount: 750000, scopeCode: DESA }], { period });
    const file = write([reportLine({ NIK: nik }), reportLine({ NIK: '1' })]);
    const failing = createDisbursementImportService({
      database: t.services.database,
      config: t.services.config,
      clock: t.services.clock,
      audit: {
        ...t.services.audit,
        record: async () => {
          throw new Error('disk penuh');
        },
      },
    });
    await expect(
      failing.importReport(admin, { program: 'PKH', period, channel: 'BRI', filePath: file }),
    ).rejects.toThrow('disk penuh');
    const db = t.services.database.db;
    const reports = await db
      .selectFrom('disbursement_report')
      .select('id')
      .where('period', '=', period)
      .execute();
    const lines = await db.selectFrom('disbursement').select('id').where('period', '=', period).execute();
    expect([reports.length, lines.length]).toEqual([0, 0]);
    const s = await importFile(file);
    expect(s).toMatchObject({ accepted: 1, rejected: 1 });
  });

  it('records one audit entry per report with its summary', async () => {
    const nik = reportNik(DESA);
    await seedAllocations(t.services.database.db, [{ nik, amount: 750000, scopeCode: DESA }], { period });
    const s = await importFile(write([reportLine({ NIK: nik })]));
    const entries = await t.services.database.db
      .selectFrom('audit_log')
      .select(['action', 'entity_type', 'details'])
      .where('action', '=', 'disbursement.import')
      .where('entity_id', '=', String(s.reportId))
      .execute();
    expect(entries).toHaveLength(1);
    expect(entries[0]?.details).toMatchObject({ reportId: s.reportId, accepted: 1, period, channel: 'BRI' });
    // The audit never holds a NIK.
    expect(JSON.stringify(entries[0]?.details)).not.toContain(nik);
  });
});
