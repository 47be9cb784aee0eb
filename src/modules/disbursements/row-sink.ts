import type { RowSink } from '../../platform/files/row-sink';
import { createValidatingSink, type StagedCounts } from '../../platform/files/stage-rows';
import { createDisbursementValidator } from './fast-validate-row';
import type { DisbursementField } from './fields';
import type { DisbursementRejectionCode } from './reasons';
import { type DisbursementRecord, isDisbursementRejection } from './validate-row';

/** What the report sink needs, structured-clonable (it may run in a worker thread). */
export interface DisbursementSinkOptions {
  headers: string[];
  columns: Partial<Record<DisbursementField, number>>;
  kecamatanCodes: Iterable<string>;
  /** Today, ISO. */
  today: string;
}

/** A channel report's lines: validated, staged for stage_disbursement (apply-sql.ts STAGE_COLUMNS) or rejected. */
export function createDisbursementRowSink(
  options: DisbursementSinkOptions,
): RowSink<StagedCounts<DisbursementRejectionCode>> {
  const kecamatan = new Set(options.kecamatanCodes);
  const validate = createDisbursementValidator({
    columns: options.columns,
    kecamatanExists: (code: string) => kecamatan.has(code),
    today: new Date(options.today),
  });
  return createValidatingSink({
    headers: options.headers,
    validate,
    isRejection: isDisbursementRejection,
    stageLine,
  });
}

// Line, amount, date and status never need quoting; NIK and account almost never, the reason may.
const NEEDS_QUOTES = /[",\n\r]/;
const quoted = (value: string | null) =>
  value === null ? '' : value === '' || NEEDS_QUOTES.test(value) ? `"${value.replaceAll('"', '""')}"` : value;

/**
 * The staging table's CSV line (the quoting rules of db/copy-csv, written out for speed).
 * join() gives one flat string (a template literal's pieces live on until the chunk is sent:
 * garbage-collector time, measured on the allocation lines).
 */
function stageLine(r: DisbursementRecord): string {
  return [
    r.line,
    quoted(r.nik),
    r.nikValid ? 't' : 'f',
    quoted(r.account),
    r.amount,
    r.paidOn ?? '',
    r.status,
    `${quoted(r.reason)}\n`,
  ].join(',');
}
