import { EventEmitter } from 'node:events';

export interface JobProgress {
  id: number;
  state: 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled';
  done: number;
  total: number | null;
  message: string | null;
  result?: unknown;
  error?: unknown;
}

/**
 * Progress of jobs running in this process, pushed to SSE streams and progress bars at once.
 * On PGlite a running job's transaction holds the only connection, so progress cannot go
 * through the database while it runs; it goes through here.
 */
export class JobEvents {
  private readonly emitter = new EventEmitter().setMaxListeners(0);

  emit(progress: JobProgress): void {
    this.emitter.emit(String(progress.id), progress);
  }

  subscribe(id: number, listener: (progress: JobProgress) => void): () => void {
    this.emitter.on(String(id), listener);
    return () => this.emitter.off(String(id), listener);
  }
}
