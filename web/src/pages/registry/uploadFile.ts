import { ApiError, getCsrfToken, type Schemas } from '../../api/client';

export type UploadPreview = Schemas['UploadPreview'];

/**
 * Sends a DTSEN/DTKS file as the raw request body (POST /api/registry/uploads). Through
 * XMLHttpRequest rather than fetch: only it reports upload progress, which matters for a
 * file of hundreds of megabytes on an office connection.
 */
export function uploadRegistryFile(
  file: File,
  options: { sheet?: string | undefined; onProgress?: (fraction: number) => void; signal?: AbortSignal },
): Promise<UploadPreview> {
  const query = new URLSearchParams({ fileName: file.name });
  if (options.sheet) query.set('sheet', options.sheet);
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api/registry/uploads?${query.toString()}`);
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
        | (UploadPreview & { error?: undefined })
        | { error?: Partial<Schemas['ErrorResponse']['error']> }
        | null;
      if (xhr.status >= 200 && xhr.status < 300 && body && !body.error) {
        resolve(body as UploadPreview);
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
