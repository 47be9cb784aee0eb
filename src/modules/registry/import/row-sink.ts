import type { RowSink } from '../../../platform/files/row-sink';
import {
  createValidatingSink,
  extendSink,
  type FileShape,
  type SinkFactory,
} from '../../../platform/files/stage-rows';
import { createRowValidator } from './fast-validate-row';
import type { DtsenField } from './fields';
import { HouseholdWriter, householdLine, personLine } from './first-load';
import { NikSet } from './nik-set';
import type { RejectionCode, WarningCode } from './reasons';
import { KkRepresentatives, stageLine } from './stage-csv';
import { isRejection, type RegistryRecord } from './validate-row';

/** Everything the registry sink needs, structured-clonable (it may run in a worker thread). */
export interface RegistrySinkOptions extends FileShape {
  columns: Partial<Record<DtsenField, number>>;
  kecamatanCodes: string[];
  villageCodes: string[];
  kabupatenCode: string;
  /** Today, ISO (the NIK birth-date checks). */
  today: string;
  /** A first load (first-load.ts): lines for `person`, `household` and `household_desil`, with household ids from this one on. */
  firstLoad: { firstHouseholdId: number; tail: string; edition: string } | null;
}

export interface RegistrySinkResult {
  rowsRead: number;
  accepted: number;
  rejected: number;
  rejectedByReason: Partial<Record<RejectionCode, number>>;
  warningsByReason: Partial<Record<WarningCode, number>>;
  /** stage_kk_raw's COPY text (one row per KK), in pieces; none on a first load. */
  kkChunks: string[];
  lastHouseholdId: number | null;
  /** A first load: households written, the fix_household lines of those to correct, desil rows written. */
  households: { inserted: number; corrections: string; desilWritten: number } | null;
  /** The kecamatan (6 digits) of the accepted rows' villages: the ones this file covers. */
  coveredKecamatan: string[];
}

// Lines per piece of the KK text (as the rows' chunks).
const KK_CHUNK_ROWS = 50_000;

/** The registry sink, as a worker thread finds it (stage-rows.ts readPlan). */
export const REGISTRY_SINK: SinkFactory<RegistrySinkOptions, RegistrySinkResult> = {
  module: import.meta.url,
  name: 'createRegistryRowSink',
  create: (options) => createRegistryRowSink(options),
};

/**
 * The DTSEN import's rows: each validated (fast-validate-row.ts), accepted rows as staging (or,
 * on a first load, `person`) lines, the KK representatives gathered, rejected rows with their
 * reasons and original cells.
 */
export function createRegistryRowSink(options: RegistrySinkOptions): RowSink<RegistrySinkResult> {
  const kecamatan = new Set(options.kecamatanCodes);
  const villages = new Set(options.villageCodes);
  const validate = createRowValidator({
    columns: options.columns,
    kecamatanExists: (code) => kecamatan.has(code),
    villageExists: (code) => villages.has(code),
    kabupatenCode: options.kabupatenCode,
    today: new Date(options.today),
    seen: new NikSet(),
  });
  const { firstLoad } = options;
  const kks = firstLoad
    ? new KkRepresentatives(firstLoad.firstHouseholdId, householdLine)
    : new KkRepresentatives();
  const households = firstLoad ? new HouseholdWriter(kks, firstLoad.edition) : null;
  const warningsByReason: Partial<Record<WarningCode, number>> = {};
  const covered = new Set<string>();
  let lastVillage = '';
  const rows = createValidatingSink({
    shape: options,
    validate,
    isRejection,
    // Called for each accepted row: what else the import needs of it is gathered here.
    stageLine(result: RegistryRecord) {
      for (const w of result.warnings) warningsByReason[w] = (warningsByReason[w] ?? 0) + 1;
      // Rows of one village mostly follow each other: one comparison, rarely a slice.
      if (result.regionCode !== lastVillage) {
        lastVillage = result.regionCode;
        covered.add(lastVillage.slice(0, 6));
      }
      if (firstLoad) {
        const line = personLine(result, kks.add(result), firstLoad.tail);
        households!.afterAdd();
        return line;
      }
      kks.add(result);
      return stageLine(result);
    },
  });
  return extendSink(rows, {
    side: households ? () => households.take() : undefined,
    finish: (done) => ({
      ...done,
      warningsByReason,
      kkChunks: households ? [] : [...kks.chunks(KK_CHUNK_ROWS)],
      lastHouseholdId: kks.lastHouseholdId,
      households: households && { inserted: kks.size, ...households.finish() },
      coveredKecamatan: [...covered].sort(),
    }),
  });
}
