import { csvValue } from '../../../db/copy-csv';
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
 * The row that describes each KK of the file: its head's (KEPALA_KELUARGA) first row, else
 * its first row with a relationship, else its first row — the order the registry always
 * used. Kept as COPY lines for apply-sql.ts's stage_kk_raw (STAGE_KK_COLUMNS).
 *
 * With `firstHouseholdId` (a first load into an empty registry, first-load.ts) each KK also
 * gets its household id when first seen — in order of first appearance, as the staged path
 * numbers them — so that its people can go straight into `person` while the file is read.
 */
export class KkRepresentatives {
  /** KK → its rank digit and COPY line; the key is a slice of that line (no string of its own). */
  private readonly byKk = new Map<string, string>();
  private readonly ids = new Map<string, number>();
  private nextId: number;

  constructor(private readonly firstHouseholdId?: number) {
    this.nextId = firstHouseholdId ?? 0;
  }

  /** Records the row; returns its KK's household id (0 unless ids are assigned). */
  add(r: RegistryRecord): number {
    const rank = r.relationship === 'KEPALA_KELUARGA' ? 0 : r.relationship !== null ? 1 : 2;
    const known = this.byKk.get(r.kk);
    const id =
      this.firstHouseholdId === undefined ? 0 : known === undefined ? this.nextId++ : this.ids.get(r.kk)!;
    if (known !== undefined && known.charCodeAt(0) - 48 <= rank) return id;
    // join() makes one fresh string: the cells may be slices that keep their whole chunk of the file alive.
    const entry = [
      `${rank}${r.kk}`,
      r.regionCode,
      q(r.address),
      q(r.rt),
      q(r.rw),
      q(r.idDtsen),
      q(r.idDtks),
      r.desil ?? '',
      r.nik,
      `${id === 0 ? '' : id}\n`,
    ].join(',');
    if (known !== undefined) this.byKk.set(r.kk, entry);
    else {
      const key = entry.slice(1, 1 + r.kk.length);
      this.byKk.set(key, entry);
      if (id !== 0) this.ids.set(key, id);
    }
    return id;
  }

  get size(): number {
    return this.byKk.size;
  }

  /** The last household id given, or null when none was (ids not assigned, or no KK). */
  get lastHouseholdId(): number | null {
    return this.firstHouseholdId === undefined || this.nextId === this.firstHouseholdId
      ? null
      : this.nextId - 1;
  }

  /** The COPY text, in pieces of up to `rows` lines. */
  *chunks(rows: number): Iterable<string> {
    let chunk: string[] = [];
    for (const entry of this.byKk.values()) {
      chunk.push(entry.slice(1));
      if (chunk.length === rows) {
        yield chunk.join('');
        chunk = [];
      }
    }
    if (chunk.length > 0) yield chunk.join('');
  }
}
