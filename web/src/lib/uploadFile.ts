import { ApiError, getCsrfToken, type Schemas } from '../api/client';

/**
 * Sends a file as the raw request body (application/octet-stream) to an upload route: the
 * registry's preview, the allocation import, the channel report import. Through XMLHttpRequest
 * rather than fetch: only it reports upload progress, which matters for a file of hundreds of
 * megabytes on an office connection. An error answer becomes an ApiError, as with the client.
 */
export function uploadFile<T>(
  url: string,
  file: File,
  options: { onProgress?: ((fraction: number) => void) | undefined; signal?: AbortSignal | undefined },
): Promise<T> {
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
        | (T & { error?: undefined })
        | { error?: Partial<Schemas['ErrorResponse']['error']> }
        | null;
      if (xhr.status >= 200 && xhr.status < 300 && body && !body.error) {
        resolve(body as T);
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
    xhr.onabort = () => reject(new ApiError(0, 'ABORTED', 'aborted'));
    options.signal?.addEventListener('abort', () => xhr.abort());
    xhr.send(file);
  });
}

/** `/api/programs/<program>/periods/<period>`, each part escaped. */
export function periodApiPath(program: string, period: string): string {
  return `/api/programs/${encodeURIComponent(program)}/periods/${encodeURIComponent(period)}`;
}
