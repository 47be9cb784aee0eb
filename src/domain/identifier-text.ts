/**
 * Reading a 16-digit identifier (NIK, KK) from whatever an import or a user hands us.
 * Shared by nik.ts and kk.ts so both recognise a spreadsheet's numeric cell the same way.
 *
 * Why the numeric-cell case matters (DOMAIN.md "Identifiers", ARCHITECTURE.md pitfalls):
 * a spreadsheet keeps at most 15 significant digits, so a 16-digit identifier typed into a
 * number cell is stored with its last digit replaced by 0, and shown as `1,37101E+15` or
 * `1.37101E+15`. Such a value must be rejected with a clear reason, never "repaired".
 */

export type IdentifierText =
  /** Exactly the expected number of digits, after trimming surrounding whitespace. */
  | { kind: 'digits'; digits: string }
  /** A JS number, or text that is a spreadsheet's rendering of a number (digits already lost). */
  | { kind: 'numeric-cell' }
  /** Anything else: empty, letters, too few or too many digits. */
  | { kind: 'format' };

/** `1.37101E+15`, `1,37101E+15`, `1.371014107900E15`, `1E+15`. */
const SCIENTIFIC = /^[+-]?\d+(?:[.,]\d*)?[eE][+-]?\d+$/;
/** `1371014107900000.0`, `1371014107900000,00` — a number printed with its decimals. */
const WITH_DECIMALS = /^(\d+)[.,]\d+$/;
/** `1.371.014.107.900.000`, `1,371,014,107,900,000` — a number printed with thousands separators. */
const WITH_THOUSANDS = /^\d{1,3}(?:([.,])\d{3})(?:\1\d{3})+$/;

/**
 * Classifies `input` as the identifier's digits, a numeric spreadsheet cell, or a format error.
 * `length` is the expected number of digits (16 for NIK and KK).
 */
export function readIdentifierText(input: unknown, length = 16): IdentifierText {
  // A JS number (exceljs numeric cell, JSON number) cannot be trusted even when it looks
  // complete: the cell may already have been rounded before it reached us.
  if (typeof input === 'number') return { kind: 'numeric-cell' };
  if (typeof input !== 'string') return { kind: 'format' };
  const text = input.trim();
  if (new RegExp(`^\\d{${length}}$`).test(text)) return { kind: 'digits', digits: text };
  if (looksLikeSpreadsheetNumber(text, length)) return { kind: 'numeric-cell' };
  return { kind: 'format' };
}

/**
 * True for text that is a number as a spreadsheet renders it: scientific notation, or an
 * identifier-sized number printed with decimals or thousands separators.
 */
function looksLikeSpreadsheetNumber(text: string, length: number): boolean {
  if (SCIENTIFIC.test(text)) return true;
  const decimals = WITH_DECIMALS.exec(text);
  if (decimals) return isIdentifierSized(decimals[1]!, length);
  if (WITH_THOUSANDS.test(text)) return isIdentifierSized(text.replace(/[.,]/g, ''), length);
  return false;
}

/** Within one digit of the expected length: short numbers with decimals are just wrong input. */
function isIdentifierSized(digits: string, length: number): boolean {
  return Math.abs(digits.length - length) <= 1;
}

/**
 * Masks an identifier for display (DOMAIN.md "Personal data"): first 4 digits, 8 asterisks,
 * last 4 digits (`1371********0001`). A value that is not 16 characters is masked whole, so
 * a malformed identifier never leaks most of its digits.
 */
export function maskIdentifier(value: string): string {
  if (value.length !== 16) return '*'.repeat(value.length);
  return `${value.slice(0, 4)}********${value.slice(12)}`;
}
