import { maskIdentifier, readIdentifierText } from './identifier-text';

/**
 * KK (Kartu Keluarga, family card number) rules, DOMAIN.md "Identifiers — validation rules":
 * 16 digits, digits 1–6 the issuing kecamatan. The number changes when a family moves,
 * splits, divorces or loses its head, so it is never a person's key — only checked for shape.
 */

export type KkErrorCode = 'KK_FORMAT' | 'KK_NUMERIC_CELL' | 'KK_REGION_UNKNOWN';

export interface KkResult {
  /** Canonical 16-digit text, or null when the input is not 16 digits. */
  kk: string | null;
  valid: boolean;
  errors: KkErrorCode[];
  /** The 6 digits of the issuing kecamatan, when the input is 16 digits. */
  kecamatanCode: string | null;
}

export interface ParseKkOptions {
  /** When given, the first 6 digits must be a known kecamatan. */
  kecamatanExists?: (code6: string) => boolean;
}

export const KK_MESSAGES: Record<KkErrorCode, string> = {
  KK_FORMAT: 'Nomor KK harus tepat 16 angka.',
  KK_NUMERIC_CELL:
    'Nomor KK terbaca sebagai angka: spreadsheet (Excel/LibreOffice) telah mengubah nomor KK menjadi angka ' +
    'sehingga angka terakhirnya hilang. Format kolom KK sebagai Teks, lalu isi ulang dari Kartu Keluarga.',
  KK_REGION_UNKNOWN:
    'Kode kecamatan dalam nomor KK (6 angka pertama) tidak dikenal dalam daftar wilayah Kemendagri.',
};

export function parseKk(input: unknown, options: ParseKkOptions = {}): KkResult {
  const text = readIdentifierText(input, 16);
  if (text.kind === 'numeric-cell')
    return { kk: null, valid: false, errors: ['KK_NUMERIC_CELL'], kecamatanCode: null };
  if (text.kind === 'format') return { kk: null, valid: false, errors: ['KK_FORMAT'], kecamatanCode: null };
  const kecamatanCode = text.digits.slice(0, 6);
  const errors: KkErrorCode[] = [];
  if (options.kecamatanExists && !options.kecamatanExists(kecamatanCode)) errors.push('KK_REGION_UNKNOWN');
  return { kk: text.digits, valid: errors.length === 0, errors, kecamatanCode };
}

/** `1371010101200003` → `1371********0003` (DOMAIN.md "Personal data"). */
export function maskKk(kk: string): string {
  return maskIdentifier(kk);
}
