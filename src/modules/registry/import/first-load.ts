import { csvValue } from '../../../db/copy-csv';
import type { RawConnection } from '../../../db/raw-connection';
import { LineBuffer } from '../../../platform/files/line-buffer';
import { BULK_DDL, BULK_MIN_ROWS } from './apply-sql';
import { type KkRepresentatives, q } from './stage-csv';
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

/** `household` columns, in householdLine's order (the id given while reading). */
export const HOUSEHOLD_COPY_COLUMNS = [
  'id',
  'kk',
  'kabupaten_code',
  'region_code',
  'address',
  'rt',
  'rw',
  'id_dtsen',
  'id_dtks',
] as const;

export const DESIL_COPY_COLUMNS = ['household_id', 'edition', 'desil'] as const;

/** A KK's `household` line from its representative row (KkRepresentatives' describe on a first load). */
export function householdLine(r: RegistryRecord, householdId: number): string {
  return [
    householdId,
    r.kk,
    r.regionCode.slice(0, 4),
    r.regionCode,
    q(r.address),
    q(r.rt),
    q(r.rw),
    q(r.idDtsen),
    `${q(r.idDtks)}\n`,
  ].join(',');
}

/**
 * On a first load, households and their desil go to `household` and `household_desil` by
 * COPY while the file is read, beside their people, instead of through stage_kk after it
 * (measured on 1 M people / 250 k KK: 1.0 s after reading on PostgreSQL, 1.9 s on PGlite).
 *
 * A KK is written when the file moves on to another KK (a family's rows follow each other in
 * the files offices get) and, at each chunk, the KK being read. Should a KK come back later
 * with a better representative (its head after other families), the written household is
 * corrected at the end (`corrections`, applyHouseholdCorrections): the outcome is the staged
 * path's, row for row (registry-import-first-load.test.ts).
 */
export class HouseholdWriter {
  private readonly households = new LineBuffer(1 << 16);
  private readonly desil = new LineBuffer(1 << 16);
  private readonly written: boolean[] = [];
  private readonly corrected = new Set<number>();
  private current = -1;

  constructor(
    private readonly kks: KkRepresentatives,
    private readonly edition: string,
  ) {}

  /** After each accepted row's kks.add(). */
  afterAdd(): void {
    const slot = this.kks.lastSlot;
    if (slot !== this.current) {
      this.flush();
      this.current = slot;
    }
    if (this.kks.lastChanged && this.written[slot]) this.corrected.add(slot);
  }

  /** The lines gathered since the last call, the KK being read included. */
  take(): [households: Uint8Array, desil: Uint8Array] {
    this.flush();
    return [this.households.take(), this.desil.take()];
  }

  /** After the last take(): the KKs whose representative changed after they were written, as fix_household lines. */
  finish(): { corrections: string; desilWritten: number } {
    if (this.current >= 0 && !this.written[this.current])
      throw new Error('HouseholdWriter.finish before the last take()');
    let corrections = '';
    for (const slot of [...this.corrected].sort((a, b) => a - b))
      corrections += `${this.kks.line(slot).slice(0, -1)},${this.kks.desil(slot) ?? ''}\n`;
    let desilWritten = 0;
    for (let slot = 0; slot < this.kks.size; slot++) if (this.kks.desil(slot) !== null) desilWritten++;
    return { corrections, desilWritten };
  }

  private flush(): void {
    const slot = this.current;
    if (slot < 0 || this.written[slot]) return;
    this.written[slot] = true;
    this.households.append(this.kks.line(slot));
    const desil = this.kks.desil(slot);
    if (desil !== null) {
      this.desil.append(`${this.kks.idOf(slot)},${this.edition},${desil}\n`);
    }
  }
}

/** `fix_household`'s columns: a household line and its final desil (HouseholdWriter.finish). */
const FIX_COLUMNS = [...HOUSEHOLD_COPY_COLUMNS, 'desil'] as const;

/** Households written while reading whose KK later got a better representative: rewritten as the staged path would have them. */
export async function applyHouseholdCorrections(raw: RawConnection, corrections: string, edition: string) {
  if (corrections === '') return;
  await raw.exec(`CREATE TEMP TABLE fix_household (id bigint NOT NULL, kk text NOT NULL, kabupaten_code text NOT NULL,
    region_code text NOT NULL, address text, rt text, rw text, id_dtsen text, id_dtks text, desil smallint) ON COMMIT DROP`);
  await raw.copyCsv('fix_household', FIX_COLUMNS, corrections);
  await raw.query(`UPDATE household h SET kabupaten_code = f.kabupaten_code, region_code = f.region_code,
      address = f.address, rt = f.rt, rw = f.rw, id_dtsen = f.id_dtsen, id_dtks = f.id_dtks
    FROM fix_household f WHERE h.id = f.id`);
  await raw.query(
    'DELETE FROM household_desil d USING fix_household f WHERE d.household_id = f.id AND d.edition = $1',
    [edition],
  );
  await raw.query(
    `INSERT INTO household_desil (household_id, edition, desil)
     SELECT id, $1, desil FROM fix_household WHERE desil IS NOT NULL`,
    [edition],
  );
}
