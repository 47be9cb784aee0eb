import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeNik } from '../../src/domain/nik';
import { computePkhBenefit, pkhRulesFrom } from '../../src/domain/pkh-benefit';
import { createAllocationImportService } from '../../src/modules/allocations/import-service';
import { PKH_MEMBER_COLUMNS, pkhMemberOf } from '../../src/modules/allocations/repository';
import { rulesAt } from '../../src/modules/programs/period-rules';
import { SYSTEM_ACTOR } from '../../src/platform/auth/actor';
import { createTestApp, type TestApp } from '../support/app';
import { ALLOCATION_CSV_HEADERS, writeLines } from '../support/distribution-files';
import { tempDir } from '../support/dtsen-fixture';
import { buildPkhFamily, edgeFamily, random } from '../support/pkh-families';

/**
 * The first large allocation file of a programme period is linked while it is read and written
 * straight into `allocation` (direct-import.ts); every other file goes through the staging table
 * and the set-based insert (apply-sql.ts). Both must store the same lines (registry link, scope,
 * flags, expected amount, calculation), reject the same lines with the same reasons and original
 * cells, and summarise the same counts. The same file is imported staged, direct in this thread
 * and direct in a worker thread into the same period (each import removed again before the
 * next: the direct way only takes a period's first file), for PKH and for Sembako.
 */

const DESA = '1371011002';
const PERIOD = { code: '2026-T3', start: '2026-07-01', end: '2026-09-30', months: 3 };
const OTHER_DESA = '1371031001';
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

const db = () => t.services.database.db;

/** Registry families on the PKH rule's edges, a person without household, and a file naming them every way. */
let scenarios = 0;

async function scenario() {
  const n = ++scenarios;
  const next = random(20261207 + n);
  const families: Awaited<ReturnType<typeof buildPkhFamily>>[] = [];
  for (let i = 0; i < 40; i++)
    families.push(await buildPkhFamily(t.services, i % 3 ? DESA : OTHER_DESA, edgeFamily(next)));
  // Sanctioned households (their entitlement is cut by 10 %: given the uncut amount, they differ).
  for (const family of families.filter((_, i) => i % 5 === 2)) {
    await db()
      .insertInto('kpm_noncompliance')
      .values({ household_id: family.id, program_code: 'PKH', period: '2026-T3', reason: 'Absen faskes' })
      .execute();
  }
  const loner = await db()
    .insertInto('person')
    .values({
      nik: encodeNik({ kecamatanCode: '137103', birthDate: '1950-05-05', sex: 'L', serial: 70 + n }),
      kabupaten_code: '1371',
      region_code: OTHER_DESA,
      name: 'Tanpa Keluarga',
      birth_date: '1950-05-05',
      sex: 'L',
    })
    .returning('nik')
    .executeTakeFirstOrThrow();
  const amounts = ['0', '1', '225000', '750000', '975000', '1.500.000', '2400000'];
  const lines: string[] = [];
  const entitled = await entitlements(families.map((f) => f.id));
  families.forEach((family, i) => {
    // Every third household is given exactly its entitlement.
    const amount =
      i % 3 === 2 ? String(entitled.get(family.id)) : amounts[Math.floor(next() * amounts.length)]!;
    // A wrong KK (another family's) on some lines; none on others.
    const kk = i % 6 === 1 ? families[(i + 1) % families.length]!.kk : i % 6 === 4 ? '' : family.kk;
    const name = i % 4 === 0 ? `"Ibu ${i}, ""Sri"""` : `Ibu ${i}`;
    lines.push(
      `${family.headNik},${kk},${name},${amount},${i % 2 ? 'BRI' : 'POS'},${i % 2 ? `1000${i}` : ''}`,
    );
    // A second member of some households, with another amount (one of the two may match).
    const second = family.members[1];
    if (second && i % 3 === 0) lines.push(`${second.nik},${family.kk},,${amounts[i % amounts.length]},BRI,`);
  });
  lines.push(
    `${loner.nik},,Tanpa Keluarga,750000,BNI,20002`, // in the registry without a household
    `${encodeNik({ kecamatanCode: '137111', birthDate: '1980-01-01', sex: 'P', serial: 10 + n })},,,750000,BRI,`, // unknown, this kabupaten
    `${encodeNik({ kecamatanCode: '327301', birthDate: '1980-01-01', sex: 'P', serial: 10 + n })},,,750000,BRI,`, // unknown, elsewhere
    '1371033208790001,,NIK tanpa tanggal,750000,BRI,', // 16 digits, no such date: kept, NIK_INVALID
    `${families[0]!.headNik},,,750000,BRI,`, // the same NIK again: DUPLICATE_IN_FILE
    `${families[1]!.headNik.slice(0, 15)},,,750000,BRI,`, // NIK_FORMAT
    `${families[2]!.members.at(-1)!.nik},,,"1,500",BRI,`, // AMOUNT_AMBIGUOUS (unless a duplicate first)
    `${families[3]!.members.at(-1)!.nik},,,1,500,000,BRI,`, // EXTRA_CELLS (an unquoted 1,500,000)
    `${encodeNik({ kecamatanCode: '137101', birthDate: '1970-02-02', sex: 'P', serial: 5 })},,,750000,OVO,`, // CHANNEL_UNKNOWN
  );
  return writeLines(path.join(dir, `alokasi-${lines.length}.csv`), [
    ALLOCATION_CSV_HEADERS.join(','),
    ...lines,
  ]);
}

/** Each household's PKH entitlement in 2026-T3, as computePkhBenefit gives it (sanctions aside). */
async function entitlements(households: number[]) {
  const rules = pkhRulesFrom(await rulesAt(db(), 'PKH', PERIOD.start));
  const persons = await db()
    .selectFrom('person')
    .select([...PKH_MEMBER_COLUMNS, 'household_id'])
    .where('household_id', 'in', households)
    .execute();
  return new Map(
    households.map((id) => [
      id,
      computePkhBenefit(persons.filter((p) => p.household_id === id).map(pkhMemberOf), PERIOD, rules, {
        sanctioned: false,
      }).expected,
    ]),
  );
}

async function view(importId: number) {
  const lines = await db()
    .selectFrom('allocation')
    .select([
      'line',
      'nik',
      'kk',
      'name',
      'amount',
      'channel',
      'account',
      'household_id',
      'person_id',
      'scope_code',
      'flags',
      'expected_amount',
      'calculation',
    ])
    .where('import_id', '=', importId)
    .orderBy('line')
    .execute();
  const rejections = await db()
    .selectFrom('allocation_import_rejection')
    .select(['line', 'reasons', 'fields', 'original'])
    .where('import_id', '=', importId)
    .orderBy('line')
    .execute();
  const row = await db()
    .selectFrom('allocation_import')
    .select(['rows_read', 'accepted', 'rejected', 'file_name'])
    .where('id', '=', importId)
    .executeTakeFirstOrThrow();
  return { lines, rejections, row };
}

/** Takes an import out again, so that the next one is the period's first. */
async function removeImport(importId: number) {
  await db().deleteFrom('allocation').where('import_id', '=', importId).execute();
  await db().deleteFrom('allocation_import_rejection').where('import_id', '=', importId).execute();
  await db().deleteFrom('allocation_import').where('id', '=', importId).execute();
}

const WAYS = [
  { name: 'staged', directMinRows: Number.POSITIVE_INFINITY, workerMinRows: Number.POSITIVE_INFINITY },
  { name: 'direct', directMinRows: 1, workerMinRows: Number.POSITIVE_INFINITY },
  { name: 'direct in a worker', directMinRows: 1, workerMinRows: 1 },
];

async function importEveryWay(file: string, program: string, period: string) {
  const results = [];
  for (const way of WAYS) {
    const service = createAllocationImportService({ ...t.services, ...way });
    const summary = await service.importAllocations(admin, { program, period, filePath: file });
    expect(summary.timingsMs.keys !== undefined, way.name).toBe(way.directMinRows === 1);
    const { importId, timingsMs: _t, bulkLoad: _b, ...rest } = summary;
    if (way.directMinRows === 1) {
      // Lines keep ids in the file's order (the lists and the Berita Acara detail follow ids).
      const byId = await db()
        .selectFrom('allocation')
        .select('line')
        .where('import_id', '=', importId)
        .orderBy('id')
        .execute();
      const lines = byId.map((l) => l.line);
      expect(lines, way.name).toEqual([...lines].sort((a, b) => a - b));
    }
    results.push({ summary: rest, ...(await view(importId)) });
    await removeImport(importId);
  }
  return results;
}

describe('allocation import: linked while read, or staged', () => {
  it('stores, flags, rejects and counts the same PKH lines either way', async () => {
    const file = await scenario();
    const [staged, direct, worker] = await importEveryWay(file, 'PKH', PERIOD.code);

    // The file does reach every case (the other two ways must equal this).
    const flags = new Set(staged!.lines.flatMap((l) => l.flags));
    expect(flags).toEqual(new Set(['NIK_NOT_IN_REGISTRY', 'NIK_INVALID', 'KK_MISMATCH', 'AMOUNT_MISMATCH']));
    expect(staged!.lines.filter((l) => l.calculation !== null).length).toBeGreaterThan(5);
    expect(staged!.lines.filter((l) => l.household_id !== null && !l.flags.length).length).toBeGreaterThan(3);
    expect(staged!.lines.map((l) => l.scope_code)).toEqual(expect.arrayContaining(['137111', '1371']));
    expect(staged!.summary.rejectedByReason).toEqual({
      DUPLICATE_IN_FILE: 1,
      NIK_FORMAT: 1,
      AMOUNT_AMBIGUOUS: 1,
      CHANNEL_UNKNOWN: 1,
      EXTRA_CELLS: 1,
    });
    expect(staged!.summary.households).toBeGreaterThan(35);

    expect(direct).toEqual(staged);
    expect(worker).toEqual(staged);
  }, 60_000);

  it('stores the same Sembako lines either way (one expected amount for every line)', async () => {
    const file = await scenario();
    const [staged, direct, worker] = await importEveryWay(file, 'SEMBAKO', '2026-Q3');
    expect(staged!.lines.filter((l) => l.calculation !== null).length).toBeGreaterThan(5);
    expect(staged!.lines.every((l) => l.expected_amount === 600_000)).toBe(true);
    expect(direct).toEqual(staged);
    expect(worker).toEqual(staged);
  }, 60_000);
});
