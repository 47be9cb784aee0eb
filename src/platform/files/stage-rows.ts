import { csvRow } from '../../db/copy-csv';
import type { DatabaseKind } from '../../db/database';
import type { RawConnection } from '../../db/raw-connection';
import { ValidationError } from '../errors';
import { LineBuffer } from './line-buffer';
import { type RowSink, readInThisThread, type SinkChunk } from './row-sink';
import type { TabularFile, TabularRow } from './tabular';
import { readInWorker } from './worker-reader';

/**
 * What the allocation and channel-report imports share when they read a file: each row is
 * validated in JS, then COPYed in big chunks into a staging table (valid rows) or a rejection
 * staging table (line, reason codes, fields, the original cells under the file's own headers).
 * The checking runs in a RowSink: in this thread, or for a large CSV in a worker thread.
 */
export interface RowRejection<C extends string> {
  reasons: C[];
  fields: string[];
}

export interface StagedCounts<C extends string> {
  rowsRead: number;
  accepted: number;
  rejected: number;
  rejectedByReason: Partial<Record<C, number>>;
}

export const REJECTION_STAGE_COLUMNS = ['line', 'reasons', 'fields', 'original'] as const;

/** What every import's sink options say about the file's shape. */
export interface FileShape {
  headers: string[];
  /** A CSV file: a line with more cells than headers is refused (EXTRA_CELLS). */
  csv: boolean;
}

/** The rejection every import shares, for its error report and reason lists. */
export const EXTRA_CELLS_MESSAGE =
  'Baris berisi lebih banyak sel daripada judul kolom: kemungkinan ada pemisah (koma atau titik koma) ' +
  'di dalam nilai tanpa tanda kutip, mis. 1,500,000, sehingga nilai bergeser ke kolom lain. Beri tanda ' +
  'kutip pada nilai itu atau hapus pemisahnya; baris ini tidak disimpan.';

const EXTRA_CELLS: RowRejection<'EXTRA_CELLS'> = { reasons: ['EXTRA_CELLS'], fields: [] };

/**
 * A CSV line with a non-empty cell past the last header: its cells cannot be trusted to be
 * under their headers (an unquoted `1,500,000` in a comma file puts `1` under NOMINAL and the
 * rest nowhere). Empty trailing cells (a line ending in a delimiter) are harmless. In an .xlsx
 * a cell is where it is, so an unlabelled column there is not a shift and is not checked.
 */
function hasExtraCells(cells: TabularRow['cells'], headerCount: number): boolean {
  for (let i = headerCount; i < cells.length; i++) if (cells[i] !== null && cells[i] !== '') return true;
  return false;
}

/** A sink that validates each row: the valid ones as staging lines, the others as rejection lines. */
export function createValidatingSink<R, J extends RowRejection<string>>(options: {
  shape: FileShape;
  validate: (line: number, cells: TabularRow['cells']) => R | J;
  isRejection: (result: R | J) => result is J;
  /** The staging table's CSV line of a valid row. */
  stageLine: (record: R) => string;
}): RowSink<StagedCounts<J['reasons'][number] | 'EXTRA_CELLS'>> {
  const { validate, isRejection, stageLine } = options;
  const { headers, csv } = options.shape;
  const rejectedByReason: Partial<Record<J['reasons'][number] | 'EXTRA_CELLS', number>> = {};
  let rowsRead = 0;
  let accepted = 0;
  let rejected = 0;
  const stage = new LineBuffer();
  let rejects: string[] = [];
  const reject = (row: TabularRow, rejection: RowRejection<J['reasons'][number] | 'EXTRA_CELLS'>) => {
    rejected++;
    for (const reason of rejection.reasons) rejectedByReason[reason] = (rejectedByReason[reason] ?? 0) + 1;
    const original = JSON.stringify(originalOf(headers, row.cells));
    rejects.push(csvRow([row.line, rejection.reasons, rejection.fields, original]));
  };
  return {
    add(row) {
      rowsRead++;
      if (csv && row.cells.length > headers.length && hasExtraCells(row.cells, headers.length)) {
        reject(row, EXTRA_CELLS);
        return;
      }
      const result = validate(row.line, row.cells);
      if (isRejection(result)) reject(row, result);
      else {
        accepted++;
        stage.append(stageLine(result));
      }
    },
    get pendingRows() {
      return stage.lines + rejects.length;
    },
    get rowsRead() {
      return rowsRead;
    },
    take() {
      const chunk = { stage: stage.take(), rejects: rejects.join(''), rowsRead };
      rejects = [];
      return chunk;
    },
    finish: () => ({ rowsRead, accepted, rejected, rejectedByReason }),
  };
}

/**
 * A sink that adds to another: side lines with each chunk (stageRows' sideTables) and more
 * results after the last row.
 */
export function extendSink<Done, More>(
  sink: RowSink<Done>,
  extra: { side?: (() => Uint8Array[]) | undefined; finish: (done: Done) => More },
): RowSink<More> {
  const { side } = extra;
  return {
    add: (row) => sink.add(row),
    get pendingRows() {
      return sink.pendingRows;
    },
    get rowsRead() {
      return sink.rowsRead;
    },
    take: () => (side ? { ...sink.take(), side: side() } : sink.take()),
    finish: () => extra.finish(sink.finish()),
  };
}

/**
 * From how many lines a CSV file is read in a worker thread (worker-reader.ts); smaller ones
 * and .xlsx are read here. Only with the embedded database: PGlite runs its COPY on this
 * thread, so a worker lets reading and loading overlap (measured: 1 M people 19.6 s → 15.8 s).
 * Against a PostgreSQL server the server already loads while this thread reads, and a worker
 * only added a third busy thread on two cores (measured: 0.4–0.6 s slower).
 */
export function workerMinRowsFor(kind: DatabaseKind): number {
  return kind === 'pglite' ? 50_000 : Number.POSITIVE_INFINITY;
}

/**
 * How an import reads its file: its sink (a factory exported by a module, so a worker thread
 * can build the same one) with clonable options, in chunks of `chunkRows`.
 */
export interface ReadPlan<Done> {
  filePath: string;
  sheet?: string | undefined;
  chunkRows: number;
  sink: SinkFactory<unknown, Done>;
  options: unknown;
  /** Lines from which a CSV file goes to the worker (workerMinRowsFor; tests lower it). */
  workerMinRows: number;
}

/** A sink factory and where a worker thread finds it (the module's file URL and export name). */
export interface SinkFactory<O, Done> {
  module: string;
  name: string;
  create: (options: O) => RowSink<Done>;
}

export function readPlan<O, Done>(
  input: { filePath: string; sheet?: string | undefined },
  sink: SinkFactory<O, Done>,
  options: O,
  chunkRows: number,
  workerMinRows: number,
): ReadPlan<Done> {
  return {
    filePath: input.filePath,
    sheet: input.sheet,
    chunkRows,
    sink: sink as SinkFactory<unknown, Done>,
    options,
    workerMinRows,
  };
}

/** Whether a file is read in a worker thread: a CSV file of at least `workerMinRows` lines. */
export function readsInWorker(
  file: Pick<TabularFile, 'format' | 'estimatedRows'>,
  workerMinRows: number,
): boolean {
  return file.format === 'csv' && file.estimatedRows !== null && file.estimatedRows >= workerMinRows;
}

/** Reads the whole file through the plan's sink, handing each chunk to `copy` in order. */
async function readFileRows<Done>(
  file: TabularFile,
  plan: ReadPlan<Done>,
  copy: (chunk: SinkChunk) => Promise<void>,
): Promise<Done> {
  if (readsInWorker(file, plan.workerMinRows)) {
    // The worker reads the file itself: this reader (header only so far) is closed.
    await file.rows[Symbol.asyncIterator]().return?.();
    const { module, name } = plan.sink;
    return readInWorker<Done>(
      {
        sinkModule: module,
        sinkExport: name,
        options: plan.options,
        filePath: plan.filePath,
        sheet: plan.sheet,
        chunkRows: plan.chunkRows,
      },
      copy,
    );
  }
  return readInThisThread(file, plan.sink.create(plan.options), plan.chunkRows, copy);
}

/** Reads the file into `stage.table` and `rejectionTable` (see ReadPlan), reporting progress. */
export async function stageRows<Done>(
  raw: RawConnection,
  file: TabularFile,
  options: {
    stage: { table: string; columns: readonly string[] };
    /** Tables for the chunks' side lines (SinkChunk.side), in order. */
    sideTables?: ReadonlyArray<{ table: string; columns: readonly string[] }>;
    rejectionTable: string;
    plan: ReadPlan<Done>;
    onProgress?: ((rowsRead: number, stage: string, totalRows: number | null) => void) | undefined;
  },
): Promise<Done> {
  let sawRows = false;
  const done = await readFileRows(file, options.plan, async (chunk) => {
    if (chunk.rowsRead > 0) sawRows = true;
    if (chunk.stage.length > 0) await raw.copyCsv(options.stage.table, options.stage.columns, chunk.stage);
    if (chunk.rejects) await raw.copyCsv(options.rejectionTable, REJECTION_STAGE_COLUMNS, chunk.rejects);
    for (const [i, lines] of (chunk.side ?? []).entries()) {
      const side = options.sideTables?.[i];
      if (!side) throw new Error(`no table for side lines ${i}`);
      if (lines.length > 0) await raw.copyCsv(side.table, side.columns, lines);
    }
    if (chunk.rowsRead > 0) options.onProgress?.(chunk.rowsRead, 'membaca', file.estimatedRows);
  });
  // A file with headers and no line would be stored as an empty import (and, for a report,
  // mark the period's reconciliation out of date): refused, so nothing is written.
  if (!sawRows)
    throw new ValidationError(
      'FILE_EMPTY',
      'Berkas hanya berisi baris judul kolom, tanpa baris data: tidak ada yang diimpor.',
    );
  return done;
}

/** The cells as the operator typed them, under the file's own headers, for the error report. */
export function originalOf(
  headers: readonly string[],
  cells: readonly unknown[],
): Record<string, string | null> {
  const original = Object.fromEntries(headers.map((h, i) => [h, originalText(cells[i])]));
  // Cells past the last header (an EXTRA_CELLS line) are kept too, by their 1-based position.
  for (let i = headers.length; i < cells.length; i++) original[`#${i + 1}`] = originalText(cells[i]);
  return original;
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
