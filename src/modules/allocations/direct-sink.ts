import { csvValue } from '../../db/copy-csv';
import { ExactSum } from '../../domain/exact-sum';
import { NONE } from '../../platform/files/digit-string-table';
import type { RowSink } from '../../platform/files/row-sink';
import {
  createValidatingSink,
  extendSink,
  type SinkFactory,
  type StagedCounts,
} from '../../platform/files/stage-rows';
import { NikSet } from '../registry/import/nik-set';
import type { AllocationTotals, ExpectedSource } from './apply-sql';
import type { AllocationRejectionCode } from './reasons';
import { RegistryKeys } from './registry-keys';
import type { AllocationSinkOptions } from './row-sink';
import { type AllocationRecord, isAllocationRejection, validateAllocationRow } from './validate-row';

/** The linking reader's options (structured-clonable: it may run in a worker thread). */
export interface DirectAllocationSinkOptions extends AllocationSinkOptions {
  /**
   * The registry's keys: indexed already when the file is read in this thread
   * (loadRegistryKeys), as text for a worker thread to index (loadRegistryKeysText).
   */
  registryKeys: RegistryKeys | { text: string; lines: number };
  importId: number;
  program: string;
  period: string;
  kabupatenCode: string;
  expected: ExpectedSource;
}

export interface DirectAllocationDone extends StagedCounts<AllocationRejectionCode> {
  totals: AllocationTotals;
  /** Registry households the file's lines belong to. */
  households: number;
  /** PKH: households with a line whose amount differs from their entitlement (their calculation comes after reading). */
  mismatchedHouseholds: number[];
}

/** The allocation columns the linking reader fills, in its line order. */
export const DIRECT_COLUMNS = [
  'import_id',
  'line',
  'program_code',
  'period',
  'nik',
  'kk',
  'name',
  'amount',
  'channel',
  'account',
  'household_id',
  'person_id',
  'scope_code',
  'flags',
  'expected_amount',
  'calculation',
] as const;

export const ALLOCATION_DIRECT_SINK: SinkFactory<DirectAllocationSinkOptions, DirectAllocationDone> = {
  module: import.meta.url,
  name: 'createDirectAllocationSink',
  create: (options) => createDirectAllocationSink(options),
};

// The flags in the staged way's order (apply-sql.ts insertAllocations), one bit each.
const FLAG_NAMES = ['NIK_NOT_IN_REGISTRY', 'NIK_INVALID', 'KK_MISMATCH', 'AMOUNT_MISMATCH'] as const;
const NOT_IN_REGISTRY = 1;
const NIK_INVALID = 2;
const KK_MISMATCH = 4;
const AMOUNT_MISMATCH = 8;
/** Every combination's text[] literal, quoted for COPY csv. */
const FLAG_TEXT = Array.from({ length: 16 }, (_, bits) =>
  csvValue(FLAG_NAMES.filter((_, i) => bits & (1 << i))),
);

/**
 * An allocation file read and linked in one pass, each line written as the allocation line it
 * becomes: linked to the registry person holding its NIK, scoped to the household's village
 * (else the person's, else the NIK's kecamatan when it lies in this kabupaten, else the
 * kabupaten), flagged, with the expected amount. The same rules and counts as the staged way's
 * insertAllocations (apply-sql.ts), which a test holds both to. A PKH line whose amount differs
 * from its household's entitlement gets its calculation once the file is read, built for those
 * households only (pkh-sql.ts).
 */
export function createDirectAllocationSink(
  options: DirectAllocationSinkOptions,
): RowSink<DirectAllocationDone> {
  const given = options.registryKeys;
  const keys = given instanceof RegistryKeys ? given : RegistryKeys.fromText(given.text, given.lines);
  const kecamatan = new Set(options.kecamatanCodes);
  // The registry person of the line being checked: found once, by the duplicate check that
  // validation runs on every line it accepts (right before stageLine); a registry person's
  // line is remembered by a mark per person, only other NIKs go to a NikSet (measured: the
  // second lookup and the NikSet of a million NIKs were 0.4 s of a 2.5 s read).
  let person = NONE;
  const seenPerson = new Uint8Array(keys.size);
  const seenElsewhere = new NikSet();
  const seen = {
    addNew(nik: string): boolean {
      person = keys.person(nik);
      if (person === NONE) return seenElsewhere.addNew(nik);
      if (seenPerson[person]) return false;
      seenPerson[person] = 1;
      return true;
    },
  };
  const ctx = {
    columns: options.columns,
    defaultChannel: options.defaultChannel,
    kecamatanExists: (code: string) => kecamatan.has(code),
    today: new Date(options.today),
    seen,
  };
  const { expected, kabupatenCode } = options;
  const head = `${options.importId},`;
  const constants = `,${csvValue(options.program)},${csvValue(options.period)},`;
  const constantExpected = expected.kind === 'constant' ? expected.expected : Number.NaN;
  const constantCalculation =
    expected.kind === 'constant' ? csvValue(JSON.stringify(expected.calculation)) : '';
  const quotedScopes = new Map<string, string>();
  const quotedScope = (scope: string) => {
    let quoted = quotedScopes.get(scope);
    if (quoted === undefined) {
      quoted = csvValue(scope);
      quotedScopes.set(scope, quoted);
    }
    return quoted;
  };

  let lines = 0;
  let linked = 0;
  const amount = new ExactSum();
  const expectedAmount = new ExactSum();
  const flagCounts = [0, 0, 0, 0];
  const households = new Set<number>();
  const mismatched = new Set<number>();

  const stageLine = (r: AllocationRecord): string => {
    lines++;
    amount.add(r.amount);
    let flags = r.nikInvalid ? NIK_INVALID : 0;
    let householdId = Number.NaN;
    let scope: string | null = null;
    let lineExpected = constantExpected;
    let personId = '';
    if (person === NONE) flags |= NOT_IN_REGISTRY;
    else {
      linked++;
      personId = String(keys.personId(person));
      householdId = keys.householdId(person);
      scope = keys.scope(person);
      if (!Number.isNaN(householdId)) {
        households.add(householdId);
        if (r.kk !== null && keys.householdKkDiffers(person, r.kk)) flags |= KK_MISMATCH;
        if (expected.kind === 'household') lineExpected = keys.expected(person);
      }
    }
    if (scope === null) scope = r.nik.startsWith(kabupatenCode) ? r.nik.slice(0, 6) : kabupatenCode;
    let calculation = '';
    const hasExpected = !Number.isNaN(lineExpected);
    const differs = hasExpected && r.amount !== lineExpected;
    if (hasExpected) expectedAmount.add(lineExpected);
    if (differs) {
      flags |= AMOUNT_MISMATCH;
      calculation = constantCalculation;
      // PKH: its calculation comes once the file is read (pkh_calc, direct-import.ts).
      if (expected.kind === 'household') mismatched.add(householdId);
    }
    for (let i = 0; i < 4; i++) if (flags & (1 << i)) flagCounts[i]!++;
    return `${head}${r.line}${constants}${r.nik},${r.kk ?? ''},${csvValue(r.name)},${r.amount},${r.channel},${csvValue(r.account)},${Number.isNaN(householdId) ? '' : householdId},${personId},${quotedScope(scope)},${FLAG_TEXT[flags]},${hasExpected ? lineExpected : ''},${calculation}\n`;
  };

  const sink = createValidatingSink({
    shape: options,
    validate: (line, cells) => validateAllocationRow(line, cells, ctx),
    isRejection: isAllocationRejection,
    stageLine,
  });
  return extendSink(sink, {
    finish: (done) => {
      const flags: Record<string, number> = {};
      FLAG_NAMES.forEach((name, i) => {
        if (flagCounts[i]) flags[name] = flagCounts[i]!;
      });
      return {
        ...done,
        totals: { lines, amount: amount.value(), linked, expectedAmount: expectedAmount.value(), flags },
        households: households.size,
        mismatchedHouseholds: [...mismatched],
      };
    },
  });
}
