import type { TFunction } from 'i18next';
import type { Schemas } from '../../api/client';
import { isKnownCode as known } from '../../lib/codes';

export type DtsenField = Schemas['DtsenField'];

/** In the order of a DTSEN file (server: src/modules/registry/import/fields.ts). */
export const DTSEN_FIELDS: readonly DtsenField[] = [
  'nik',
  'kk',
  'name',
  'birthDate',
  'birthPlace',
  'sex',
  'relationship',
  'regionCode',
  'address',
  'rt',
  'rw',
  'desil',
  'idDtsen',
  'idDtks',
  'motherName',
  'status',
];

/** Without these no row can be accepted (server: DTSEN_REQUIRED_COLUMNS). */
export const REQUIRED_FIELDS: readonly DtsenField[] = ['nik', 'kk', 'name', 'regionCode'];

const REJECTION_CODES = [
  'NIK_FORMAT',
  'NIK_NUMERIC_CELL',
  'NIK_DATE',
  'NIK_SERIAL',
  'NIK_REGION_UNKNOWN',
  'KK_FORMAT',
  'WILAYAH_UNKNOWN',
  'WILAYAH_OUT_OF_SCOPE',
  'REQUIRED_FIELD',
  'DATE_INVALID',
  'VALUE_INVALID',
  'DUPLICATE_IN_FILE',
] as const;
const WARNING_CODES = ['NIK_BIRTHDATE_MISMATCH', 'NIK_SEX_MISMATCH'] as const;

export function isDtsenField(value: string): value is DtsenField {
  return known(DTSEN_FIELDS, value);
}

// Codes or fields the server may add later still show, as the raw code.
export function fieldLabel(t: TFunction, field: string): string {
  return isDtsenField(field) ? t(`registry.fields.${field}`) : field;
}

export function rejectionLabel(t: TFunction, code: string): string {
  return known(REJECTION_CODES, code) ? t(`registry.reasons.${code}`) : code;
}

export function warningLabel(t: TFunction, code: string): string {
  return known(WARNING_CODES, code) ? t(`registry.warnings.${code}`) : code;
}

/** The `result` of a succeeded `registry.import` job (server: DtsenImportSummary). */
export interface ImportSummary {
  importId: number;
  edition: string;
  rowsRead: number;
  accepted: number;
  rejected: number;
  rejectedByReason: Record<string, number>;
  warningsByReason: Record<string, number>;
  persons: { inserted: number; updated: number; unchanged: number; absent: number };
  households: { inserted: number; updated: number; kkChanged: number };
  ignoredColumns: string[];
}

export function asImportSummary(value: unknown): ImportSummary | null {
  const summary = value as Partial<ImportSummary> | null | undefined;
  return summary && typeof summary.importId === 'number' && summary.persons && summary.households
    ? (summary as ImportSummary)
    : null;
}

/** Where the rejected-rows report of an import downloads from (GET: the session cookie authenticates). */
export function rejectedReportUrl(importId: number, format: 'csv' | 'xlsx'): string {
  return `/api/registry/imports/${importId}/rejected.${format}`;
}

/** `12,3 MB` — the size of an upload. */
export function formatBytes(bytes: number, language: 'id' | 'en'): string {
  const units = ['B', 'KB', 'MB', 'GB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  const digits = unit === 0 ? 0 : 1;
  return `${new Intl.NumberFormat(language === 'en' ? 'en-GB' : 'id-ID', { maximumFractionDigits: digits }).format(value)} ${units[unit]}`;
}
