import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeNik } from '../../src/domain/nik';
import { computePkhBenefit, pkhRulesFrom } from '../../src/domain/pkh-benefit';
import { writeAllocationRejectionFiles } from '../../src/modules/allocations/error-report';
import {
  type AllocationImportInput,
  createAllocationImportService,
} from '../../src/modules/allocations/import-service';
import { PKH_MEMBER_COLUMNS, pkhMemberOf } from '../../src/modules/allocations/repository';
import { rulesAt } from '../../src/modules/programs/period-rules';
import { SYSTEM_ACTOR } from '../../src/platform/auth/actor';
import { createTestApp, type TestApp } from '../support/app';
import { reportLine, writeReportCsv } from '../support/disbursement-factories';
import {
  ALLOCATION_CSV_HEADERS,
  allocationCsvLines,
  writeAllocationXlsx,
  writeLines,
} from '../support/distribution-files';
import { tempDir } from '../support/dtsen-fixture';
import { buildPkhFamily } from '../support/pkh-families';

const DESA = '1371011001';
let t: TestApp;
let dir: string;
let fileNo = 0;
const admin = { ...SYSTEM_ACTOR, username: 'uji', regionCode: '1371' };
const db = () => t.services.database.db;

/** A CSV under the allocation headers; each row is a list of cells in header order. */
async function csv(
  rows: Array<Array<string | number | null>>,
  headers: readonly string[] = ALLOCATION_CSV_HEADERS,
) {
  const file = path.join(dir, `alokasi-${++fileNo}.csv`);
  const quote = (v: string | number | null) =>
    v === null ? '' : /[",]/.test(String(v)) ? `"${String(v).replaceAll('"', '""')}"` : String(v);
  return writeLines(file, [headers.join(','), ...rows.map((r) => r.map(quote).join(','))]);
}

const importFile = (filePath: string, extra: Partial<AllocationImportInput> = {}) =>
  t.services.allocationImport.importAllocations(admin, {
    program: 'PKH',
    period: '2026-T2',
    filePath,
    ...extra,
  });

async function failure(promise: Promise<unknown>) {
  const error = (await promise.then(
    () => null,
    (e: unknown) => e,
  )) as { code?: string; status?: number; details?: unknown } | null;
  if (!error) throw new Error('expected a failure');
  return error;
}

const count = async (
  table: 'allocation' | 'allocation_import' | 'program_period',
  where?: [string, string],
) => {
  let q = db()
    .selectFrom(table)
    .select((eb) => eb.fn.countAll().as('n'));
  if (where) q = q.where(where[0] as never, '=', where[1] as never);
  return Number((await q.executeTakeFirstOrThrow()).n);
};

beforeAll(async () => {
  t = await createTestApp();
  dir = tempDir();
});
afterAll(async () => {
  await t.dispose();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('reason codes', () => {
  it.each([
    ['in this thread', '2026-T2', undefined],
    ['in a worker thread', '2026-T3', 1],
  ])(
    'rejects each kind of bad line with its code and file line, and keeps the rest (read %s)',
    async (_how, period, workerMinRows) => {
      const family = await buildPkhFamily(t.services, DESA, [{ birthDate: '1985-01-01' }]);
      const nik = family.headNik;
      const other = (serial: number) =>
        encodeNik({ kecamatanCode: '137101', birthDate: '1990-01-01', sex: 'L', serial });
      const service = createAllocationImportService({ ...t.services, workerMinRows });
      const summary = await service.importAllocations(admin, {
        program: 'PKH',
        period,
        filePath: await csv([
          [nik, family.kk, 'Baik', '0', 'BRI', '001'], // 2 kept
          ['137101010190001', null, 'Pendek', '750000', 'BRI', null], // 3 NIK_FORMAT
          ['1.37101E+15', null, 'Angka', '750000', 'BRI', null], // 4 NIK_NUMERIC_CELL
          [other(1), '12345', 'KK rusak', '750000', 'BRI', null], // 5 KK_FORMAT
          [other(2), null, 'Tanpa nominal', null, 'BRI', null], // 6 REQUIRED_FIELD
          [other(3), null, 'Teks', 'tujuh ratus', 'BRI', null], // 7 AMOUNT_FORMAT
          [other(4), null, 'Ragu', '1,500', 'BRI', null], // 8 AMOUNT_AMBIGUOUS
          [other(5), null, 'Minus', '-750000', 'BRI', null], // 9 AMOUNT_NEGATIVE
          [other(6), null, 'Pecahan', '750000,50', 'BRI', null], // 10 AMOUNT_FRACTION
          [other(7), null, 'Bank lain', '750000', 'BCA', null], // 11 CHANNEL_UNKNOWN
          [nik, family.kk, 'Kembar', '0', 'BRI', null], // 12 DUPLICATE_IN_FILE
          [other(8), null, 'Tanpa bank', '750000', null, null], // 13 REQUIRED_FIELD (channel)
        ]),
      });
      expect(summary).toMatchObject({ rowsRead: 12, accepted: 1, rejected: 11 });
      expect(summary.rejectedByReason).toEqual({
        NIK_FORMAT: 1,
        NIK_NUMERIC_CELL: 1,
        KK_FORMAT: 1,
        REQUIRED_FIELD: 2,
        AMOUNT_FORMAT: 1,
        AMOUNT_AMBIGUOUS: 1,
        AMOUNT_NEGATIVE: 1,
        AMOUNT_FRACTION: 1,
        CHANNEL_UNKNOWN: 1,
        DUPLICATE_IN_FILE: 1,
      });
      const rejections = await db()
        .selectFrom('allocation_import_rejection')
        .select(['line', 'reasons', 'fields', 'original'])
        .where('import_id', '=', summary.importId)
        .orderBy('line')
        .execute();
      expect(rejections.map((r) => [r.line, r.reasons[0], r.fields[0]])).toEqual([
        [3, 'NIK_FORMAT', 'nik'],
        [4, 'NIK_NUMERIC_CELL', 'nik'],
        [5, 'KK_FORMAT', 'kk'],
        [6, 'REQUIRED_FIELD', 'amount'],
        [7, 'AMOUNT_FORMAT', 'amount'],
        [8, 'AMOUNT_AMBIGUOUS', 'amount'],
        [9, 'AMOUNT_NEGATIVE', 'amount'],
        [10, 'AMOUNT_FRACTION', 'amount'],
        [11, 'CHANNEL_UNKNOWN', 'channel'],
        [12, 'DUPLICATE_IN_FILE', 'nik'],
        [13, 'REQUIRED_FIELD', 'channel'],
      ]);
      expect(rejections[1]!.original).toMatchObject({ NIK: '1.37101E+15', NAMA: 'Angka' });

      const report = await writeAllocationRejectionFiles(
        t.services.database,
        summary.importId,
        path.join(dir, 'tolak'),
      );
      const text = fs.readFileSync(report.csv, 'utf8');
      expect(text).toContain('BARIS,KODE_ALASAN,ALASAN,KOLOM_BERMASALAH,NIK,NO_KK');
      expect(text).toContain('8,AMOUNT_AMBIGUOUS,');
      expect(text).toContain('spreadsheet');
    },
  );

  it('stops before reading rows when a required column is missing (COLUMN_MISSING)', async () => {
    const file = await csv([['1371011705800001', '750000']], ['NIK', 'NOMINAL']);
    const error = await failure(importFile(file, { period: '2022-T1' }));
    expect(error).toMatchObject({ code: 'COLUMN_MISSING', status: 400, details: { missing: ['channel'] } });
    expect(await count('program_period', ['period', '2022-T1'])).toBe(0);
  });

  it('needs no channel column when --channel names one; a line naming its own channel keeps it', async () => {
    const a = await buildPkhFamily(t.services, DESA, [{ birthDate: '1985-01-01' }]);
    const b = await buildPkhFamily(t.services, DESA, [{ birthDate: '1985-01-01' }]);
    const noColumn = await csv([[a.headNik, '0']], ['NIK_PENGURUS', 'NILAI_BANTUAN']);
    const one = await importFile(noColumn, { channel: 'pt pos', period: '2026-T3' });
    expect(one.accepted).toBe(1);
    const mixed = await csv(
      [
        [b.headNik, '0', 'Bank Mandiri'],
        [a.headNik, '0', null],
      ],
      ['NIK', 'JUMLAH', 'PENYALUR'],
    );
    const two = await importFile(mixed, { channel: 'BRI', period: '2026-T4' });
    const lines = await db()
      .selectFrom('allocation')
      .select(['line', 'channel'])
      .where('import_id', 'in', [one.importId, two.importId])
      .orderBy('import_id')
      .orderBy('line')
      .execute();
    expect(lines.map((l) => l.channel)).toEqual(['POS', 'MANDIRI', 'BRI']);
    expect((await failure(importFile(noColumn, { channel: 'BCA' }))).code).toBe('CHANNEL_UNKNOWN');
  });
});

describe('amounts', () => {
  it('reads 1500000, 1.500.000, 1,500,000, Rp 1.500.000 and a number cell as the same integer rupiah', async () => {
    const families = await Promise.all(
      [0, 1, 2, 3].map(() => buildPkhFamily(t.services, DESA, [{ birthDate: '1985-01-01' }])),
    );
    const summary = await importFile(
      await csv(
        ['1500000', '1.500.000', '1,500,000', 'Rp 1.500.000'].map((amount, i) => [
          families[i]!.headNik,
          null,
          null,
          amount,
          'BRI',
          null,
        ]),
      ),
      { period: '2026-T1' },
    );
    expect(summary.accepted).toBe(4);
    expect(summary.totalAmount).toBe(6_000_000);
    const xlsx = await writeAllocationXlsx(path.join(dir, 'angka.xlsx'), [
      {
        nik: (await buildPkhFamily(t.services, DESA, [{ birthDate: '1985-01-01' }])).headNik,
        kk: '',
        name: 'X',
        amount: 1_500_000,
        channel: 'BNI',
        account: '1',
      },
    ]);
    const fromXlsx = await importFile(xlsx, { period: '2026-T1' });
    expect(fromXlsx).toMatchObject({ accepted: 1, totalAmount: 1_500_000 });
  });

  it('refuses a CSV line whose cells run past the headers (an unquoted 1,500,000), not reading it as Rp1', async () => {
    const [shifted, trailing] = await Promise.all(
      [0, 1].map(() => buildPkhFamily(t.services, DESA, [{ birthDate: '1985-01-01' }])),
    );
    const file = writeLines(path.join(dir, 'bergeser.csv'), [
      'NIK,NO_KK,NAMA,BANK,NOMINAL',
      `${shifted!.headNik},,Bergeser,BRI,1,500,000`, // 7 cells under 5 headers
      `${trailing!.headNik},,Koma di ujung,BRI,750000,,`, // only empty cells past the headers: kept
    ]);
    const summary = await importFile(await file, { period: '2026-T3' });
    expect(summary).toMatchObject({ accepted: 1, rejected: 1, rejectedByReason: { EXTRA_CELLS: 1 } });
    expect(summary.totalAmount).toBe(750_000);
    const rejection = await db()
      .selectFrom('allocation_import_rejection')
      .select(['line', 'reasons', 'original'])
      .where('import_id', '=', summary.importId)
      .executeTakeFirstOrThrow();
    expect(rejection).toMatchObject({ line: 2, reasons: ['EXTRA_CELLS'] });
    // The operator sees every cell of the line, those past the headers by position.
    expect(rejection.original).toMatchObject({ NOMINAL: '1', '#6': '500', '#7': '000' });
  });
});

describe('kept lines and flags', () => {
  it('keeps unknown, invalid and mismatching lines with their flags and scope', async () => {
    const family = await buildPkhFamily(t.services, DESA, [
      { birthDate: '1985-01-01' },
      { birthDate: '2023-06-01' }, // anak usia dini: 750,000 per tahap
    ]);
    const matching = await buildPkhFamily(t.services, '1371111001', [
      { birthDate: '1985-01-01' },
      { birthDate: '2015-01-01', schooling: 'SD' }, // 225,000
    ]);
    const unknownHere = encodeNik({ kecamatanCode: '137101', birthDate: '1970-02-03', sex: 'L', serial: 77 });
    const unknownElsewhere = encodeNik({
      kecamatanCode: '320101',
      birthDate: '1970-02-03',
      sex: 'L',
      serial: 78,
    });
    const invalid = '1371011399700001'; // month 13: no NIK Dukcapil could issue
    const summary = await importFile(
      await csv([
        [family.headNik, '1371010101990001', null, '750000', 'BRI', '0123-01-000123-50-1'], // KK_MISMATCH
        [matching.headNik, matching.kk, null, '225000', 'POS', 'kks 9.001/a'], // no flag
        [unknownHere, null, null, '750000', 'BRI', null],
        [unknownElsewhere, null, null, '750000', 'BRI', null],
        [invalid, null, null, '750000', 'BRI', null],
      ]),
      { period: '2026-T2' },
    );
    expect(summary).toMatchObject({ accepted: 5, rejected: 0, linked: 2, households: 2 });
    expect(summary.flaggedByReason).toEqual({ KK_MISMATCH: 1, NIK_NOT_IN_REGISTRY: 3, NIK_INVALID: 1 });
    // Accounts are stored as channel reports are matched: no separators, upper case.
    const accounts = await db()
      .selectFrom('allocation')
      .select('account')
      .where('import_id', '=', summary.importId)
      .orderBy('line')
      .execute();
    expect(accounts.map((a) => a.account)).toEqual(['012301000123501', 'KKS9001A', null, null, null]);
    const lines = await db()
      .selectFrom('allocation')
      .select(['line', 'flags', 'scope_code', 'household_id', 'expected_amount'])
      .where('import_id', '=', summary.importId)
      .orderBy('line')
      .execute();
    expect(lines).toEqual([
      {
        line: 2,
        flags: ['KK_MISMATCH'],
        scope_code: DESA,
        household_id: family.id,
        expected_amount: 750_000,
      },
      { line: 3, flags: [], scope_code: '1371111001', household_id: matching.id, expected_amount: 225_000 },
      {
        line: 4,
        flags: ['NIK_NOT_IN_REGISTRY'],
        scope_code: '137101',
        household_id: null,
        expected_amount: null,
      },
      // A NIK issued outside this kabupaten: only the office (kabupaten scope) sees the line.
      {
        line: 5,
        flags: ['NIK_NOT_IN_REGISTRY'],
        scope_code: '1371',
        household_id: null,
        expected_amount: null,
      },
      {
        line: 6,
        flags: ['NIK_NOT_IN_REGISTRY', 'NIK_INVALID'],
        scope_code: '137101',
        household_id: null,
        expected_amount: null,
      },
    ]);
  });

  it('keeps a NIK an earlier import allocated in the period, and counts it', async () => {
    const family = await buildPkhFamily(t.services, DESA, [{ birthDate: '1985-01-01' }]);
    await importFile(await csv([[family.headNik, null, 'Pertama', '0', 'BRI', null]]), { period: '2025-T4' });
    const again = await importFile(await csv([[family.headNik, null, 'Kedua', '0', 'BSI', null]]), {
      period: '2025-T4',
    });
    expect(again).toMatchObject({ accepted: 1, alreadyAllocatedInPeriod: 1 });
    expect(await count('allocation', ['nik', family.headNik])).toBe(2);
  });

  it('does not store twice a line an earlier import stored exactly: a corrected file imported again adds only its corrected lines', async () => {
    const [a, b, c] = await Promise.all(
      [0, 1, 2].map(() => buildPkhFamily(t.services, DESA, [{ birthDate: '1985-01-01' }])),
    );
    const lines = (bAmount: string) => [
      [a!.headNik, null, 'Satu', '750.000', 'BRI', '0012-3456'],
      [b!.headNik, null, 'Dua', bAmount, 'BRI', null],
      [c!.headNik, null, 'Tiga', '750000', 'BNI', null],
    ];
    const first = await importFile(await csv(lines('1,500')), { period: '2025-T3' });
    expect(first).toMatchObject({ accepted: 2, rejected: 1, rejectedByReason: { AMOUNT_AMBIGUOUS: 1 } });
    // The same file with line 3 corrected (and written differently where it means the same).
    const fixed = lines('1500');
    fixed[0]![3] = '750000';
    fixed[0]![5] = '0012 3456';
    const again = await importFile(await csv(fixed), { period: '2025-T3' });
    expect(again).toMatchObject({
      accepted: 1,
      rejected: 2,
      rejectedByReason: { ALREADY_ALLOCATED: 2 },
      alreadyAllocatedInPeriod: 0,
      totalAmount: 1500,
    });
    for (const family of [a, b, c]) expect(await count('allocation', ['nik', family!.headNik])).toBe(1);
    const rejected = await db()
      .selectFrom('allocation_import_rejection')
      .select(['line', 'reasons', 'original'])
      .where('import_id', '=', again.importId)
      .orderBy('line')
      .execute();
    expect(rejected.map((r) => [r.line, r.reasons])).toEqual([
      [2, ['ALREADY_ALLOCATED']],
      [4, ['ALREADY_ALLOCATED']],
    ]);
    expect(rejected[0]!.original).toMatchObject({ NIK: a!.headNik, NOMINAL: '750000', BANK: 'BRI' });
    // A different amount for a NIK already allocated is still kept (and counted) for checking.
    const differing = await importFile(await csv([[c!.headNik, null, 'Tiga', '900000', 'BNI', null]]), {
      period: '2025-T3',
    });
    expect(differing).toMatchObject({ accepted: 1, alreadyAllocatedInPeriod: 1 });
  });
});

describe('a supplementary file (susulan)', () => {
  it('links report lines stored without allocation to its new lines, and numbers lines in file order', async () => {
    const families = await Promise.all(
      [0, 1, 2, 3].map(() => buildPkhFamily(t.services, DESA, [{ birthDate: '1985-01-01' }])),
    );
    const [a, b, c, d] = families as [
      (typeof families)[0],
      (typeof families)[0],
      (typeof families)[0],
      (typeof families)[0],
    ];
    const first = await importFile(
      await csv([d, c, a].map((f) => [f.headNik, null, null, '750000', 'BRI', null])),
      { period: '2025-T1' },
    );
    const ids = await db()
      .selectFrom('allocation')
      .select(['id', 'line'])
      .where('import_id', '=', first.importId)
      .orderBy('id')
      .execute();
    expect(ids.map((r) => r.line)).toEqual([2, 3, 4]);
    // BRI paid a and b; b had no allocation yet: TIDAK_DIALOKASIKAN.
    const report = writeReportCsv(dir, 'laporan-susulan.csv', [
      reportLine({ NIK: a.headNik }),
      reportLine({ NIK: b.headNik }),
    ]);
    const reported = await t.services.disbursementImport.importReport(admin, {
      program: 'PKH',
      period: '2025-T1',
      channel: 'BRI',
      filePath: report,
    });
    expect(reported).toMatchObject({ matched: 1, unallocated: 1 });
    const susulan = await importFile(await csv([[b.headNik, null, null, '750000', 'BRI', null]]), {
      period: '2025-T1',
    });
    expect(susulan.reportLinesLinked).toBe(1);
    const line = await db()
      .selectFrom('disbursement as d')
      .innerJoin('allocation as a', 'a.id', 'd.allocation_id')
      .select(['a.import_id', 'd.scope_code'])
      .where('d.report_id', '=', reported.reportId)
      .where('d.nik', '=', b.headNik)
      .executeTakeFirstOrThrow();
    expect([Number(line.import_id), line.scope_code]).toEqual([susulan.importId, DESA]);
  });
});

describe('PKH amount check', () => {
  it('computes in SQL exactly what the PKH rule computes, and flags a different amount', async () => {
    const family = await buildPkhFamily(t.services, DESA, [
      { birthDate: '1988-03-01', pregnancyDueDate: '2026-08-15' }, // ibu hamil 750,000
      { birthDate: '2022-01-01' }, // anak usia dini 750,000
      { birthDate: '2021-05-01', schooling: 'PAUD_TK' }, // anak usia dini 750,000
      { birthDate: '2020-09-01' }, // anak usia dini: over the limit of 2
      { birthDate: '2010-01-01', schooling: 'SMP' }, // 375,000: fifth by index, not counted
      { birthDate: '2008-01-01', schooling: 'SMA' }, // 500,000
      { birthDate: '1950-01-01', status: 'MENINGGAL' }, // not living: ignored
    ]);
    await db()
      .insertInto('kpm_noncompliance')
      .values({ household_id: family.id, program_code: 'PKH', period: '2026-T3', reason: 'Absen sekolah' })
      .execute();
    const summary = await importFile(await csv([[family.headNik, family.kk, null, '2750000', 'BRI', null]]), {
      period: '2026-T3',
    });
    const line = await db()
      .selectFrom('allocation')
      .select(['flags', 'expected_amount', 'calculation', 'amount'])
      .where('import_id', '=', summary.importId)
      .executeTakeFirstOrThrow();
    const members = await db()
      .selectFrom('person')
      .select(PKH_MEMBER_COLUMNS)
      .where('household_id', '=', family.id)
      .execute();
    const rules = pkhRulesFrom(await rulesAt(db(), 'PKH', '2026-07-01'));
    const expected = computePkhBenefit(
      members.map(pkhMemberOf),
      { start: '2026-07-01', end: '2026-09-30', months: 3 },
      rules,
      { sanctioned: true },
    );
    // 750,000 × 3 + 500,000 = 2,750,000; minus 10 % = 2,475,000.
    expect(expected).toMatchObject({ subtotal: 2_750_000, sanction: 275_000, expected: 2_475_000 });
    expect(line.calculation).toEqual(expected);
    expect(line.expected_amount).toBe(2_475_000);
    expect(line.flags).toEqual(['AMOUNT_MISMATCH']);
    expect(summary.flaggedByReason).toEqual({ AMOUNT_MISMATCH: 1 });
  });

  it('expects the Sembako monthly value times the months of the period', async () => {
    const family = await buildPkhFamily(t.services, DESA, [{ birthDate: '1985-01-01' }]);
    const quarter = await importFile(await csv([[family.headNik, null, null, '600000', 'POS', null]]), {
      program: 'SEMBAKO',
      period: '2026-Q1',
    });
    const month = await importFile(await csv([[family.headNik, null, null, '150000', 'POS', null]]), {
      program: 'SEMBAKO',
      period: '2026-03',
    });
    const lines = await db()
      .selectFrom('allocation')
      .select(['expected_amount', 'flags'])
      .where('import_id', 'in', [quarter.importId, month.importId])
      .orderBy('import_id')
      .execute();
    expect(lines).toEqual([
      { expected_amount: 600_000, flags: [] },
      { expected_amount: 200_000, flags: ['AMOUNT_MISMATCH'] },
    ]);
  });
});

describe('programme and period rules', () => {
  it('refuses the same file twice in a period with 409 and the earlier import id', async () => {
    const family = await buildPkhFamily(t.services, DESA, [{ birthDate: '1985-01-01' }]);
    const file = await csv([[family.headNik, null, null, '0', 'BRI', null]]);
    const first = await importFile(file, { period: '2024-T1' });
    const error = await failure(importFile(file, { period: '2024-T1' }));
    expect(error).toMatchObject({
      code: 'ALLOCATION_FILE_ALREADY_IMPORTED',
      status: 409,
      details: { importId: first.importId },
    });
    expect(await count('allocation_import', ['period', '2024-T1'])).toBe(1);
  });

  it('refuses a finalised period with 409 PERIOD_FINAL', async () => {
    const family = await buildPkhFamily(t.services, DESA, [{ birthDate: '1985-01-01' }]);
    await importFile(await csv([[family.headNik, null, null, '0', 'BRI', null]]), { period: '2024-T2' });
    await db()
      .updateTable('program_period')
      .set({ status: 'FINAL' })
      .where('program_code', '=', 'PKH')
      .where('period', '=', '2024-T2')
      .execute();
    const error = await failure(
      importFile(await csv([[family.headNik, null, 'Lagi', '0', 'BRI', null]]), { period: '2024-T2' }),
    );
    expect(error).toMatchObject({ code: 'PERIOD_FINAL', status: 409 });
  });

  it('refuses a file with headers and no line (FILE_EMPTY), writing nothing', async () => {
    const before = await count('allocation_import');
    const error = await failure(importFile(await csv([]), { period: '2025-T2' }));
    expect([error.code, error.status]).toEqual(['FILE_EMPTY', 400]);
    expect(await count('allocation_import')).toBe(before);
    expect(await count('program_period', ['period', '2025-T2'])).toBe(0);
  });

  it('refuses an unknown programme and a period of the wrong kind', async () => {
    const file = await csv([['1371011705800001', null, null, '0', 'BRI', null]]);
    expect(await failure(importFile(file, { program: 'BLT' }))).toMatchObject({ code: 'PROGRAM_UNKNOWN' });
    expect(await failure(importFile(file, { period: '2026-03' }))).toMatchObject({
      code: 'PERIOD_KIND_MISMATCH',
    });
    expect(await failure(importFile(file, { period: '2026-13' }))).toMatchObject({ code: 'PERIOD_FORMAT' });
  });
});

describe('all or nothing', () => {
  it.each([
    { way: 'staged', directMinRows: Number.POSITIVE_INFINITY, period: '2023-T4' },
    // Linked while read: the lines were COPYed straight into allocation, and must go too.
    { way: 'linked while read', directMinRows: 1, period: '2023-T3' },
  ])(
    'leaves nothing when the import fails after reading ($way), and running it again works',
    async ({ directMinRows, period }) => {
      const service = createAllocationImportService({ ...t.services, directMinRows });
      const family = await buildPkhFamily(t.services, DESA, [{ birthDate: '1985-01-01' }]);
      const file = await csv([[family.headNik, null, null, '0', 'BRI', null]]);
      const audits = await db()
        .selectFrom('audit_log')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow();
      const error = await failure(
        service.importAllocations(admin, { program: 'PKH', period, filePath: file }, (_rows, stage) => {
          if (stage === 'menerapkan') throw new Error('putus di tengah');
        }),
      );
      expect((error as Error).message).toBe('putus di tengah');
      expect(await count('allocation_import', ['period', period])).toBe(0);
      expect(await count('allocation', ['period', period])).toBe(0);
      // Even the period the import would have created is gone.
      expect(await count('program_period', ['period', period])).toBe(0);
      const auditsAfter = await db()
        .selectFrom('audit_log')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow();
      expect(Number(auditsAfter.n)).toBe(Number(audits.n));

      const summary = await service.importAllocations(admin, { program: 'PKH', period, filePath: file });
      expect(summary.accepted).toBe(1);
      expect(summary.timingsMs.keys !== undefined).toBe(directMinRows === 1);
      const entries = await db()
        .selectFrom('audit_log')
        .select(['action', 'entity_id'])
        .where('action', '=', 'allocation.import')
        .where('entity_id', '=', String(summary.importId))
        .execute();
      expect(entries).toHaveLength(1);
    },
  );
});

describe('test file generators', () => {
  it('write allocation files the import reads back line for line', async () => {
    const families = await Promise.all(
      [0, 1, 2].map(() =>
        buildPkhFamily(t.services, DESA, [
          { birthDate: '1985-01-01' },
          { birthDate: '2015-01-01', schooling: 'SD' },
        ]),
      ),
    );
    const file = await writeLines(
      path.join(dir, 'generated.csv'),
      allocationCsvLines(families, { amount: 225_000, perFamily: 'head' }),
    );
    const summary = await importFile(file, { period: '2023-T3' });
    expect(summary).toMatchObject({ rowsRead: 3, accepted: 3, linked: 3, flaggedByReason: {} });
  });
});

describe('large files', () => {
  it('rebuilds the indexes and foreign keys it set aside for a large file', async () => {
    // 60,000 NIKs unknown to the registry, issued in kecamatan 137101 (one per day and serial).
    const rows: Array<Array<string | number | null>> = [];
    for (let i = 0; rows.length < 60_000; i++) {
      const day = new Date(Date.UTC(1950, 0, 1) + (i % 20_000) * 86_400_000).toISOString().slice(0, 10);
      const nik = encodeNik({
        kecamatanCode: '137101',
        birthDate: day,
        sex: 'L',
        serial: 10 + Math.floor(i / 20_000),
      });
      rows.push([nik, null, null, '750000', 'POS', null]);
    }
    const file = await csv(rows);
    const structure = async () => {
      const { rows: found } = await t.services.database.withConnection((raw) =>
        raw.query<{ name: string }>(
          `SELECT indexname AS name FROM pg_indexes WHERE tablename = 'allocation'
           UNION ALL SELECT conname FROM pg_constraint WHERE conrelid = 'allocation'::regclass AND contype = 'f'
           ORDER BY 1`,
        ),
      );
      return found.map((r) => r.name);
    };
    const before = await structure();
    expect(before).toContain('allocation_import_id_fkey');
    const summary = await importFile(file, { period: '2021-T1' });
    expect(summary).toMatchObject({
      accepted: 60_000,
      bulkLoad: true,
      flaggedByReason: { NIK_NOT_IN_REGISTRY: 60_000 },
    });
    expect(await structure()).toEqual(before);
    expect(await count('allocation', ['period', '2021-T1'])).toBe(60_000);
  }, 120_000);
});
