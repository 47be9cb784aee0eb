import { csvRow } from '../../../db/copy-csv';
import type { RowSink } from '../../../platform/files/row-sink';
import { originalOf } from '../../../platform/files/stage-rows';
import type { TabularRow } from '../../../platform/files/tabular';
import { createRowValidator } from './fast-validate-row';
import type { DtsenField } from './fields';
import { personLine } from './first-load';
import { NikSet } from './nik-set';
import type { RejectionCode, WarningCode } from './reasons';
import { KkRepresentatives, stageLine } from './stage-csv';
import { isRejection } from './validate-row';

/** Everything the registry sink needs, structured-clonable (it may run in a worker thread). */
export interface RegistrySinkOptions {
  headers: string[];
  columns: Partial<Record<DtsenField, number>>;
  kecamatanCodes: Iterable<string>;
  villageCodes: Iterable<string>;
  kabupatenCode: string;
  /** Today, ISO (the NIK birth-date checks). */
  today: string;
  /** A first load (first-load.ts): lines for `person`, with household ids from this one on. */
  firstLoad: { firstHouseholdId: number; tail: string } | null;
}

export interface RegistrySinkResult {
  rowsRead: number;
  accepted: number;
  rejected: number;
  rejectedByReason: Partial<Record<RejectionCode, number>>;
  warningsByReason: Partial<Record<WarningCode, number>>;
  /** stage_kk_raw's COPY text (one row per KK), in pieces. */
  kkChunks: string[];
  lastHouseholdId: number | null;
  /** The kecamatan (6 digits) of the accepted rows' villages: the ones this file covers. */
  coveredKecamatan: string[];
}

// Lines per piece of the KK text (as the rows' chunks).
const KK_CHUNK_ROWS = 50_000;

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
  const { headers, firstLoad } = options;
  const kks = new KkRepresentatives(firstLoad?.firstHouseholdId);
  const rejectedByReason: Partial<Record<RejectionCode, number>> = {};
  const warningsByReason: Partial<Record<WarningCode, number>> = {};
  let rowsRead = 0;
  let accepted = 0;
  let rejected = 0;
  let stage: string[] = [];
  let rejects: string[] = [];
  const covered = new Set<string>();
  let lastVillage = '';

  return {
    add(row: TabularRow) {
      rowsRead++;
      const result = validate(row.line, row.cells);
      if (isRejection(result)) {
        rejected++;
        for (const reason of result.reasons) rejectedByReason[reason] = (rejectedByReason[reason] ?? 0) + 1;
        const original = originalOf(headers, row.cells);
        rejects.push(csvRow([row.line, result.reasons, result.fields, JSON.stringify(original)]));
        return;
      }
      accepted++;
      for (const w of result.warnings) warningsByReason[w] = (warningsByReason[w] ?? 0) + 1;
      // Rows of one village mostly follow each other: one comparison, rarely a slice.
      if (result.regionCode !== lastVillage) {
        lastVillage = result.regionCode;
        covered.add(lastVillage.slice(0, 6));
      }
      if (firstLoad) stage.push(personLine(result, kks.add(result), firstLoad.tail));
      else {
        stage.push(stageLine(result));
        kks.add(result);
      }
    },
    get pendingRows() {
      return stage.length + rejects.length;
    },
    get rowsRead() {
      return rowsRead;
    },
    take() {
      const chunk = { stage: stage.join(''), rejects: rejects.join(''), rowsRead };
      stage = [];
      rejects = [];
      return chunk;
    },
    finish() {
      return {
        rowsRead,
        accepted,
        rejected,
        rejectedByReason,
        warningsByReason,
        kkChunks: [...kks.chunks(KK_CHUNK_ROWS)],
        lastHouseholdId: kks.lastHouseholdId,
        coveredKecamatan: [...covered].sort(),
      };
    },
  };
}
