import type { Actor } from '../../platform/auth/actor';
import type { Config } from '../../platform/config';
import { removeUpload, uploadPath } from '../../platform/files/uploads';
import type { JobContext } from '../jobs/service';
import type { AllocationImportService } from './import-service';

export interface AllocationImportJobPayload {
  uploadId: string;
  fileName: string;
  program: string;
  period: string;
  channel?: string;
  sheet?: string;
  map: string[];
  actor: Actor;
}

/** The `allocation.import` job: runs the import on an uploaded file, then removes the file. */
export async function runAllocationImportJob(
  service: AllocationImportService,
  config: Config,
  ctx: JobContext<AllocationImportJobPayload>,
) {
  const { payload } = ctx;
  const filePath = uploadPath(config.filesDir, payload.uploadId);
  const summary = await service.importAllocations(
    payload.actor,
    {
      program: payload.program,
      period: payload.period,
      filePath,
      fileName: payload.fileName,
      channel: payload.channel,
      sheet: payload.sheet,
      map: payload.map,
    },
    (rows, stage, total) => ctx.progress(rows, total, stage),
  );
  removeUpload(config.filesDir, payload.uploadId);
  return summary;
}
