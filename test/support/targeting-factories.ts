import type { Db } from '../../src/db/database';
import { encodeNik } from '../../src/domain/nik';

/**
 * Small factories for the targeting tests: families with chosen members and desil, programme
 * periods, allocation lines inserted directly (the allocation import has its own tests).
 */
let serial = 6000;
const nextSerial = () => ++serial;

export interface MemberSpec {
  relationship?: string;
  birthDate?: string;
  sex?: 'L' | 'P';
  status?: 'HIDUP' | 'MENINGGAL' | 'PINDAH';
  absentSince?: string | null;
  schooling?: string | null;
  severeDisability?: boolean;
  pregnancyDueDate?: string | null;
}

export interface Family {
  id: number;
  kk: string;
  region: string;
  members: Array<{ id: number; nik: string; name: string }>;
}

/** A household in `region` with the given members (default: a living head born 1980) and desil. */
export async function buildFamily(
  db: Db,
  region: string,
  options: { desil?: number | null; edition?: string; members?: MemberSpec[] } = {},
): Promise<Family> {
  const kecamatan = region.slice(0, 6);
  const n = nextSerial();
  const kk = `${kecamatan}020230${String(n).padStart(4, '0')}`;
  const household = await db
    .insertInto('household')
    .values({ kk, kabupaten_code: region.slice(0, 4), region_code: region, address: `Jl. Sasaran ${n}` })
    .returning('id')
    .executeTakeFirstOrThrow();
  const specs = options.members ?? [{ relationship: 'KEPALA_KELUARGA' }];
  const members: Family['members'] = [];
  for (const [i, spec] of specs.entries()) {
    const birthDate = spec.birthDate ?? '1980-05-17';
    const sex = spec.sex ?? 'L';
    const nik = encodeNik({ kecamatanCode: kecamatan, birthDate, sex, serial: nextSerial() });
    const name = `Warga ${n}-${i + 1}`;
    const row = await db
      .insertInto('person')
      .values({
        nik,
        household_id: household.id,
        kabupaten_code: region.slice(0, 4),
        region_code: region,
        name,
        birth_date: birthDate,
        sex,
        relationship: spec.relationship ?? (i === 0 ? 'KEPALA_KELUARGA' : 'ANAK'),
        status: spec.status ?? 'HIDUP',
        absent_since_edition: spec.absentSince ?? null,
        schooling: spec.schooling ?? null,
        severe_disability: spec.severeDisability ?? false,
        pregnancy_due_date: spec.pregnancyDueDate ?? null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    members.push({ id: row.id, nik, name });
  }
  if (options.desil !== null) {
    await db
      .insertInto('household_desil')
      .values({
        household_id: household.id,
        edition: options.edition ?? '2026-01',
        desil: options.desil ?? 2,
      })
      .execute();
  }
  return { id: household.id, kk, region, members };
}

/** A local (APBD) programme, inserted directly: creating one is the programmes module's work. */
export async function insertLocalProgram(db: Db, code: string, budget: number, benefitAmount: number) {
  await db
    .insertInto('program')
    .values({
      code,
      name: `Sembako Daerah ${code}`,
      kind: 'LOCAL',
      funding: 'APBD',
      period_kinds: ['MONTH', 'QUARTER'],
      budget,
      benefit_amount: benefitAmount,
    })
    .execute();
}

/** The period row and one allocation import (source FILE) to hang lines on. */
export async function insertImport(
  db: Db,
  program: string,
  period: string,
  status: 'OPEN' | 'FINAL' = 'OPEN',
) {
  await db
    .insertInto('program_period')
    .values({ program_code: program, period, status })
    .onConflict((oc) => oc.columns(['program_code', 'period']).doNothing())
    .execute();
  const row = await db
    .insertInto('allocation_import')
    .values({
      program_code: program,
      period,
      source: 'FILE',
      file_name: 'uji.csv',
      rows_read: 0,
      accepted: 0,
      rejected: 0,
      summary: '{}',
      started_at: new Date(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

let line = 0;

/** One allocation line; `family` links it the way the import does (NIK → person → household). */
export async function insertAllocation(
  db: Db,
  importId: number,
  program: string,
  period: string,
  line_: {
    nik: string;
    family?: Family | null;
    householdId?: number | null;
    scopeCode?: string;
    flags?: string[];
    amount?: number;
  },
) {
  const household = line_.householdId !== undefined ? line_.householdId : (line_.family?.id ?? null);
  const row = await db
    .insertInto('allocation')
    .values({
      import_id: importId,
      line: ++line,
      program_code: program,
      period,
      nik: line_.nik,
      kk: line_.family?.kk ?? null,
      name: 'Penerima',
      amount: line_.amount ?? 200_000,
      channel: 'BRI',
      household_id: household,
      person_id: null,
      scope_code: line_.scopeCode ?? line_.family?.region ?? line_.nik.slice(0, 6),
      flags: line_.flags ?? [],
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}
