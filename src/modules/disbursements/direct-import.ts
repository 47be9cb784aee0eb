import type { Db } from '../../db/database';
import type { RawConnection } from '../../db/raw-connection';
import type { Channel } from '../../db/types';
import { readPlan, readsInWorker, stageRows } from '../../platform/files/stage-rows';
import type { TabularFile } from '../../platform/files/tabular';
import { loadAllocationKeys, loadAllocationKeysText } from './allocation-keys';
import * as apply from './apply-sql';
import { DIRECT_COLUMNS, DISBURSEMENT_DIRECT_SINK, type DirectSinkOptions } from './direct-sink';
import type { DisbursementImportInput } from './import-service';
import { createDisbursementRepository } from './repository';
import type { DisbursementSinkOptions } from './row-sink';

/**
 * Lines from which the first report of a channel in a period is matched while it is read.
 * Below, loading every allocation key of the period costs more than the staged way saves.
 */
export const DIRECT_MIN_ROWS = 50_000;

/** What both ways of importing a report share (import-service.ts). */
export interface ImportContext {
  db: Db;
  raw: RawConnection;
  input: DisbursementImportInput;
  file: TabularFile;
  report: {
    program: string;
    period: string;
    channel: Channel;
    fileName: string;
    sha256: string;
    createdBy: number | null;
    createdByName: string;
    startedAt: Date;
  };
  sinkOptions: DisbursementSinkOptions;
  step: <T>(name: string, run: () => Promise<T>) => Promise<T>;
  onProgress?: ((rowsRead: number, stage: string, totalRows: number | null) => void) | undefined;
}

/**
 * The first report of a channel in a period, when large: nothing stored earlier needs comparing
 * (no cumulative re-export to recognise), so every line can be matched as it is read and COPYed
 * straight into `disbursement` as the line it becomes — no staging table, no matching joins, no
 * second write of a million lines. The period's allocation keys are loaded first
 * (allocation-keys.ts); the rules, scope and counts are the staged way's (direct-sink.ts; a test
 * imports the same reports both ways and compares every line). The report row comes first (its
 * lines carry its id) and gets its counts at the end, in the same transaction.
 */
export async function importMatchingWhileReading(
  ctx: ImportContext & { workerMinRows: number; chunkRows: number },
) {
  const { raw, step } = ctx;
  const { program, period, channel } = ctx.report;
  const repo = createDisbursementRepository();
  const { id: reportId } = await repo.insertReport(ctx.db, {
    ...ctx.report,
    rowsRead: 0,
    accepted: 0,
    rejected: 0,
  });
  // Read in this thread, the keys are indexed while the server sends them; a worker thread gets
  // their text and indexes it there.
  const allocationKeys = await step(
    'keys',
    (): Promise<DirectSinkOptions['allocationKeys']> =>
      readsInWorker(ctx.file, ctx.workerMinRows)
        ? loadAllocationKeysText(raw, program, period)
        : loadAllocationKeys(raw, program, period),
  );
  await apply.createRejectionStage(raw);
  const bulk = await apply.setKeysAsideFor(raw, ctx.file.estimatedRows ?? 0);
  const read = await step('read', () =>
    stageRows(raw, ctx.file, {
      stage: { table: 'disbursement', columns: DIRECT_COLUMNS },
      rejectionTable: 'stage_disbursement_rejection',
      plan: readPlan(
        ctx.input,
        DISBURSEMENT_DIRECT_SINK,
        { ...ctx.sinkOptions, allocationKeys, reportId, program, period, channel },
        ctx.chunkRows,
        ctx.workerMinRows,
      ),
      onProgress: ctx.onProgress,
    }),
  );
  ctx.onProgress?.(read.rowsRead, 'mencocokkan', read.rowsRead);
  if (bulk) await step('insert', () => apply.rebuildKeys(raw));
  const counts: apply.StoredCounts = {
    ...read.counts,
    stored: read.accepted,
    ambiguous: read.rejectedByReason.MATCHES_TWO_ALLOCATIONS ?? 0,
    alreadyReported: 0,
  };
  return { reportId, read, counts, bulk };
}
