import { csvRow } from '../../db/copy-csv';
import type { RawConnection } from '../../db/raw-connection';
import type { TabularFile, TabularRow } from './tabular';

/**
 * What the allocation and channel-report imports share when they read a file: each row is
 * validated in JS, then COPYed in big chunks into a staging table (valid rows) or a rejection
 * staging table (line, reason codes, fields, the original cells under the file's own headers).
 */
export interface RowRejection<C extends string> {
  reasons: C[];
  fields: string[];
}

export interface StageRowsOptions<R, J extends RowRejection<string>> {
  stage: { table: string; columns: readonly string[] };
  rejectionTable: string;
  chunkRows: number;
  validate: (line: number, cells: TabularRow['cells']) => R | J;
  isRejection: (result: R | J) => result is J;
  /** The staging table's CSV line of a valid row. */
  stageLine: (record: R) => string;
  onProgress?: ((rowsRead: number, stage: string, totalRows: number | null) => void) | undefined;
}

export const REJECTION_STAGE_COLUMNS = ['line', 'reasons', 'fields', 'original'] as const;

export async function stageRows<R, J extends RowRejection<string>>(
  raw: RawConnection,
  file: TabularFile,
  options: StageRowsOptions<R, J>,
) {
  const rejectedByReason: Partial<Record<J['reasons'][number], number>> = {};
  let rowsRead = 0;
  let accepted = 0;
  let rejected = 0;
  let stageChunk: string[] = [];
  let rejectChunk: string[] = [];
  // The previous chunk's COPY runs while the next chunk is read and validated (on PostgreSQL
  // the server loads it meanwhile); one COPY at a time, so memory stays two chunks at most.
  let pending: Promise<unknown> = Promise.resolve();
  const flush = async () => {
    const stage = stageChunk;
    const rejects = rejectChunk;
    stageChunk = [];
    rejectChunk = [];
    await pending;
    pending = (async () => {
      if (stage.length) await raw.copyCsv(options.stage.table, options.stage.columns, stage.join(''));
      if (rejects.length)
        await raw.copyCsv(options.rejectionTable, REJECTION_STAGE_COLUMNS, rejects.join(''));
    })();
    // Awaited at the next flush or at the end; this only keeps an early failure from being unhandled.
    pending.catch(() => {});
  };
  const { validate, isRejection, stageLine } = options;
  for await (const batch of file.rowBatches ?? inBatches(file.rows)) {
    for (const row of batch) {
      rowsRead++;
      const result = validate(row.line, row.cells);
      if (isRejection(result)) {
        rejected++;
        for (const reason of result.reasons as J['reasons'][number][])
          rejectedByReason[reason] = (rejectedByReason[reason] ?? 0) + 1;
        const original = JSON.stringify(originalOf(file.headers, row.cells));
        rejectChunk.push(csvRow([row.line, result.reasons, result.fields, original]));
      } else {
        accepted++;
        stageChunk.push(stageLine(result));
      }
    }
    if (stageChunk.length + rejectChunk.length >= options.chunkRows) {
      await flush();
      options.onProgress?.(rowsRead, 'membaca', file.estimatedRows);
    }
  }
  await flush();
  await pending;
  return { rowsRead, accepted, rejected, rejectedByReason };
}

/** Rows one at a time (an .xlsx) grouped like the CSV reader's batches. */
async function* inBatches(rows: AsyncIterable<TabularRow>, size = 10_000): AsyncIterable<TabularRow[]> {
  let batch: TabularRow[] = [];
  for await (const row of rows) {
    batch.push(row);
    if (batch.length >= size) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length) yield batch;
}

/** The cells as the operator typed them, under the file's own headers, for the error report. */
export function originalOf(
  headers: readonly string[],
  cells: readonly unknown[],
): Record<string, string | null> {
  return Object.fromEntries(headers.map((h, i) => [h, originalText(cells[i])]));
}

/** A cell as text (numbers as typed, dates as YYYY-MM-DD). */
function originalText(cell: unknown): string | null {
  if (cell === null || cell === undefined) return null;
  if (cell instanceof Date) return cell.toISOString().slice(0, 10);
  return String(cell);
}

/** Named steps with their duration in ms, for the import summary's timings. */
export function stepTimer() {
  const timings: Record<string, number> = {};
  const step = async <T>(name: string, run: () => Promise<T>): Promise<T> => {
    const started = performance.now();
    const result = await run();
    timings[name] = Math.round(performance.now() - started);
    return result;
  };
  return { timings, step };
}
