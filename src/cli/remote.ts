import { AppError } from '../platform/errors';

/** Talks to a running Salur server with an API token, for CLI commands run while it holds the database. */
export class RemoteClient {
  constructor(
    readonly baseUrl: string,
    private readonly token: string,
  ) {}

  async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(new URL(path, this.baseUrl), {
      method,
      headers: {
        authorization: `Bearer ${this.token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const payload = (await response.json().catch(() => null)) as
      | (T & { error?: { code: string; message: string; details?: unknown } })
      | null;
    if (!response.ok) {
      const error = payload?.error;
      throw new AppError(
        error?.code ?? 'REMOTE_ERROR',
        error?.message ?? `Server menjawab ${response.status}`,
        response.status,
        error?.details,
      );
    }
    return payload as T;
  }

  /** Polls a job until it ends, reporting progress. */
  async waitForJob(id: number, onProgress: (done: number, total: number | null) => void) {
    for (;;) {
      const job = await this.request<{
        state: string;
        progressDone: number;
        progressTotal: number | null;
        result: unknown;
        error: unknown;
      }>('GET', `/api/jobs/${id}`);
      onProgress(job.progressDone, job.progressTotal);
      if (job.state === 'succeeded') return job.result;
      if (job.state === 'failed' || job.state === 'cancelled') {
        const error = job.error as { code?: string; message?: string } | null;
        throw new AppError(error?.code ?? 'JOB_FAILED', error?.message ?? 'Pekerjaan gagal.', 500);
      }
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
}
