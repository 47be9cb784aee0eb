import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../src/platform/errors';
import { createTestApp, type TestApp } from '../support/app';

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
  await sql`CREATE TABLE job_probe (n integer)`.execute(t.services.database.db);
  // A job that writes rows in its own transaction, and fails halfway when asked to.
  t.services.jobs.register<{ rows: number; failAt?: number }>('probe.write', async ({ payload, progress }) =>
    t.services.database.transaction(async ({ db }) => {
      for (let i = 1; i <= payload.rows; i++) {
        if (i === payload.failAt) throw new AppError('PROBE_FAILED', 'Gagal di tengah jalan (uji).', 400);
        await sql`INSERT INTO job_probe (n) VALUES (${i})`.execute(db);
        progress(i, payload.rows);
      }
      return { written: payload.rows };
    }),
  );
});
afterAll(() => t.dispose());

const probeCount = async () =>
  Number(
    (await sql<{ n: number }>`SELECT count(*)::int AS n FROM job_probe`.execute(t.services.database.db))
      .rows[0]!.n,
  );

describe('jobs', () => {
  it('runs a queued job to success with its result and progress', async () => {
    const job = await t.services.jobs.enqueue(null, 'probe.write', { rows: 3 });
    const seen: number[] = [];
    const off = t.services.jobs.events.subscribe(job.id, (p) => seen.push(p.done));
    await t.services.jobs.runUntilIdle();
    off();
    const row = await t.services.database.db
      .selectFrom('job')
      .selectAll()
      .where('id', '=', job.id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ state: 'succeeded', result: { written: 3 }, progress_done: 3, attempts: 1 });
    expect(seen.at(-1)).toBe(3);
    expect(await probeCount()).toBe(3);
  });

  it('a job failing halfway leaves none of its rows and records a clear error', async () => {
    const before = await probeCount();
    const job = await t.services.jobs.enqueue(null, 'probe.write', { rows: 5, failAt: 4 });
    await t.services.jobs.runUntilIdle();
    const row = await t.services.database.db
      .selectFrom('job')
      .selectAll()
      .where('id', '=', job.id)
      .executeTakeFirstOrThrow();
    expect(row.state).toBe('failed');
    expect(row.error).toMatchObject({ code: 'PROBE_FAILED' });
    expect(await probeCount()).toBe(before);
  });

  it('a job left running by a crashed process is queued again and then completes', async () => {
    const job = await t.services.jobs.enqueue(null, 'probe.other-kind', {});
    // Simulate the crash: the row says running, the process that ran it is gone.
    await sql`UPDATE job SET kind = 'probe.write', payload = '{"rows":2}', state = 'running', attempts = 1,
              heartbeat_at = now() - interval '1 hour' WHERE id = ${job.id}`.execute(t.services.database.db);
    await t.services.jobs.start({ pollMs: 50 });
    await t.services.jobs.runUntilIdle();
    await t.services.jobs.stop();
    const row = await t.services.database.db
      .selectFrom('job')
      .selectAll()
      .where('id', '=', job.id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ state: 'succeeded', attempts: 2 });
  });

  it('a crashed job that used its last attempt is marked failed with JOB_INTERRUPTED', async () => {
    const job = await t.services.jobs.enqueue(null, 'probe.none', {}, { maxAttempts: 1 });
    await sql`UPDATE job SET state = 'running', attempts = 1, heartbeat_at = now() - interval '1 hour' WHERE id = ${job.id}`.execute(
      t.services.database.db,
    );
    await t.services.jobs.start({ pollMs: 50 });
    await t.services.jobs.stop();
    const row = await t.services.database.db
      .selectFrom('job')
      .selectAll()
      .where('id', '=', job.id)
      .executeTakeFirstOrThrow();
    expect(row.state).toBe('failed');
    expect(row.error).toMatchObject({ code: 'JOB_INTERRUPTED' });
  });

  it('two workers never take the same job (FOR UPDATE SKIP LOCKED)', async () => {
    const ids: number[] = [];
    for (let i = 0; i < 6; i++)
      ids.push((await t.services.jobs.enqueue(null, 'probe.write', { rows: 1 })).id);
    const { createJobsService } = await import('../../src/modules/jobs/service');
    const other = createJobsService({ database: t.services.database });
    other.register('probe.write', async () => ({ by: 'other' }));
    await Promise.all([t.services.jobs.runUntilIdle(), other.runUntilIdle()]);
    const rows = await t.services.database.db
      .selectFrom('job')
      .select(['state', 'attempts'])
      .where('id', 'in', ids)
      .execute();
    expect(rows).toHaveLength(6);
    expect(rows.every((r) => r.state === 'succeeded' && r.attempts === 1)).toBe(true);
  });
});
