import { Worker } from 'node:worker_threads';
import { AppError, ConflictError, ValidationError } from '../errors';
import type { SinkChunk } from './row-sink';

/**
 * Reads a large file in a worker thread: tokenising, checking and building COPY lines (the
 * import's RowSink) run there while this thread COPYs the chunks already built. On PGlite,
 * which runs every statement on this thread, reading and loading then overlap on two cores
 * instead of taking turns (measured in the import benchmarks); on PostgreSQL this thread is
 * freed for the server's replies. Rows, lines and errors are the sink's, as in this thread.
 */
export interface WorkerTask {
  /** The file URL of the module that exports the sink factory. */
  sinkModule: string;
  sinkExport: string;
  /** The factory's options: structured-clonable (arrays, not Sets). */
  options: unknown;
  filePath: string;
  sheet?: string | undefined;
  chunkRows: number;
}

type WorkerMessage =
  | { type: 'chunk'; chunk: SinkChunk }
  | { type: 'done'; done: unknown }
  | {
      type: 'error';
      error: {
        app: boolean;
        code?: string;
        message: string;
        status?: number;
        details?: unknown;
        stack?: string;
      };
    };

export function readInWorker<Done>(
  task: WorkerTask,
  copy: (chunk: SinkChunk) => Promise<void>,
): Promise<Done> {
  return new Promise<Done>((resolve, reject) => {
    const worker = new Worker(new URL('./worker-reader-entry.mjs', import.meta.url), { workerData: task });
    let settled = false;
    let queue: Promise<void> = Promise.resolve();
    const settle = (error: unknown, done?: Done) => {
      if (settled) return;
      settled = true;
      void worker.terminate();
      if (error) reject(error);
      else resolve(done as Done);
    };
    // Chunks are COPYed one at a time, in order; each done COPY lets the worker run one further ahead.
    const then = (work: () => Promise<void>) => {
      queue = queue.then(async () => {
        if (!settled) await work();
      });
      queue.catch((error) => settle(error));
    };
    worker.on('message', (message: WorkerMessage) => {
      if (message.type === 'chunk')
        then(async () => {
          await copy(message.chunk);
          worker.postMessage('credit');
        });
      else if (message.type === 'done') then(async () => settle(null, message.done as Done));
      else settle(rebuild(message.error));
    });
    worker.on('error', (error) => settle(error));
    worker.on('exit', (code) => settle(new Error(`pembaca berkas berhenti tiba-tiba (kode ${code})`)));
  });
}

/** The worker's error as the same kind of error this thread would have thrown. */
function rebuild(error: Extract<WorkerMessage, { type: 'error' }>['error']): Error {
  if (error.app) {
    if (error.status === 400) return new ValidationError(error.code!, error.message, error.details);
    if (error.status === 409) return new ConflictError(error.code!, error.message, error.details);
    return new AppError(error.code!, error.message, error.status ?? 500, error.details);
  }
  const rebuilt = new Error(error.message);
  if (error.stack) rebuilt.stack = error.stack;
  return rebuilt;
}
