import { z } from 'zod';
import type { JobRow } from '../../db/types';
import { iso } from '../../platform/http/schemas';

export const JobSchema = z
  .object({
    id: z.number().int(),
    kind: z.string(),
    state: z.enum(['queued', 'running', 'succeeded', 'failed', 'cancelled']),
    progressDone: z.number().int(),
    progressTotal: z.number().int().nullable(),
    message: z.string().nullable(),
    result: z.unknown(),
    error: z.unknown(),
    attempts: z.number().int(),
    createdAt: z.string(),
    startedAt: z.string().nullable(),
    finishedAt: z.string().nullable(),
  })
  .meta({ id: 'Job' });

export function presentJob(job: JobRow) {
  return {
    id: job.id,
    kind: job.kind,
    state: job.state,
    progressDone: job.progress_done,
    progressTotal: job.progress_total,
    message: job.message,
    result: job.result,
    error: job.error,
    attempts: job.attempts,
    createdAt: job.created_at.toISOString(),
    startedAt: iso(job.started_at),
    finishedAt: iso(job.finished_at),
  };
}
