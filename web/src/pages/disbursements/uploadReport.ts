import { ApiError, getCsrfToken, type Schemas } from '../../api/client';

export type Job = Schemas['Job'];

/**
 * Sends a channel report as the raw request body; the server checks programme, period,
 * channel, the same file imported before and the columns at once, then answers with the job.
 * Through XMLHttpRequest rather than fetch: only it reports upload progress.
 */
export function uploadDisbursementReport(
  target: { program: string; period: string; channel: string },
  file: File,
  options: { sheet?: string | undefined; onProgress?: (fraction: number) => void },
): Promise<Job> {
  const query = new URLSearchParams({ channel: target.channel, fileName: file.name });
  if (options.sheet) query.set('sheet', options.sheet);
  const url = `/api/programs/${encodeURIComponent(target.program)}/periods/${encodeURIComponent(target.period)}/disbursement-reports?${query.toString()}`;
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.withCredentials = true;
    xhr.setRequestHeader('Content-Type', 'application/octet-stream');
    const csrf = getCsrfToken();
    if (csrf) xhr.setRequestHeader('X-CSRF-Token', csrf);
    xhr.responseType = 'json';
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) options.onProgress?.(event.loaded / event.total);
    };
    xhr.onload = () => {
      const body = xhr.response as
        | (Job & { error?: undefined })
        | { error?: Partial<Schemas['ErrorResponse']['error']> }
        | null;
      if (xhr.status >= 200 && xhr.status < 300 && body && !body.error) {
        resolve(body as Job);
        return;
      }
      const error = body?.error ?? {};
      reject(
        new ApiError(
          xhr.status,
          error.code ?? `HTTP_${xhr.status}`,
          error.message ?? xhr.statusText,
          error.details,
          error.requestId,
        ),
      );
    };
    xhr.onerror = () => reject(new ApiError(0, 'NETWORK', 'network error'));
    xhr.send(file);
  });
}

export function rejectedLinesUrl(
  program: string,
  period: string,
  reportId: number,
  format: 'csv' | 'xlsx',
): string {
  return `/api/programs/${encodeURIComponent(program)}/periods/${encodeURIComponent(period)}/disbursement-reports/${reportId}/rejected.${format}`;
}

export const CHANNELS = ['BRI', 'BNI', 'MANDIRI', 'BTN', 'BSI', 'POS'] as const;
