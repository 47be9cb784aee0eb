import { csvValue } from '../../../db/copy-csv';
import { DigitKeyTable } from './digit-key-table';
import type { RegistryRecord } from './validate-row';

/** A text value for COPY csv, quoted only when it must be (copy-csv.ts's rules). */
export function q(value: string | null): string {
  if (value === null) return '';
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c === 34 || c === 44 || c === 10 || c === 13) return csvValue(value);
  }
  return value === '' ? '""' : value;
}

/**
 * One staged row as a COPY csv line in apply-sql.ts's STAGE_COLUMNS order: the same text
 * csvRow gives, built without an array per row. NIK, KK, region code, date, sex, relationship
 * and status are canonical (digits or codes) and never need quotes.
 */
export function stageLine(r: RegistryRecord): string {
  // join() gives one flat string: a template of 36 pieces is a tree of 35 string nodes that
  // lives until its chunk is sent, then burdens the old generation (≈300 MB more peak memory).
  return [
    r.line,
    r.nik,
    r.kk,
    q(r.name),
    r.birthDate ?? '',
    q(r.birthPlace),
    r.sex ?? '',
    q(r.relationship),
    r.regionCode,
    q(r.address),
    q(r.rt),
    q(r.rw),
    r.desil ?? '',
    q(r.idDtsen),
    q(r.idDtks),
    q(r.motherName),
    r.status,
    r.warnings.length === 0 ? '{}\n' : `${csvValue(`{${r.warnings.join(',')}}`)}\n`,
  ].join(',');
}

/**
 * A KK's stage_kk_raw line (apply-sql.ts STAGE_KK_COLUMNS) from its representative row; `slot`
 * is the KK's place in order of first appearance (new households are numbered in that order).
 */
export function stageKkLine(r: RegistryRecord, _householdId: number, slot: number): string {
  // join() makes one fresh string: the cells may be slices that keep their whole chunk of the file alive.
  return [
    r.kk,
    r.regionCode,
    q(r.address),
    q(r.rt),
    q(r.rw),
    q(r.idDtsen),
    q(r.idDtks),
    r.desil ?? '',
    r.nik,
    `${slot}\n`,
  ].join(',');
}

/**
 * The row that describes each KK of the file: its head's (KEPALA_KELUARGA) first row, else
 * its first row with a relationship, else its first row — the order the registry always
 * used. Kept as one line per KK, by default for apply-sql.ts's stage_kk_raw (stageKkLine).
 *
 * With `firstHouseholdId` (a first load into an empty registry, first-load.ts) each KK also
 * gets its household id when first seen — in order of first appearance, as the staged path
 * numbers them — so that its people can go straight into `person` while the file is read.
 */
export class KkRepresentatives {
  /** KK → its slot: the KK's place in order of first appearance. */
  private readonly slots = new DigitKeyTable();
  /** Per slot: the line describing the KK (from its representative row), that row's rank (0 head, 1, 2) and desil. */
  private readonly lines: string[] = [];
  private readonly ranks: number[] = [];
  private readonly desils: Array<number | null> = [];
  /** The KK of the previous row, its best rank so far and its id: a family's rows mostly follow each other. */
  private lastKk = '';
  private lastRank = 3;
  private lastId = 0;
  /** The previous row's slot, and whether that row became its KK's representative. */
  lastSlot = -1;
  lastChanged = false;

  constructor(
    private readonly firstHouseholdId?: number,
    private readonly describe: (r: RegistryRecord, householdId: number, slot: number) => string = stageKkLine,
  ) {}

  /** Records the row; returns its KK's household id (0 unless ids are assigned). */
  add(r: RegistryRecord): number {
    const rank = r.relationship === 'KEPALA_KELUARGA' ? 0 : r.relationship !== null ? 1 : 2;
    this.lastChanged = false;
    // The same KK as the previous row and no better rank: nothing to record, no map lookup.
    if (r.kk === this.lastKk && this.lastRank <= rank) return this.lastId;
    const known = this.slots.get(r.kk);
    const slot = known ?? this.lines.length;
    const id = this.idOf(slot);
    const knownRank = known === undefined ? 3 : this.ranks[slot]!;
    this.lastKk = r.kk;
    this.lastRank = Math.min(rank, knownRank);
    this.lastId = id;
    this.lastSlot = slot;
    if (knownRank <= rank) return id;
    const line = this.describe(r, id, slot);
    this.lines[slot] = line;
    this.ranks[slot] = rank;
    this.desils[slot] = r.desil;
    this.lastChanged = true;
    if (known === undefined) this.slots.addNew(r.kk, slot);
    return id;
  }

  get size(): number {
    return this.lines.length;
  }

  /** The line and desil of the KK in `slot`, as its representative row gave them. */
  line(slot: number): string {
    return this.lines[slot]!;
  }

  desil(slot: number): number | null {
    return this.desils[slot] ?? null;
  }

  /** The household id of the KK in `slot`: ids follow the order of first appearance (0 unless ids are assigned). */
  idOf(slot: number): number {
    return this.firstHouseholdId === undefined ? 0 : this.firstHouseholdId + slot;
  }

  /** The last household id given, or null when none was (ids not assigned, or no KK). */
  get lastHouseholdId(): number | null {
    return this.firstHouseholdId === undefined || this.lines.length === 0
      ? null
      : this.firstHouseholdId + this.lines.length - 1;
  }

  /** The lines, in pieces of up to `rows` lines. */
  *chunks(rows: number): Iterable<string> {
    for (let from = 0; from < this.lines.length; from += rows)
      yield this.lines.slice(from, from + rows).join('');
  }
}
