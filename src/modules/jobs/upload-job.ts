import type { Config } from '../../platform/config';
import { removeUpload, uploadPath } from '../../platform/files/uploads';
import type { JobContext } from './service';

/** How a file import reports its progress: rows read so far, the stage, the rows expected. */
export type ImportProgress = (rowsRead: number, stage: string, totalRows: number | null) => void;

/**
 * The body every file-import job shares: run the import on the uploaded file with its progress
 * fed to the job, then remove the file. A failed run keeps the file, so that a retry can read it.
 */
export async function runUploadJob<P extends { uploadId: string }, T>(
  config: Config,
  ctx: JobContext<P>,
  run: (filePath: string, onProgress: ImportProgress) => Promise<T>,
): Promise<T> {
  const filePath = uploadPath(config.filesDir, ctx.payload.uploadId);
  const result = await run(filePath, (rows, stage, total) => ctx.progress(rows, total, stage));
  removeUpload(config.filesDir, ctx.payload.uploadId);
  return result;
}
