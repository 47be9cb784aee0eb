import { csvValue } from '../../db/copy-csv';
import { ExactSum } from '../../domain/exact-sum';
import { NONE, SEVERAL } from '../../platform/files/digit-string-table';
import type { RowSink } from '../../platform/files/row-sink';
import {
  createValidatingSink,
  extendSink,
  type SinkFactory,
  type StagedCounts,
} from '../../platform/files/stage-rows';
import type { TabularRow } from '../../platform/files/tabular';
import { AllocationKeys } from './allocation-keys';
import type { StoredCounts } from './apply-sql';
import { createDisbursementValidator } from './fast-validate-row';
import type { DisbursementRejectionCode } from './reasons';
import type { DisbursementSinkOptions } from './row-sink';
import {
  type DisbursementRecord,
  type DisbursementRowRejection,
  isDisbursementRejection,
} from './validate-row';

/** The matching reader's options (structured-clonable: it may run in a worker thread). */
export interface DirectSinkOptions extends DisbursementSinkOptions {
  /**
   * The period's allocation keys: indexed already when the file is read in this thread
   * (loadAllocationKeys), as text for a worker thread to index (loadAllocationKeysText).
   */
  allocationKeys: AllocationKeys | { text: string; lines: number };
  reportId: number;
  program: string;
  period: string;
  channel: string;
}

/** What the stored lines are: StoredCounts less what the reader's own counts say (no re-export here). */
export type DirectCounts = Omit<StoredCounts, 'stored' | 'ambiguous' | 'alreadyReported'>;

/** The columns of the disbursement table the matching reader fills, in its line order. */
export const DIRECT_COLUMNS = [
  'report_id',
  'line',
  'program_code',
  'period',
  'channel',
  'nik',
  'account',
  'amount',
  'paid_on',
  'status',
  'reason',
  'allocation_id',
  'scope_code',
] as const;

export const DISBURSEMENT_DIRECT_SINK: SinkFactory<
  DirectSinkOptions,
  StagedCounts<DisbursementRejectionCode> & { counts: DirectCounts }
> = {
  module: import.meta.url,
  name: 'createDirectDisbursementSink',
  create: (options) => createDirectDisbursementSink(options),
};

/**
 * A channel report read and matched in one pass, each line written as the disbursement line it
 * becomes: the account decides when it names exactly one allocation of the period, else the
 * NIK when it names exactly one; a line whose keys name only several is rejected
 * (MATCHES_TWO_ALLOCATIONS); a line naming none is kept unmatched. The same rules, scope and
 * counts as matchAllocations + resolveFanOut + countLines (match-sql.ts, apply-sql.ts), which a
 * test holds both to; used for a large report when no earlier report of its channel and period
 * needs comparing (direct-import.ts).
 */
export function createDirectDisbursementSink(
  options: DirectSinkOptions,
): RowSink<StagedCounts<DisbursementRejectionCode> & { counts: DirectCounts }> {
  const given = options.allocationKeys;
  const keys = given instanceof AllocationKeys ? given : AllocationKeys.fromText(given.text, given.lines);
  const kecamatan = new Set(options.kecamatanCodes);
  const validateLine = createDisbursementValidator({
    columns: options.columns,
    kecamatanExists: (code: string) => kecamatan.has(code),
    today: new Date(options.today),
  });
  const head = `${options.reportId},`;
  const constants = `,${csvValue(options.program)},${csvValue(options.period)},${csvValue(options.channel)},`;
  const counts: DirectCounts = {
    matched: 0,
    unallocated: 0,
    channelDiffers: 0,
    nikDiffers: 0,
    nikInvalid: 0,
    berhasilLines: 0,
    berhasilAmount: 0,
    gagalLines: 0,
    gagalAmount: 0,
  };
  const berhasil = new ExactSum();
  const gagal = new ExactSum();
  const ambiguous: DisbursementRowRejection = {
    line: 0,
    reasons: ['MATCHES_TWO_ALLOCATIONS'],
    fields: ['nik', 'account'],
  };
  // The allocation the line being added matched: set by validate, read by stageLine right after
  // (createValidatingSink calls them in turn for each line; no object per line).
  let matched = NONE;

  const validate = (line: number, cells: TabularRow['cells']) => {
    const result = validateLine(line, cells);
    if (isDisbursementRejection(result)) return result;
    const byAccount = result.account !== null ? keys.account(result.account) : NONE;
    if (byAccount >= 0) {
      matched = byAccount;
      return result;
    }
    const byNik = result.nik !== null ? keys.nik(result.nik) : NONE;
    matched = byNik;
    if (matched < 0 && (byAccount === SEVERAL || byNik === SEVERAL)) {
      ambiguous.line = line;
      return ambiguous;
    }
    return result;
  };

  // A kept line's NIK is 16 digits and its account 4–40 letters and digits (validate-row.ts):
  // neither ever needs quoting. Scopes are few: each is quoted once ("" is an empty scope, not NULL).
  const quotedScope = keys.scopes.map((scope) => csvValue(scope));
  const channelDiffers = keys.channels.map((channel) => channel !== options.channel);
  const stageLine = (r: DisbursementRecord): string => {
    let allocation = '';
    let scope: string;
    if (matched >= 0) {
      counts.matched++;
      allocation = String(keys.id(matched));
      scope = quotedScope[keys.scopeIndex(matched)]!;
      if (channelDiffers[keys.channelIndex(matched)]) counts.channelDiffers++;
      if (r.nik !== null && !keys.nikIs(matched, r.nik)) counts.nikDiffers++;
    } else {
      counts.unallocated++;
      scope = r.nikValid && r.nik !== null ? r.nik.slice(0, 6) : '""';
    }
    if (!r.nikValid && r.nik !== null) counts.nikInvalid++;
    if (r.status === 'BERHASIL') {
      counts.berhasilLines++;
      berhasil.add(r.amount);
    } else {
      counts.gagalLines++;
      gagal.add(r.amount);
    }
    return `${head}${r.line}${constants}${r.nik ?? ''},${r.account ?? ''},${r.amount},${r.paidOn ?? ''},${r.status},${r.reason === null ? '' : csvValue(r.reason)},${allocation},${scope}\n`;
  };

  const sink = createValidatingSink({
    shape: options,
    validate,
    isRejection: isDisbursementRejection,
    stageLine,
  });
  return extendSink(sink, {
    finish: (done) => ({
      ...done,
      counts: { ...counts, berhasilAmount: berhasil.value(), gagalAmount: gagal.value() },
    }),
  });
}
