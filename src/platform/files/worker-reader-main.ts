import { parentPort, workerData } from 'node:worker_threads';
import { AppError } from '../errors';
import { type RowSink, readIntoSink } from './row-sink';
import { openTabular } from './tabular';
import type { WorkerTask } from './worker-reader';

/**
 * The worker thread of worker-reader.ts: opens the file, builds the import's sink from its
 * module, and posts the sink's chunks — at most two ahead of the COPYs on the main thread, so
 * memory stays bounded however fast the file reads.
 */
const task = workerData as WorkerTask;
const port = parentPort!;
let credits = 2;
let wake: (() => void) | null = null;
port.on('message', (message) => {
  if (message !== 'credit') return;
  credits++;
  wake?.();
});

async function run() {
  const module = (await import(task.sinkModule)) as Record<string, (options: unknown) => RowSink<unknown>>;
  const sink = module[task.sinkExport]!(task.options);
  // The main thread counted the lines already (that is how it chose the worker).
  const file = await openTabular(task.filePath, { sheet: task.sheet, countRows: false });
  const done = await readIntoSink(file, sink, task.chunkRows, async (chunk) => {
    while (credits === 0) await new Promise<void>((resolve) => (wake = resolve));
    credits--;
    // The lines' bytes are handed over, not copied: their buffer is the chunk's own (line-buffer.ts
    // allocates at least 1 MB, never from Node's shared 8 KB pool).
    const transfer = [chunk.stage, ...(chunk.side ?? [])]
      .map((bytes) => bytes.buffer as ArrayBuffer)
      .filter((buffer) => buffer.byteLength > 8192);
    port.postMessage({ type: 'chunk', chunk }, transfer);
  });
  port.postMessage({ type: 'done', done });
}

run().catch((error: unknown) => {
  const e = error as Error;
  port.postMessage({
    type: 'error',
    error:
      e instanceof AppError
        ? { app: true, code: e.code, message: e.message, status: e.status, details: e.details }
        : { app: false, message: e?.message ?? String(error), stack: e?.stack },
  });
});
