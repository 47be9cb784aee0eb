import { csvRow } from '../../db/copy-csv';
import type { SalurDatabase } from '../../db/database';
import type { RawConnection } from '../../db/raw-connection';
import { ConflictError } from '../../platform/errors';
import { analyzeRegistry } from '../registry/import/apply-sql';
import {
  DEMO_DESIL_EDITION,
  DEMO_KOTA_CODE,
  type DemoHousehold,
  type DemoRegion,
  generateDemoRegistry,
} from './generator';

/**
 * Writes the synthetic Kota Padang registry (generator.ts) into household, person and
 * household_desil. All or nothing: one transaction, so an interrupted seed leaves no partial
 * registry (ARCHITECTURE.md, jobs). Set-based (ARCHITECTURE.md "Set-based SQL for bulk work"):
 * per batch, COPY into two staging tables, then three INSERT … SELECT statements that take the
 * generated household ids by joining on the KK — no round trip per row.
 */
export interface SeedDemoOptions {
  seed: number;
  households: number;
  /** Households per COPY batch (default 5,000): bounds memory in the process and per statement. */
  batchSize?: number;
  onProgress?: (progress: SeedDemoProgress) => void;
}

export interface SeedDemoProgress {
  households: number;
  persons: number;
  totalHouseholds: number;
}

export interface SeedDemoResult {
  households: number;
  persons: number;
  householdDesil: number;
}

const HOUSEHOLD_STAGE_COLUMNS = [
  'seq',
  'kk',
  'region_code',
  'address',
  'rt',
  'rw',
  'id_dtsen',
  'desil',
] as const;
const PERSON_STAGE_COLUMNS = [
  'seq',
  'kk',
  'nik',
  'name',
  'birth_place',
  'birth_date',
  'sex',
  'relationship',
  'mother_name',
  'status',
  'death_date',
  'schooling',
  'pregnancy_due_date',
  'severe_disability',
  'nik_warnings',
  'id_dtsen',
] as const;

export async function seedDemoRegistry(
  database: SalurDatabase,
  options: SeedDemoOptions,
): Promise<SeedDemoResult> {
  return database.transaction(async ({ db, raw }) => {
    // Holds off other writers until commit, so the emptiness check below stays true (PostgreSQL).
    await raw.query('LOCK TABLE household, person IN SHARE ROW EXCLUSIVE MODE');
    const { rows } = await raw.query<{ households: boolean; persons: boolean }>(
      `SELECT EXISTS (SELECT 1 FROM household) AS households, EXISTS (SELECT 1 FROM person) AS persons`,
    );
    if (rows[0]?.households || rows[0]?.persons) {
      throw new ConflictError(
        'DEMO_REGISTRY_NOT_EMPTY',
        'Data demo tidak dimuat: registri sudah berisi data keluarga atau penduduk. ' +
          'Data demo hanya dapat dimuat ke basis data yang masih kosong; gunakan direktori data baru.',
      );
    }

    const regions: DemoRegion[] = await db
      .selectFrom('region')
      .select(['code', 'level', 'name'])
      .where('code', 'like', '13%')
      .where('retired_in', 'is', null)
      .orderBy('code')
      .execute();
    if (!regions.some((region) => region.level === 'desa' && region.code.startsWith(DEMO_KOTA_CODE))) {
      throw new ConflictError(
        'DEMO_REGIONS_MISSING',
        'Data demo tidak dimuat: daftar wilayah Kota Padang (13.71) belum ada di basis data. ' +
          'Muat daftar wilayah Kemendagri terlebih dahulu.',
      );
    }

    await raw.exec(`
      CREATE TEMP TABLE demo_household_stage (
        seq integer, kk text, region_code text, address text, rt text, rw text, id_dtsen text, desil smallint
      ) ON COMMIT DROP;
      CREATE TEMP TABLE demo_person_stage (
        seq integer, kk text, nik text, name text, birth_place text, birth_date date, sex text,
        relationship text, mother_name text, status text, death_date date, schooling text,
        pregnancy_due_date date, severe_disability boolean, nik_warnings text[], id_dtsen text
      ) ON COMMIT DROP;`);

    const result: SeedDemoResult = { households: 0, persons: 0, householdDesil: 0 };
    const batches = generateDemoRegistry({
      seed: options.seed,
      households: options.households,
      regions,
      ...(options.batchSize ? { batchSize: options.batchSize } : {}),
    });
    for (const batch of batches) {
      const written = await writeBatch(raw, batch);
      result.households += written.households;
      result.persons += written.persons;
      result.householdDesil += written.householdDesil;
      options.onProgress?.({
        households: result.households,
        persons: result.persons,
        totalHouseholds: options.households,
      });
    }
    await analyzeRegistry(raw, {
      household: result.households,
      person: result.persons,
      household_desil: result.householdDesil,
      person_history: 0,
    });
    return result;
  });
}

async function writeBatch(raw: RawConnection, batch: DemoHousehold[]): Promise<SeedDemoResult> {
  const householdLines: string[] = [];
  const personLines: string[] = [];
  // seq keeps generation order (head first within a household) through the INSERT … SELECT.
  let personSeq = 0;
  batch.forEach((household, seq) => {
    householdLines.push(
      csvRow([
        seq,
        household.kk,
        household.regionCode,
        household.address,
        household.rt,
        household.rw,
        household.idDtsen,
        household.desil,
      ]),
    );
    for (const person of household.members) {
      personLines.push(
        csvRow([
          personSeq++,
          household.kk,
          person.nik,
          person.name,
          person.birthPlace,
          person.birthDate,
          person.sex,
          person.relationship,
          person.motherName,
          person.status,
          person.deathDate,
          person.schooling,
          person.pregnancyDueDate,
          person.severeDisability,
          `{${person.nikWarnings.join(',')}}`,
          person.idDtsen,
        ]),
      );
    }
  });
  await raw.copyCsv('demo_household_stage', HOUSEHOLD_STAGE_COLUMNS, householdLines.join(''));
  await raw.copyCsv('demo_person_stage', PERSON_STAGE_COLUMNS, personLines.join(''));

  // Ids are generated in the order of the SELECT, so ORDER BY keeps them in generation order.
  const households = await raw.query(
    `INSERT INTO household (kk, kabupaten_code, region_code, address, rt, rw, id_dtsen)
     SELECT kk, substr(region_code, 1, 4), region_code, address, rt, rw, id_dtsen
     FROM demo_household_stage ORDER BY seq`,
  );
  const desil = await raw.query(
    `INSERT INTO household_desil (household_id, edition, desil)
     SELECT h.id, $1, s.desil FROM demo_household_stage s JOIN household h ON h.kk = s.kk`,
    [DEMO_DESIL_EDITION],
  );
  // person.kabupaten_code and region_code are the household's (its kelurahan).
  const persons = await raw.query(
    `INSERT INTO person (nik, household_id, kabupaten_code, region_code, name, birth_place, birth_date, sex,
       relationship, mother_name, status, death_date, schooling, pregnancy_due_date, severe_disability,
       nik_warnings, id_dtsen)
     SELECT s.nik, h.id, h.kabupaten_code, h.region_code, s.name, s.birth_place, s.birth_date, s.sex,
       s.relationship, s.mother_name, s.status, s.death_date, s.schooling, s.pregnancy_due_date,
       s.severe_disability, s.nik_warnings, s.id_dtsen
     FROM demo_person_stage s JOIN household h ON h.kk = s.kk
     ORDER BY s.seq`,
  );
  await raw.exec('TRUNCATE demo_household_stage, demo_person_stage');
  return { households: households.rowCount, persons: persons.rowCount, householdDesil: desil.rowCount };
}
