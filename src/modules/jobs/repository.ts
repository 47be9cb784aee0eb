import { sql } from 'kysely';
import type { Db } from '../../db/database';
import type { JobRow } from '../../db/types';

export function createJobsRepository() {
  return {
    insert(
      db: Db,
      row: {
        kind: string;
        payload: unknown;
        created_by: number | null;
        region_code: string | null;
        max_attempts?: number;
      },
    ) {
      return db
        .insertInto('job')
        .values({ ...row, payload: JSON.stringify(row.payload ?? {}) })
        .returningAll()
        .executeTakeFirstOrThrow();
    },

    findById(db: Db, id: number): Promise<JobRow | undefined> {
      return db.selectFrom('job').selectAll().where('id', '=', id).executeTakeFirst();
    },

    list(db: Db, filter: { createdBy?: number | undefined; limit: number }) {
      let query = db.selectFrom('job').selectAll();
      if (filter.createdBy !== undefined) query = query.where('created_by', '=', filter.createdBy);
      return query.orderBy('id', 'desc').limit(filter.limit).execute();
    },

    /** Takes the oldest queued job of the given kinds; concurrent workers skip each other's rows. */
    async claimNext(db: Db, kinds: readonly string[], workerId: string): Promise<JobRow | undefined> {
      if (kinds.length === 0) return undefined;
      const result = await sql<JobRow>`
        UPDATE job SET state = 'running', attempts = attempts + 1, worker_id = ${workerId},
               started_at = now(), heartbeat_at = now(), message = NULL
        WHERE id = (SELECT id FROM job WHERE state = 'queued' AND kind IN (${sql.join(kinds)})
                    ORDER BY id FOR UPDATE SKIP LOCKED LIMIT 1)
        RETURNING *`.execute(db);
      return result.rows[0];
    },

    async heartbeat(db: Db, id: number, done: number, total: number | null, message: string | null) {
      await db
        .updateTable('job')
        .set({ heartbeat_at: new Date(), progress_done: done, progress_total: total, message })
        .where('id', '=', id)
        // A beat that arrives after the job ended must not overwrite its final progress.
        .where('state', '=', 'running')
        .execute();
    },

    async finish(
      db: Db,
      id: number,
      patch: { state: 'succeeded' | 'failed'; result?: unknown; error?: unknown; done?: number },
    ) {
      await db
        .updateTable('job')
        .set({
          state: patch.state,
          result: patch.result === undefined ? null : JSON.stringify(patch.result),
          error: patch.error === undefined ? null : JSON.stringify(patch.error),
          finished_at: new Date(),
          heartbeat_at: new Date(),
          ...(patch.done !== undefined ? { progress_done: patch.done } : {}),
        })
        .where('id', '=', id)
        .execute();
    },

    /**
     * Jobs left `running` by a process that died: requeued while attempts remain, failed
     * otherwise. Their writes were in a transaction that died with the process.
     */
    async recoverOrphans(db: Db, staleBefore: Date) {
      const interrupted = JSON.stringify({
        code: 'JOB_INTERRUPTED',
        message: 'Proses berhenti di tengah pekerjaan; tidak ada data yang tersimpan sebagian.',
      });
      const result = await sql<{ id: number; state: string }>`
        UPDATE job SET
          state = CASE WHEN attempts < max_attempts THEN 'queued' ELSE 'failed' END,
          error = CASE WHEN attempts < max_attempts THEN NULL ELSE ${interrupted}::jsonb END,
          finished_at = CASE WHEN attempts < max_attempts THEN NULL ELSE now() END,
          worker_id = NULL
        WHERE state = 'running' AND heartbeat_at < ${staleBefore}
        RETURNING id, state`.execute(db);
      return result.rows;
    },
  };
}
