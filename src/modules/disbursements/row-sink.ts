import { csvValue } from '../../db/copy-csv';
import type { RowSink } from '../../platform/files/row-sink';
import {
  createValidatingSink,
  type FileShape,
  type SinkFactory,
  type StagedCounts,
} from '../../platform/files/stage-rows';
import { createDisbursementValidator } from './fast-validate-row';
import type { DisbursementField } from './fields';
import type { DisbursementRejectionCode } from './reasons';
import { type DisbursementRecord, isDisbursementRejection } from './validate-row';

/** What the report sink needs, structured-clonable (it may run in a worker thread). */
export interface DisbursementSinkOptions extends FileShape {
  columns: Partial<Record<DisbursementField, number>>;
  kecamatanCodes: string[];
  /** Today, ISO. */
  today: string;
}

/** The report sink, as a worker thread finds it (stage-rows.ts readPlan). */
export const DISBURSEMENT_SINK: SinkFactory<
  DisbursementSinkOptions,
  StagedCounts<DisbursementRejectionCode>
> = {
  module: import.meta.url,
  name: 'createDisbursementRowSink',
  create: (options) => createDisbursementRowSink(options),
};

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
    shape: options,
    validate,
    isRejection: isDisbursementRejection,
    stageLine,
  });
}

/**
 * The staging table's CSV line. Line, amount, date and status never need quoting; NIK and
 * account almost never, the reason may.
 * join() gives one flat string (a template literal's pieces live on until the chunk is sent:
 * garbage-collector time, measured on the allocation lines).
 */
function stageLine(r: DisbursementRecord): string {
  return [
    r.line,
    csvValue(r.nik),
    r.nikValid ? 't' : 'f',
    csvValue(r.account),
    r.amount,
    r.paidOn ?? '',
    r.status,
    `${csvValue(r.reason)}\n`,
  ].join(',');
}
