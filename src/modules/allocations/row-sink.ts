import type { Channel } from '../../db/types';
import type { RowSink } from '../../platform/files/row-sink';
import { createValidatingSink, type StagedCounts } from '../../platform/files/stage-rows';
import { NikSet } from '../registry/import/nik-set';
import type { AllocationField } from './fields';
import type { AllocationRejectionCode } from './reasons';
import { type AllocationRecord, isAllocationRejection, validateAllocationRow } from './validate-row';

/** What the allocation sink needs, structured-clonable (it may run in a worker thread). */
export interface AllocationSinkOptions {
  headers: string[];
  columns: Partial<Record<AllocationField, number>>;
  defaultChannel: Channel | null;
  kecamatanCodes: Iterable<string>;
  /** Today, ISO. */
  today: string;
}

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
    headers: options.headers,
    validate: (line, cells) => validateAllocationRow(line, cells, ctx),
    isRejection: isAllocationRejection,
    stageLine,
  });
}

// Line, NIK, KK, amount and channel never need quoting (digits, codes); name and account may.
const NEEDS_QUOTES = /[",\n\r]/;
const quoted = (value: string | null) =>
  value === null ? '' : value === '' || NEEDS_QUOTES.test(value) ? `"${value.replaceAll('"', '""')}"` : value;

/**
 * The staging table's CSV line (same quoting rules as db/copy-csv, written out for speed).
 * join() gives one flat string: a template literal is a tree of string pieces that lives until
 * its chunk is sent and burdens the garbage collector (measured: 1.7 s of GC per 1 M lines).
 */
function stageLine(r: AllocationRecord): string {
  return [
    r.line,
    r.nik,
    r.nikInvalid ? 't' : 'f',
    r.kk ?? '',
    quoted(r.name),
    r.amount,
    r.channel,
    `${quoted(r.account)}\n`,
  ].join(',');
}
