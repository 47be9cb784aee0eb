import { csvValue } from '../../db/copy-csv';
import type { Channel } from '../../db/types';
import type { RowSink } from '../../platform/files/row-sink';
import {
  createValidatingSink,
  type FileShape,
  type SinkFactory,
  type StagedCounts,
} from '../../platform/files/stage-rows';
import { NikSet } from '../registry/import/nik-set';
import type { AllocationField } from './fields';
import type { AllocationRejectionCode } from './reasons';
import { type AllocationRecord, isAllocationRejection, validateAllocationRow } from './validate-row';

/** What the allocation sink needs, structured-clonable (it may run in a worker thread). */
export interface AllocationSinkOptions extends FileShape {
  columns: Partial<Record<AllocationField, number>>;
  defaultChannel: Channel | null;
  kecamatanCodes: string[];
  /** Today, ISO. */
  today: string;
}

/** The allocation sink, as a worker thread finds it (stage-rows.ts readPlan). */
export const ALLOCATION_SINK: SinkFactory<AllocationSinkOptions, StagedCounts<AllocationRejectionCode>> = {
  module: import.meta.url,
  name: 'createAllocationRowSink',
  create: (options) => createAllocationRowSink(options),
};

/** An allocation file's rows: validated, staged for stage_alloc (apply-sql.ts STAGE_COLUMNS) or rejected. */
export function createAllocationRowSink(
  options: AllocationSinkOptions,
): RowSink<StagedCounts<AllocationRejectionCode>> {
  const kecamatan = new Set(options.kecamatanCodes);
  const ctx = {
    columns: options.columns,
    defaultChannel: options.defaultChannel,
    kecamatanExists: (code: string) => kecamatan.has(code),
    today: new Date(options.today),
    // A million NIKs as strings in a Set cost ≈1.7 s and ≈200 MB (measured for the registry).
    seen: new NikSet(),
  };
  return createValidatingSink({
    shape: options,
    validate: (line, cells) => validateAllocationRow(line, cells, ctx),
    isRejection: isAllocationRejection,
    stageLine,
  });
}

/**
 * The staging table's CSV line. Line, NIK, KK, amount and channel never need quoting (digits,
 * codes); name and account may.
 * join() gives one flat string: a template literal is a tree of string pieces that lives until
 * its chunk is sent and burdens the garbage collector (measured: 1.7 s of GC per 1 M lines).
 */
function stageLine(r: AllocationRecord): string {
  return [
    r.line,
    r.nik,
    r.nikInvalid ? 't' : 'f',
    r.kk ?? '',
    csvValue(r.name),
    r.amount,
    r.channel,
    `${csvValue(r.account)}\n`,
  ].join(',');
}
