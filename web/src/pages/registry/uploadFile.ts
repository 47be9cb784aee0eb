import type { Schemas } from '../../api/client';
import { uploadFile } from '../../lib/uploadFile';

export type UploadPreview = Schemas['UploadPreview'];

/**
 * Sends a DTSEN/DTKS file as the raw request body (POST /api/registry/uploads), with upload
 * progress (lib/uploadFile).
 */
export function uploadRegistryFile(
  file: File,
  options: { sheet?: string | undefined; onProgress?: (fraction: number) => void; signal?: AbortSignal },
): Promise<UploadPreview> {
  const query = new URLSearchParams({ fileName: file.name });
  if (options.sheet) query.set('sheet', options.sheet);
  return uploadFile<UploadPreview>(`/api/registry/uploads?${query.toString()}`, file, options);
}
