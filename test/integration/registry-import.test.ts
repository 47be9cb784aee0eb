import fs from 'node:fs';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeErrorReportFiles } from '../../src/modules/registry/import/error-report';
import { SYSTEM_ACTOR } from '../../src/platform/auth/actor';
import { createTestApp, type TestApp } from '../support/app';
import { newKk, personRow, tempDir, writeCsv, writeXlsx } from '../support/dtsen-fixture';

const DESA = '1371011001'; // Kel. in Padang Selatan, Kota Padang
const OTHER_DESA = '1371111001'; // Koto Tangah

let t: TestApp;
let dir: string;
const admin = { ...SYSTEM_ACTOR, username: 'uji', regionCode: '1371' };
const importFile = (filePath: string, extra: Record<string, unknown> = {}) =>
  t.services.registryImport.importDtsen(admin, { filePath, edition: '2026-01', ...extra });
const count = async (table: 'person' | 'household' | 'person_history' | 'registry_import') =>
  Number(
    (
      await t.services.database.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

beforeAll(async () => {
  t = await createTestApp();
  dir = tempDir();
});
afterAll(async () => {
  await t.dispose();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('reason codes', () => {
  it('rejects each kind of bad row with its code and file line, and accepts the rest', async () => {
    const kk = newKk(DESA);
    const good = personRow(kk, DESA);
    const rows = [
      good, // line 2
      personRow(kk, DESA, { NIK: '13710117058000', HUB_KELUARGA: 'ANAK' }), // 3 NIK_FORMAT
      personRow(kk, DESA, { NIK: '1,37101E+15', HUB_KELUARGA: 'ANAK' }), // 4 NIK_NUMERIC_CELL
      personRow(kk, DESA, { NIK: '1371013202800001', HUB_KELUARGA: 'ANAK' }), // 5 NIK_DATE (32/02)
      personRow(kk, DESA, { NIK: '1371011705800000', HUB_KELUARGA: 'ANAK' }), // 6 NIK_SERIAL
      personRow(kk, DESA, { NIK: '9999011705800001', HUB_KELUARGA: 'ANAK' }), // 7 NIK_REGION_UNKNOWN
      personRow('12345', DESA), // 8 KK_FORMAT
      personRow(newKk(DESA), DESA, { KODE_DESA: '13.71.01.9999' }), // 9 WILAYAH_UNKNOWN
      personRow(newKk(DESA), DESA, { KODE_DESA: '13.06.01.2001' }), // 10 WILAYAH_OUT_OF_SCOPE (Kab. Agam)
      personRow(kk, DESA, { NAMA: null, HUB_KELUARGA: 'ANAK' }), // 11 REQUIRED_FIELD
      personRow(kk, DESA, { TGL_LAHIR: '31/02/1980', HUB_KELUARGA: 'ANAK' }), // 12 DATE_INVALID
      { ...good, NAMA: 'Kembar' }, // 13 DUPLICATE_IN_FILE
      personRow(kk, DESA, {
        TGL_LAHIR: '18/05/1980',
        HUB_KELUARGA: 'ISTRI',
        birth: '1980-05-17',
        sex: 'P',
        JK: 'L',
      }), // 14 warnings
    ];
    const summary = await importFile(writeCsv(dir, 'kode.csv', rows));
    expect(summary).toMatchObject({ rowsRead: 13, accepted: 2, rejected: 11 });
    expect(summary.rejectedByReason).toEqual({
      NIK_FORMAT: 1,
      NIK_NUMERIC_CELL: 1,
      NIK_DATE: 1,
      NIK_SERIAL: 1,
      NIK_REGION_UNKNOWN: 1,
      KK_FORMAT: 1,
      WILAYAH_UNKNOWN: 1,
      WILAYAH_OUT_OF_SCOPE: 1,
      REQUIRED_FIELD: 1,
      DATE_INVALID: 1,
      DUPLICATE_IN_FILE: 1,
    });
    expect(summary.warningsByReason).toEqual({ NIK_BIRTHDATE_MISMATCH: 1, NIK_SEX_MISMATCH: 1 });
    const rejections = await t.services.database.db
      .selectFrom('registry_import_rejection')
      .select(['line', 'reasons'])
      .where('import_id', '=', summary.importId)
      .orderBy('line')
      .execute();
    expect(rejections.map((r) => [r.line, r.reasons[0]])).toEqual([
      [3, 'NIK_FORMAT'],
      [4, 'NIK_NUMERIC_CELL'],
      [5, 'NIK_DATE'],
      [6, 'NIK_SERIAL'],
      [7, 'NIK_REGION_UNKNOWN'],
      [8, 'KK_FORMAT'],
      [9, 'WILAYAH_UNKNOWN'],
      [10, 'WILAYAH_OUT_OF_SCOPE'],
      [11, 'REQUIRED_FIELD'],
      [12, 'DATE_INVALID'],
      [13, 'DUPLICATE_IN_FILE'],
    ]);
    const warned = await t.services.database.db
      .selectFrom('person')
      .select('nik_warnings')
      .where('nik', '=', String(rows[12]!.NIK))
      .executeTakeFirstOrThrow();
    expect(warned.nik_warnings.sort()).toEqual(['NIK_BIRTHDATE_MISMATCH', 'NIK_SEX_MISMATCH']);

    const report = await writeErrorReportFiles(t.services.database, summary.importId, `${dir}/kode.ditolak`);
    const csv = fs.readFileSync(report.csv, 'utf8');
    expect(csv.split('\n')[0]).toContain('BARIS,KODE_ALASAN,ALASAN,KOLOM_BERMASALAH,NO_KK,NIK,NAMA');
    expect(csv).toContain('4,NIK_NUMERIC_CELL');
    expect(csv).toContain('1,37101E+15');
    expect(csv).toMatch(/angka terakhirnya hilang/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(report.xlsx);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.rowCount).toBe(12);
    expect(sheet.getRow(2).getCell(1).value).toBe(3);
  });

  it('stops before reading rows when a required column is missing, and names it', async () => {
    const file = writeCsv(dir, 'tanpa-kk.csv', [personRow(newKk(DESA), DESA)], {
      headers: ['NIK', 'NAMA', 'KODE_DESA'],
    });
    await expect(importFile(file)).rejects.toMatchObject({
      code: 'COLUMN_MISSING',
      details: { missing: ['kk'] },
    });
  });

  it('accepts header synonyms, semicolons, tabs and a BOM, and --map for other headers', async () => {
    const kk = newKk(OTHER_DESA);
    const row = personRow(kk, OTHER_DESA);
    const headers = [
      'NOMOR KK',
      'no.nik',
      'Nama_Lengkap',
      'TANGGAL LAHIR',
      'JNS_KEL',
      'SHDK',
      'kode kelurahan',
    ];
    const renamed = {
      'NOMOR KK': row.NO_KK,
      'no.nik': row.NIK,
      Nama_Lengkap: row.NAMA,
      'TANGGAL LAHIR': row.TGL_LAHIR,
      JNS_KEL: '1',
      SHDK: '1',
      'kode kelurahan': OTHER_DESA,
    };
    const semi = await importFile(
      writeCsv(dir, 'semi.csv', [renamed], { delimiter: ';', bom: true, headers }),
    );
    expect(semi).toMatchObject({ accepted: 1, rejected: 0 });
    const tab = await importFile(writeCsv(dir, 'tab.tsv', [renamed], { delimiter: '\t', headers }));
    expect(tab).toMatchObject({ accepted: 1, rejected: 0 });
    const custom = ['KARTU', 'IDENTITAS', 'NAMA', 'KODE_DESA'];
    const mapped = await importFile(
      writeCsv(
        dir,
        'map.csv',
        [{ KARTU: row.NO_KK, IDENTITAS: row.NIK, NAMA: row.NAMA, KODE_DESA: OTHER_DESA }],
        { headers: custom },
      ),
      { map: ['KARTU=kk', 'IDENTITAS=nik'] },
    );
    expect(mapped).toMatchObject({ accepted: 1, rejected: 0 });
  });

  it('reads .xlsx: date cells, serial dates, and a NIK turned into a number is NIK_NUMERIC_CELL', async () => {
    const kk = newKk(OTHER_DESA);
    const a = personRow(kk, OTHER_DESA, { birth: '1975-01-02' });
    const b = personRow(kk, OTHER_DESA, { HUB_KELUARGA: 'ISTRI', birth: '1978-03-04', sex: 'P' });
    const c = personRow(kk, OTHER_DESA, { HUB_KELUARGA: 'ANAK' });
    const file = await writeXlsx(dir, 'dtsen.xlsx', [
      { ...a, TGL_LAHIR: new Date(Date.UTC(1975, 0, 2)) },
      { ...b, TGL_LAHIR: 28553 },
      { ...c, NIK: Number(c.NIK) },
    ]);
    const summary = await importFile(file);
    expect(summary).toMatchObject({ accepted: 2, rejected: 1, rejectedByReason: { NIK_NUMERIC_CELL: 1 } });
    const stored = await t.services.database.db
      .selectFrom('person')
      .select('birth_date')
      .where('nik', '=', String(b.NIK))
      .executeTakeFirstOrThrow();
    expect(stored.birth_date).toBe('1978-03-04');
  });
});

describe('editions', () => {
  const kkA = newKk('1371021001');
  const desaA = '1371021001';
  const head = personRow(kkA, desaA, { NAMA: 'Afrizal' });
  const wife = personRow(kkA, desaA, {
    NAMA: 'Yulia Rahmi',
    HUB_KELUARGA: 'ISTRI',
    birth: '1983-02-10',
    sex: 'P',
  });
  const child = personRow(kkA, desaA, { NAMA: 'Rahmat', HUB_KELUARGA: 'ANAK', birth: '2010-06-01' });
  const grandma = personRow(kkA, desaA, {
    NAMA: 'Nurhayati',
    HUB_KELUARGA: 'ORANG TUA',
    birth: '1950-01-01',
    sex: 'P',
  });

  it('re-importing the same file changes nothing', async () => {
    const file = writeCsv(dir, 'edisi1.csv', [head, wife, child, grandma]);
    const first = await importFile(file);
    expect(first.persons).toMatchObject({ inserted: 4, updated: 0, unchanged: 0 });
    const historyBefore = await count('person_history');
    const again = await importFile(file);
    expect(again.persons).toEqual({ inserted: 0, updated: 0, unchanged: 4, absent: 0 });
    expect(again.households).toEqual({ inserted: 0, updated: 0, kkChanged: 0 });
    expect(await count('person_history')).toBe(historyBefore);
  });

  it('a later edition updates people with history, moves a child to a new KK, records a death, flags the absent', async () => {
    const newKkOfChild = newKk(desaA);
    const file = writeCsv(dir, 'edisi2.csv', [
      { ...head, NAMA: 'Afrizal Chaniago' },
      { ...wife, STATUS: 'MENINGGAL' },
      { ...child, NO_KK: newKkOfChild, HUB_KELUARGA: 'KEPALA KELUARGA' },
      // grandma is not in this edition
    ]);
    const summary = await importFile(file, { edition: '2026-04' });
    expect(summary.persons).toMatchObject({ inserted: 0, updated: 3, absent: 1 });
    expect(summary.households).toMatchObject({ inserted: 1 });
    const db = t.services.database.db;
    const headNow = await db
      .selectFrom('person')
      .select(['id', 'name'])
      .where('nik', '=', String(head.NIK))
      .executeTakeFirstOrThrow();
    expect(headNow.name).toBe('Afrizal Chaniago');
    const history = await db
      .selectFrom('person_history')
      .select(['change', 'fields'])
      .where('person_id', '=', headNow.id)
      .orderBy('id')
      .execute();
    expect(history.map((h) => h.change)).toEqual(['UPDATE']);
    expect(history[0]!.fields).toEqual({ name: ['Afrizal', 'Afrizal Chaniago'] });
    const record = await t.services.persons.get(admin, headNow.id);
    expect(record.history.map((h) => h.change)).toEqual(['UPDATE', 'INSERT']);
    expect(record.history[1]!.source).toMatchObject({ kind: 'import', edition: '2026-01' });
    const childHistory = await db
      .selectFrom('person_history as h')
      .innerJoin('person as p', 'p.id', 'h.person_id')
      .select('h.fields')
      .where('p.nik', '=', String(child.NIK))
      .where('h.change', '=', 'UPDATE')
      .executeTakeFirstOrThrow();
    expect(childHistory.fields).toMatchObject({
      kk: [kkA, newKkOfChild],
      relationship: ['ANAK', 'KEPALA_KELUARGA'],
    });
    const wifeNow = await db
      .selectFrom('person')
      .select('status')
      .where('nik', '=', String(wife.NIK))
      .executeTakeFirstOrThrow();
    expect(wifeNow.status).toBe('MENINGGAL');
    const grandmaNow = await db
      .selectFrom('person')
      .select(['absent_since_edition', 'status'])
      .where('nik', '=', String(grandma.NIK))
      .executeTakeFirstOrThrow();
    expect(grandmaNow).toEqual({ absent_since_edition: '2026-04', status: 'HIDUP' });
  });

  it('the same family under a new KK number keeps its household and records the old KK', async () => {
    const renumbered = newKk(desaA);
    const summary = await importFile(
      writeCsv(dir, 'edisi3.csv', [
        { ...head, NO_KK: renumbered, NAMA: 'Afrizal Chaniago' },
        { ...wife, NO_KK: renumbered, STATUS: 'MENINGGAL' },
      ]),
      { edition: '2026-07' },
    );
    expect(summary.households).toMatchObject({ inserted: 0, kkChanged: 1 });
    const db = t.services.database.db;
    const household = await db
      .selectFrom('household')
      .select(['id'])
      .where('kk', '=', renumbered)
      .executeTakeFirstOrThrow();
    const kkHistory = await db
      .selectFrom('household_kk_history')
      .select(['kk'])
      .where('household_id', '=', household.id)
      .execute();
    expect(kkHistory.map((h) => h.kk)).toEqual([kkA]);
  });

  it('refuses an edition older than the latest imported one', async () => {
    await expect(importFile(writeCsv(dir, 'lama.csv', [head]), { edition: '2025-12' })).rejects.toMatchObject(
      {
        code: 'EDITION_OLDER_THAN_CURRENT',
      },
    );
  });
});

describe('absent people', () => {
  // A registry of its own: the editions of the tests above do not interfere.
  let own: TestApp;
  beforeAll(async () => {
    own = await createTestApp();
  });
  afterAll(async () => {
    await own.dispose();
  });
  const importInto = (app: TestApp, filePath: string, extra: Record<string, unknown>) =>
    app.services.registryImport.importDtsen(admin, { filePath, ...extra });

  it('flags only the people of the kecamatan the file covers, and records those who come back', async () => {
    const desaB = '1371031001';
    const desaC = '1371041001';
    const kkB = newKk(desaB);
    const kkC = newKk(desaC);
    const b1 = personRow(kkB, desaB, { NAMA: 'Bujang' });
    const b2 = personRow(kkB, desaB, { NAMA: 'Upik', HUB_KELUARGA: 'ANAK', birth: '2012-03-04', sex: 'P' });
    const c1 = personRow(kkC, desaC, { NAMA: 'Sutan' });
    await importInto(own, writeCsv(dir, 'dua-kecamatan.csv', [b1, b2, c1]), { edition: '2026-08' });
    // Only kecamatan 137103 in the file, without Upik: she is absent, Sutan (137104) is left alone.
    const partial = await importInto(own, writeCsv(dir, 'sebagian.csv', [b1]), { edition: '2026-09' });
    expect(partial.persons).toEqual({ inserted: 0, updated: 0, unchanged: 1, absent: 1 });
    const db = own.services.database.db;
    const state = async (nik: unknown) =>
      db
        .selectFrom('person')
        .select(['id', 'absent_since_edition'])
        .where('nik', '=', String(nik))
        .executeTakeFirstOrThrow();
    expect((await state(b2.NIK)).absent_since_edition).toBe('2026-09');
    expect((await state(c1.NIK)).absent_since_edition).toBeNull();
    // Upik is back in the next edition: RETURNED in her history, no longer absent.
    const back = await importInto(own, writeCsv(dir, 'kembali.csv', [b1, b2]), { edition: '2026-10' });
    expect(back.persons).toEqual({ inserted: 0, updated: 0, unchanged: 2, absent: 0 });
    const upik = await state(b2.NIK);
    expect(upik.absent_since_edition).toBeNull();
    const history = await db
      .selectFrom('person_history')
      .select(['change', 'fields'])
      .where('person_id', '=', upik.id)
      .orderBy('id')
      .execute();
    expect(history.map((h) => h.change)).toEqual(['ABSENT', 'RETURNED']);
    expect(history[1]!.fields).toEqual({ absentSince: '2026-09' });
  });
});

describe('atomicity', () => {
  it('an import failing halfway leaves the registry exactly as before', async () => {
    const before = {
      person: await count('person'),
      household: await count('household'),
      imports: await count('registry_import'),
    };
    const kk = newKk(OTHER_DESA);
    const file = writeCsv(dir, 'gagal.csv', [
      personRow(kk, OTHER_DESA),
      personRow(kk, OTHER_DESA, { HUB_KELUARGA: 'ANAK' }),
    ]);
    // A constraint added for the test makes the household insert fail after the rows are staged.
    const { sql } = await import('kysely');
    await sql`ALTER TABLE household ADD CONSTRAINT test_no_new_households CHECK (region_code <> ${sql.lit(OTHER_DESA)}) NOT VALID`.execute(
      t.services.database.db,
    );
    await expect(importFile(file, { edition: '2026-07' })).rejects.toThrow();
    await sql`ALTER TABLE household DROP CONSTRAINT test_no_new_households`.execute(t.services.database.db);
    expect({
      person: await count('person'),
      household: await count('household'),
      imports: await count('registry_import'),
    }).toEqual(before);
    const retried = await importFile(file, { edition: '2026-07' });
    expect(retried.persons.inserted).toBe(2);
  });
});
