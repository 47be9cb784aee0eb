import { ValidationError } from '../errors';

/**
 * Matching a file's column headers to the fields an import needs. Offices receive the same
 * data under many header spellings ("NO_KK", "No. KK", "nokk"): headers are compared
 * case-insensitively with spaces, underscores, dots and dashes treated alike, against a list
 * of accepted names per field; `--map "KOLOM=field"` adds any other spelling.
 */
export type FieldSynonyms<F extends string> = Record<F, readonly string[]>;

export interface HeaderMapping<F extends string> {
  /** Column index of each recognised field. */
  columns: Partial<Record<F, number>>;
  /** Headers that matched no field (kept in the error report as original values). */
  ignored: string[];
}

export function normaliseHeader(header: string): string {
  return header
    .replace(/^\uFEFF/, '')
    .trim()
    .toLowerCase()
    .replace(/[\s._\-/]+/g, '_')
    .replace(/^_|_$/g, '');
}

/** Parses `KOLOM=field` entries (the CLI splits `--map "A=nik,B=kk"` on commas) into header → field. */
export function parseMapOption<F extends string>(
  entries: readonly string[],
  fields: readonly F[],
): Map<string, F> {
  const map = new Map<string, F>();
  for (const entry of entries) {
    if (!entry.trim()) continue;
    const at = entry.lastIndexOf('=');
    const header = at > 0 ? entry.slice(0, at) : '';
    const field = at > 0 ? entry.slice(at + 1).trim() : '';
    if (!header || !(fields as readonly string[]).includes(field)) {
      throw new ValidationError(
        'MAP_INVALID',
        `Pemetaan kolom "${entry}" tidak sah. Bentuknya KOLOM=bidang; bidang yang dikenal: ${fields.join(', ')}.`,
      );
    }
    map.set(normaliseHeader(header), field as F);
  }
  return map;
}

export function mapHeaders<F extends string>(
  headers: readonly string[],
  synonyms: FieldSynonyms<F>,
  extra: Map<string, F> = new Map(),
): HeaderMapping<F> {
  const lookup = new Map<string, F>();
  for (const [field, names] of Object.entries(synonyms) as Array<[F, readonly string[]]>) {
    for (const name of names) lookup.set(normaliseHeader(name), field);
  }
  for (const [header, field] of extra) lookup.set(header, field);
  const columns: Partial<Record<F, number>> = {};
  const ignored: string[] = [];
  headers.forEach((header, index) => {
    const field = lookup.get(normaliseHeader(header));
    if (field && columns[field] === undefined) columns[field] = index;
    else ignored.push(header);
  });
  return { columns, ignored };
}

/** Stops the import before any row is read when a required column is absent. */
export function requireColumns<F extends string>(
  mapping: HeaderMapping<F>,
  required: readonly F[],
  synonyms: FieldSynonyms<F>,
): void {
  const missing = required.filter((field) => mapping.columns[field] === undefined);
  if (missing.length === 0) return;
  throw new ValidationError(
    'COLUMN_MISSING',
    `Kolom wajib tidak ditemukan: ${missing.map((f) => `${f} (mis. ${synonyms[f].slice(0, 3).join(' / ')})`).join('; ')}. ` +
      'Periksa baris judul, atau petakan kolom: di web lewat kotak "Pemetaan kolom tambahan" (JUDUL=bidang), di CLI dengan --map "JUDUL=bidang".',
    { missing },
  );
}
