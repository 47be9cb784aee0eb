import type { TabularFile, TabularRow } from './tabular';

/**
 * What an import does with each row of its file while reading: checks it and turns it into a
 * COPY line for its staging table, or into a rejection line. The same sink runs in this thread
 * (small files, .xlsx) or in a worker thread (large CSV, worker-reader.ts), so both give the
 * same lines in the same order.
 */
export interface RowSink<Done> {
  add(row: TabularRow): void;
  /** Rows gathered since the last take(). */
  readonly pendingRows: number;
  readonly rowsRead: number;
  /** The COPY text gathered since the last call: staged lines and rejection lines. */
  take(): SinkChunk;
  /** After the last row: what the import needs besides the lines (counts, …); structured-clonable. */
  finish(): Done;
}

export interface SinkChunk {
  /** The staging table's COPY lines, as UTF-8 bytes (line-buffer.ts). */
  stage: Uint8Array;
  rejects: string;
  rowsRead: number;
  /** Lines for further tables a sink fills while reading (stageRows' sideTables, in order). */
  side?: Uint8Array[];
}

/** Feeds every row to the sink and hands over its lines every `chunkRows` rows (and at the end). */
export async function readIntoSink<Done>(
  file: Pick<TabularFile, 'rows' | 'rowBatches'>,
  sink: RowSink<Done>,
  chunkRows: number,
  emit: (chunk: SinkChunk) => Promise<void>,
): Promise<Done> {
  for await (const batch of file.rowBatches ?? inBatches(file.rows)) {
    for (const row of batch) sink.add(row);
    if (sink.pendingRows >= chunkRows) await emit(sink.take());
  }
  await emit(sink.take());
  return sink.finish();
}

/** Rows one by one (xlsx) as batches of up to 1,000. */
async function* inBatches(rows: AsyncIterable<TabularRow>): AsyncIterable<TabularRow[]> {
  let batch: TabularRow[] = [];
  for await (const row of rows) {
    batch.push(row);
    if (batch.length === 1000) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}

/**
 * Reads in this thread: while one chunk is COPYed the next is read (on PostgreSQL the server
 * loads it meanwhile; PGlite runs both on this thread). One COPY at a time.
 */
export async function readInThisThread<Done>(
  file: Pick<TabularFile, 'rows' | 'rowBatches'>,
  sink: RowSink<Done>,
  chunkRows: number,
  copy: (chunk: SinkChunk) => Promise<void>,
): Promise<Done> {
  let pending: Promise<unknown> = Promise.resolve();
  const done = await readIntoSink(file, sink, chunkRows, async (chunk) => {
    await pending;
    pending = copy(chunk);
    // Awaited at the next chunk or at the end; this only keeps an early failure from being unhandled.
    pending.catch(() => {});
  });
  await pending;
  return done;
}
