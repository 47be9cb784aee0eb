import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PERSON_COPY_COLUMNS } from '../../src/modules/registry/import/first-load';
import { createRegistryImportService } from '../../src/modules/registry/import/service';
import { SYSTEM_ACTOR } from '../../src/platform/auth/actor';
import { ValidationError } from '../../src/platform/errors';
import { createTestApp, type TestApp } from '../support/app';
import { type FixtureRow, newKk, personRow, tempDir, writeCsv } from '../support/dtsen-fixture';

/**
 * A first load into an empty registry writes people straight into `person` (first-load.ts);
 * it must leave exactly what the staged path leaves. The same file goes into two empty
 * databases, one through each path (the threshold lowered to 1 line for the first).
 */
const DESA = '1371011001';
const OTHER_DESA = '1371111001';
const admin = { ...SYSTEM_ACTOR, username: 'uji', regionCode: '1371' };

let firstLoadApp: TestApp;
let stagedApp: TestApp;
let workerApp: TestApp;
let dir: string;

beforeAll(async () => {
  [firstLoadApp, stagedApp, workerApp] = await Promise.all([
    createTestApp(),
    createTestApp(),
    createTestApp(),
  ]);
  dir = tempDir();
});
afterAll(async () => {
  await Promise.all([firstLoadApp.dispose(), stagedApp.dispose(), workerApp.dispose()]);
  fs.rmSync(dir, { recursive: true, force: true });
});

/** The import service of `t` with its thresholds lowered to one line. */
const serviceOf = (t: TestApp, lowered: { firstLoadMinRows?: number; workerMinRows?: number }) =>
  createRegistryImportService({
    database: t.services.database,
    config: t.services.config,
    clock: t.services.clock,
    audit: t.services.audit,
    ...lowered,
  });
const firstLoadService = () => serviceOf(firstLoadApp, { firstLoadMinRows: 1 });

/** Everything an import writes, ids included, timestamps left out. */
async function snapshot(t: TestApp) {
  const db = t.services.database.db;
  return {
    persons: await db
      .selectFrom('person')
      .select(['id', ...PERSON_COPY_COLUMNS, 'absent_since_edition'])
      .orderBy('id')
      .execute(),
    households: await db
      .selectFrom('household')
      .select(['id', 'kk', 'kabupaten_code', 'region_code', 'address', 'rt', 'rw', 'id_dtsen', 'id_dtks'])
      .orderBy('id')
      .execute(),
    desil: await db.selectFrom('household_desil').selectAll().orderBy('household_id').execute(),
    rejections: await db
      .selectFrom('registry_import_rejection')
      .select(['line', 'reasons', 'fields', 'original'])
      .orderBy('line')
      .execute(),
    history: await db.selectFrom('person_history').select(['person_id', 'change', 'fields']).execute(),
    kkHistory: await db.selectFrom('household_kk_history').select(['household_id', 'kk']).execute(),
  };
}

function mixedFile(): string {
  const kkA = newKk(DESA);
  const kkB = newKk(DESA);
  const kkC = newKk(OTHER_DESA);
  const good = personRow(kkC, OTHER_DESA, { DESIL: null });
  const rows: FixtureRow[] = [
    // A family whose head comes after a child: the head's row describes the household.
    personRow(kkA, DESA, { HUB_KELUARGA: 'ANAK', birth: '2010-03-04', ALAMAT: 'Jl. Anak', RT: '3' }),
    personRow(kkA, DESA, { ALAMAT: 'Jl. Kepala, No. 1', DESIL: '2' }),
    personRow(kkA, DESA, { HUB_KELUARGA: 'ISTRI', sex: 'P', JK: 'L' }), // NIK_SEX_MISMATCH warning
    // No relationship on the first row: the second row, with one, describes the household.
    personRow(kkB, DESA, { HUB_KELUARGA: null, NAMA: 'Siti "Ucok" Aminah' }),
    personRow(kkB, DESA, { HUB_KELUARGA: 'CUCU', ALAMAT: 'Jl. Cucu', DESIL: '5' }),
    good,
    { ...good, NAMA: 'Kembar' }, // DUPLICATE_IN_FILE
    personRow(newKk(DESA), DESA, { NIK: '123' }), // NIK_FORMAT
    personRow(newKk(DESA), DESA, { KODE_DESA: '13.71.01.9999' }), // WILAYAH_UNKNOWN
    personRow(kkC, OTHER_DESA, { HUB_KELUARGA: 'ANAK', STATUS: 'MENINGGAL', birth: '2001-12-31' }),
  ];
  return writeCsv(dir, 'campuran.csv', rows);
}

describe('first load into an empty registry', () => {
  it('leaves exactly what the staged path leaves, and later imports take the staged path', async () => {
    const file = mixedFile();
    const input = { filePath: file, edition: '2026-01' };
    const viaFirstLoad = await firstLoadService().importDtsen(admin, input);
    const viaStaging = await stagedApp.services.registryImport.importDtsen(admin, input);
    expect(viaFirstLoad.firstLoad).toBe(true);
    expect(viaStaging.firstLoad).toBe(false);
    const { timingsMs: _a, firstLoad: _b, ...firstSummary } = viaFirstLoad;
    const { timingsMs: _c, firstLoad: _d, ...stagedSummary } = viaStaging;
    expect(firstSummary).toEqual(stagedSummary);
    expect(firstSummary).toMatchObject({ rowsRead: 10, accepted: 7, rejected: 3 });
    expect(firstSummary.persons).toEqual({ inserted: 7, updated: 0, unchanged: 0, absent: 0 });
    expect(firstSummary.households).toEqual({ inserted: 3, updated: 0, kkChanged: 0 });
    const first = await snapshot(firstLoadApp);
    expect(first).toEqual(await snapshot(stagedApp));
    expect(first.households.map((h) => h.address)).toEqual(['Jl. Kepala, No. 1', 'Jl. Cucu', 'Jl. Uji']);
    expect(first.desil.map((d) => d.desil)).toEqual([2, 5]);

    // The registry is no longer empty: the same file again is unchanged, a new family gets
    // the next household id (the sequence moved past the ids the first load gave).
    const again = await firstLoadService().importDtsen(admin, input);
    expect(again.firstLoad).toBe(false);
    expect(again.persons).toEqual({ inserted: 0, updated: 0, unchanged: 7, absent: 0 });
    const later = writeCsv(dir, 'baru.csv', [personRow(newKk(DESA), DESA)]);
    const added = await firstLoadService().importDtsen(admin, { filePath: later, edition: '2026-02' });
    expect(added.households.inserted).toBe(1);
    const ids = (await snapshot(firstLoadApp)).households.map((h) => Number(h.id));
    expect(ids).toEqual([1, 2, 3, 4].map((n) => n + ids[0]! - 1));
  });

  it('describes a household by its head also when the head comes after other families', async () => {
    // Households are written while the file is read, when it moves on to the next KK: a KK
    // that comes back later with a better row is corrected at the end (first-load.ts).
    const kkD = newKk(DESA);
    const kkE = newKk(DESA);
    const kkF = newKk(OTHER_DESA);
    const file = writeCsv(dir, 'kepala-belakangan.csv', [
      personRow(kkD, DESA, { HUB_KELUARGA: 'ANAK', birth: '2012-01-02', ALAMAT: 'Jl. D anak', DESIL: '3' }),
      personRow(kkE, DESA, { HUB_KELUARGA: null, ALAMAT: 'Jl. E', DESIL: null }),
      personRow(kkF, OTHER_DESA, { ALAMAT: 'Jl. F' }),
      personRow(kkE, DESA, { HUB_KELUARGA: 'ISTRI', sex: 'P', ALAMAT: 'Jl. E istri', DESIL: '7' }),
      personRow(kkD, OTHER_DESA, { ALAMAT: 'Jl. D kepala', RT: '9', DESIL: null }),
      personRow(kkD, DESA, { HUB_KELUARGA: 'ANAK', birth: '2014-01-02', ALAMAT: 'Jl. D anak 2' }),
    ]);
    const input = { filePath: file, edition: '2026-01' };
    const [a, b] = await Promise.all([createTestApp(), createTestApp()]);
    try {
      const viaFirstLoad = await serviceOf(a, { firstLoadMinRows: 1 }).importDtsen(admin, input);
      const viaStaging = await b.services.registryImport.importDtsen(admin, input);
      expect(viaFirstLoad.firstLoad).toBe(true);
      const { timingsMs: _a, firstLoad: _b, importId: _c, ...firstSummary } = viaFirstLoad;
      const { timingsMs: _d, firstLoad: _e, importId: _f, ...stagedSummary } = viaStaging;
      expect(firstSummary).toEqual(stagedSummary);
      const first = await snapshot(a);
      expect(first).toEqual(await snapshot(b));
      expect(first.households.map((h) => [h.address, h.region_code, h.rt])).toEqual([
        ['Jl. D kepala', OTHER_DESA, '009'],
        ['Jl. E istri', DESA, '001'],
        ['Jl. F', OTHER_DESA, '001'],
      ]);
      expect(first.desil.map((d) => d.desil)).toEqual([7, 3]);
    } finally {
      await Promise.all([a.dispose(), b.dispose()]);
    }
  });
});

describe('reading in a worker thread', () => {
  it('gives what reading in this thread gives, on a first load and on a re-import', async () => {
    const file = mixedFile();
    const input = { filePath: file, edition: '2026-01' };
    const worker = serviceOf(workerApp, { firstLoadMinRows: 1, workerMinRows: 1 });
    const viaWorker = await worker.importDtsen(admin, input);
    const inThread = await serviceOf(stagedApp, { workerMinRows: 1_000_000 }).importDtsen(admin, {
      ...input,
      edition: '2026-03',
    });
    expect(viaWorker.firstLoad).toBe(true);
    expect(viaWorker).toMatchObject({ rowsRead: 10, accepted: 7, rejected: 3 });
    expect(viaWorker.rejectedByReason).toEqual({ DUPLICATE_IN_FILE: 1, NIK_FORMAT: 1, WILAYAH_UNKNOWN: 1 });
    expect(viaWorker.warningsByReason).toEqual(inThread.warningsByReason);
    const rejections = await workerApp.services.database.db
      .selectFrom('registry_import_rejection')
      .select(['line', 'reasons', 'original'])
      .orderBy('line')
      .execute();
    expect(rejections.map((r) => r.line)).toEqual([8, 9, 10]);
    expect(rejections[1]!.original).toMatchObject({ NIK: '123' });

    const again = await worker.importDtsen(admin, { ...input, edition: '2026-02' });
    expect(again.firstLoad).toBe(false);
    expect(again.persons).toEqual({ inserted: 0, updated: 0, unchanged: 7, absent: 0 });
  });

  it('answers a broken file with the same error as reading in this thread', async () => {
    const broken = path.join(dir, 'rusak.csv');
    const good = writeCsv(dir, 'baik.csv', [personRow(newKk(DESA), DESA)]);
    fs.writeFileSync(broken, `${fs.readFileSync(good, 'utf8')}"1371,"tanpa penutup\r\n`);
    const input = { filePath: broken, edition: '2026-05' };
    const inWorker = serviceOf(workerApp, { workerMinRows: 1 }).importDtsen(admin, input);
    const inThread = serviceOf(workerApp, {}).importDtsen(admin, input);
    const [a, b] = await Promise.allSettled([inWorker, inThread]);
    expect(a.status).toBe('rejected');
    expect(b.status).toBe('rejected');
    const errorOf = (r: PromiseSettledResult<unknown>) =>
      (r as PromiseRejectedResult).reason as Error & { code: string };
    expect(errorOf(a)).toBeInstanceOf(ValidationError);
    expect({ code: errorOf(a).code, message: errorOf(a).message }).toEqual({
      code: errorOf(b).code,
      message: errorOf(b).message,
    });
    expect(errorOf(a).code).toBe('FILE_FORMAT');
  });
});
