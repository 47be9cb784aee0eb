import { csvValue } from '../../../db/copy-csv';
import type { RegistryRecord } from './validate-row';

/** A text value for COPY csv, quoted only when it must be (copy-csv.ts's rules). */
function q(value: string | null): string {
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
  const warnings = r.warnings.length === 0 ? '{}' : csvValue(`{${r.warnings.join(',')}}`);
  return `${r.line},${r.nik},${r.kk},${q(r.name)},${r.birthDate ?? ''},${q(r.birthPlace)},${r.sex ?? ''},${q(r.relationship)},${r.regionCode},${q(r.address)},${q(r.rt)},${q(r.rw)},${r.desil ?? ''},${q(r.idDtsen)},${q(r.idDtks)},${q(r.motherName)},${r.status},${warnings}\n`;
}

/**
 * The row that describes each KK of the file: its head's (KEPALA_KELUARGA) first row, else
 * its first row with a relationship, else its first row — the order the registry always
 * used. Kept as COPY lines for apply-sql.ts's stage_kk_raw (STAGE_KK_COLUMNS).
 */
export class KkRepresentatives {
  private readonly byKk = new Map<string, { rank: number; line: string }>();

  add(r: RegistryRecord): void {
    const rank = r.relationship === 'KEPALA_KELUARGA' ? 0 : r.relationship !== null ? 1 : 2;
    const known = this.byKk.get(r.kk);
    if (known && known.rank <= rank) return;
    // join() makes fresh strings: the cells may be slices that keep their whole chunk of the file alive.
    const line = [
      r.kk,
      r.regionCode,
      q(r.address),
      q(r.rt),
      q(r.rw),
      q(r.idDtsen),
      q(r.idDtks),
      r.desil ?? '',
      `${r.nik}\n`,
    ].join(',');
    if (known) {
      known.rank = rank;
      known.line = line;
    } else this.byKk.set(r.kk.slice(0, 8) + r.kk.slice(8), { rank, line });
  }

  get size(): number {
    return this.byKk.size;
  }

  /** The COPY text, in pieces of up to `rows` lines. */
  *chunks(rows: number): Iterable<string> {
    let chunk: string[] = [];
    for (const { line } of this.byKk.values()) {
      chunk.push(line);
      if (chunk.length === rows) {
        yield chunk.join('');
        chunk = [];
      }
    }
    if (chunk.length > 0) yield chunk.join('');
  }
}
