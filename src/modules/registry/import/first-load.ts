import { csvValue } from '../../../db/copy-csv';
import type { RawConnection } from '../../../db/raw-connection';
import { BULK_DDL, BULK_MIN_ROWS } from './apply-sql';
import { q } from './stage-csv';
import type { RegistryRecord } from './validate-row';

/**
 * A kabupaten's first DTSEN file into an empty registry: nobody to compare with, no KK to
 * match, nobody to flag absent. Its accepted people go straight into `person` by COPY while
 * the file is read — household ids given in JS in order of first appearance from a range of
 * the household sequence — instead of into a staging table and then once more into `person`
 * (measured on 1 M people: the second pass was 7.0 s of a 26.7 s import on PGlite, 4.1 s of
 * 18.5 s on PostgreSQL). The outcome is the staged path's, row for row (a test proves it).
 *
 * Taken only when the registry holds no person and no household and the file is large
 * enough for a bulk load: the person table's indexes and foreign keys are dropped first (as
 * the staged path does for a large load) and rebuilt at the end, so people can reference
 * households inserted after them. All inside the import's one transaction.
 */

/** `person` columns, in personLine's order. */
export const PERSON_COPY_COLUMNS = [
  'nik',
  'household_id',
  'kabupaten_code',
  'region_code',
  'name',
  'birth_place',
  'birth_date',
  'sex',
  'relationship',
  'mother_name',
  'status',
  'nik_warnings',
  'id_dtsen',
  'id_dtks',
  'last_seen_edition',
  'created_import_id',
] as const;

/**
 * Starts a first load when the registry is empty and the file has at least `minRows` lines:
 * drops the bulk indexes and foreign keys (which locks person, household and household_desil
 * until the import commits) and returns the first household id to give. Null: the staged path.
 */
export async function beginFirstLoad(
  raw: RawConnection,
  estimatedRows: number | null,
  minRows = BULK_MIN_ROWS,
): Promise<{ firstHouseholdId: number } | null> {
  if (estimatedRows === null || estimatedRows < minRows) return null;
  const { rows } = await raw.query<{ empty: boolean }>(
    'SELECT NOT EXISTS (SELECT 1 FROM person) AND NOT EXISTS (SELECT 1 FROM household) AS empty',
  );
  if (!rows[0]?.empty) return null;
  // The drops lock person, household and household_desil (ACCESS EXCLUSIVE) until the import
  // commits: nobody else inserts a household, so no one takes ids from its sequence meanwhile.
  await raw.exec(BULK_DDL.drop);
  const next = await raw.query<{ id: string }>(
    "SELECT nextval(pg_get_serial_sequence('household', 'id')) AS id",
  );
  // Re-checked under the locks: a row committed between the check and the drops means the staged path.
  const { rows: still } = await raw.query<{ empty: boolean }>(
    'SELECT NOT EXISTS (SELECT 1 FROM household) AND NOT EXISTS (SELECT 1 FROM person) AS empty',
  );
  if (!still[0]?.empty) {
    await raw.exec(BULK_DDL.create);
    return null;
  }
  return { firstHouseholdId: Number(next.rows[0]!.id) };
}

/** Moves the household sequence past the ids given (the next household gets the one after). */
export async function claimHouseholdIds(raw: RawConnection, lastId: number | null): Promise<void> {
  if (lastId === null) return;
  await raw.query("SELECT setval(pg_get_serial_sequence('household', 'id'), $1::bigint)", [lastId]);
}

/** stage_kk as the staged path builds it, for an empty registry: every KK a new household with its given id. */
export async function buildFirstLoadStageKk(raw: RawConnection): Promise<void> {
  await raw.exec(`
    CREATE TEMP TABLE stage_kk ON COMMIT DROP AS
    SELECT kk, region_code, address, rt, rw, id_dtsen, id_dtks, desil, rep_nik, household_id,
      true AS is_new, NULL::text AS old_kk
    FROM stage_kk_raw;
    ANALYZE stage_kk;`);
}

/**
 * One person as a COPY csv line in PERSON_COPY_COLUMNS order (`tail`: the edition and import
 * id, the same on every line, with the line end). As stageLine, without an array per row.
 */
export function personLine(r: RegistryRecord, householdId: number, tail: string): string {
  return [
    r.nik,
    householdId,
    r.regionCode.slice(0, 4),
    r.regionCode,
    q(r.name),
    q(r.birthPlace),
    r.birthDate ?? '',
    r.sex ?? '',
    q(r.relationship),
    q(r.motherName),
    r.status,
    r.warnings.length === 0 ? '{}' : csvValue(`{${r.warnings.join(',')}}`),
    q(r.idDtsen),
    q(r.idDtks),
    tail,
  ].join(',');
}

/** personLine's tail: `edition,importId` and the line end. */
export const personLineTail = (edition: string, importId: number) => `${edition},${importId}\n`;
