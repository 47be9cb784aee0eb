import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { api, type Schemas, unwrap } from '../../api/client';

export type JobState = Schemas['Job']['state'];

/** One `event: progress` of GET /api/jobs/{id}/events. */
export interface JobProgress {
  id: number;
  state: JobState;
  done: number;
  total: number | null;
  message: string | null;
  result?: unknown;
  error?: unknown;
}

const TERMINAL: readonly JobState[] = ['succeeded', 'failed', 'cancelled'];

export function isTerminal(state: JobState): boolean {
  return TERMINAL.includes(state);
}

function fromJob(job: Schemas['Job']): JobProgress {
  return {
    id: job.id,
    state: job.state,
    done: job.progressDone,
    total: job.progressTotal,
    message: job.message,
    result: job.result,
    error: job.error,
  };
}

/**
 * Live progress of a job over Server-Sent Events. The stream ends when the job does; if it
 * breaks before (proxy, network), the job row is polled until it ends.
 */
export function useJobProgress(jobId: number | null): JobProgress | null {
  const queryClient = useQueryClient();
  const [progress, setProgress] = useState<JobProgress | null>(null);

  useEffect(() => {
    setProgress(null);
    if (jobId === null) return;
    let finished = false;
    let poll: number | undefined;
    const update = (next: JobProgress) => {
      setProgress(next);
      if (isTerminal(next.state) && !finished) {
        finished = true;
        source.close();
        if (poll !== undefined) window.clearInterval(poll);
        void queryClient.invalidateQueries({ queryKey: ['jobs'] });
      }
    };
    const source = new EventSource(`/api/jobs/${jobId}/events`);
    source.addEventListener('progress', (event) => update(JSON.parse((event as MessageEvent<string>).data)));
    source.onerror = () => {
      source.close();
      if (finished || poll !== undefined) return;
      poll = window.setInterval(() => {
        unwrap(api.GET('/api/jobs/{id}', { params: { path: { id: jobId } } })).then(
          (job) => update(fromJob(job)),
          () => {},
        );
      }, 1000);
    };
    return () => {
      finished = true;
      source.close();
      if (poll !== undefined) window.clearInterval(poll);
    };
  }, [jobId, queryClient]);

  return progress;
}
