import { randomUUID } from 'node:crypto';
import type { SalurDatabase } from '../../db/database';
import type { JobRow } from '../../db/types';
import { type Actor, can } from '../../platform/auth/actor';
import { AppError, NotFoundError } from '../../platform/errors';
import { redactError } from '../../platform/redact';
import { JobEvents, type JobProgress } from './events';
import { createJobsRepository } from './repository';

export interface JobContext<P> {
  job: JobRow;
  payload: P;
  /** Reports progress; cheap to call often (throttled). */
  progress(done: number, total: number | null, message?: string): void;
}

export type JobHandler<P = unknown> = (ctx: JobContext<P>) => Promise<unknown>;

export function toProgress(job: JobRow): JobProgress {
  return {
    id: job.id,
    state: job.state,
    done: job.progress_done,
    total: job.progress_total,
    message: job.message,
    result: job.result ?? undefined,
    error: job.error ?? undefined,
  };
}

/**
 * A job queue in the database. Any process may run workers; each takes rows with
 * FOR UPDATE SKIP LOCKED, so one PGlite process or many processes on one PostgreSQL share it.
 * A handler does all its writes in one transaction of its own: a crash leaves nothing half done.
 */
export function createJobsService(deps: { database: SalurDatabase }) {
  const repo = createJobsRepository();
  const { database } = deps;
  const handlers = new Map<string, JobHandler<never>>();
  const events = new JobEvents();
  const workerId = `${process.pid}-${randomUUID().slice(0, 8)}`;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let stopped = true;

  async function runOne(): Promise<boolean> {
    const job = await repo.claimNext(database.db, [...handlers.keys()], workerId);
    if (!job) return false;
    const handler = handlers.get(job.kind)!;
    let done = job.progress_done;
    let total = job.progress_total;
    let lastBeat = 0;
    const emit = (state: JobProgress['state'], message: string | null, extra: Partial<JobProgress> = {}) =>
      events.emit({ id: job.id, state, done, total, message, ...extra });
    emit('running', null);
    let message: string | null = null;
    // A job that reports no progress for a while must not look dead to other processes (which
    // requeue jobs whose heartbeat is stale): beat on a timer while it runs.
    const beat =
      database.kind === 'postgres'
        ? setInterval(
            () => void repo.heartbeat(database.db, job.id, done, total, message).catch(() => {}),
            20_000,
          )
        : undefined;
    try {
      const result = await handler({
        job,
        payload: job.payload as never,
        progress(d, t, stage) {
          done = d;
          total = t;
          message = stage ?? null;
          const now = Date.now();
          if (now - lastBeat < 200 && d !== t) return;
          lastBeat = now;
          emit('running', message);
          // On PostgreSQL other processes (and SSE readers there) see progress through the row.
          if (database.kind === 'postgres')
            void repo.heartbeat(database.db, job.id, d, t, message).catch(() => {});
        },
      });
      await repo.finish(database.db, job.id, {
        state: 'succeeded',
        result: result ?? null,
        done: total ?? done,
      });
      emit('succeeded', null, { result: result ?? null, done: total ?? done });
    } catch (error) {
      const detail =
        error instanceof AppError
          ? { code: error.code, message: error.message, details: error.details }
          : {
              code: 'JOB_FAILED',
              message: 'Pekerjaan gagal karena galat sistem; tidak ada data yang tersimpan sebagian.',
            };
      if (!(error instanceof AppError))
        console.error(`job ${job.id} (${job.kind}) failed`, redactError(error));
      await repo.finish(database.db, job.id, { state: 'failed', error: detail });
      emit('failed', detail.message, { error: detail });
    } finally {
      if (beat) clearInterval(beat);
    }
    return true;
  }

  async function drain(): Promise<void> {
    while (!stopped && (await runOne())) {}
  }

  function kick(): void {
    if (stopped || running) return;
    running = drain().finally(() => {
      running = undefined;
    });
  }

  return {
    events,

    register<P>(kind: string, handler: JobHandler<P>): void {
      handlers.set(kind, handler as JobHandler<never>);
    },

    async enqueue(
      actor: Actor | null,
      kind: string,
      payload: unknown,
      options: { maxAttempts?: number } = {},
    ): Promise<JobRow> {
      const job = await repo.insert(database.db, {
        kind,
        payload,
        created_by: actor && actor.userId > 0 ? actor.userId : null,
        region_code: actor?.regionCode || null,
        ...(options.maxAttempts ? { max_attempts: options.maxAttempts } : {}),
      });
      kick();
      return job;
    },

    /** A job the actor may see: their own, or any for roles that oversee all work. */
    async get(actor: Actor, id: number): Promise<JobRow> {
      const job = await repo.findById(database.db, id);
      if (!job || (job.created_by !== actor.userId && !can(actor, 'jobs.read.all')))
        throw new NotFoundError('Pekerjaan');
      return job;
    },

    list(actor: Actor, limit = 50) {
      return repo.list(database.db, {
        createdBy: can(actor, 'jobs.read.all') ? undefined : actor.userId,
        limit,
      });
    },

    /** Start polling for work (and recover what a dead process left running). */
    async start(options: { pollMs?: number; staleAfterMs?: number } = {}): Promise<void> {
      // PGlite: no other process can be running jobs on this directory, so every running job is orphaned.
      const staleBefore =
        database.kind === 'pglite'
          ? new Date(Date.now() + 1000)
          : new Date(Date.now() - (options.staleAfterMs ?? 120_000));
      await repo.recoverOrphans(database.db, staleBefore);
      stopped = false;
      kick();
      timer = setInterval(kick, options.pollMs ?? 1000);
      timer.unref();
    },

    async stop(): Promise<void> {
      stopped = true;
      if (timer) clearInterval(timer);
      await running;
    },

    /** Runs queued jobs in this process until none is left (CLI and tests). */
    async runUntilIdle(): Promise<void> {
      const wasStopped = stopped;
      stopped = false;
      await running;
      await drain();
      stopped = wasStopped;
    },
  };
}

export type JobsService = ReturnType<typeof createJobsService>;
