import type { Actor } from '../../platform/auth/actor';
import type { Config } from '../../platform/config';
import type { JobContext } from '../jobs/service';
import { runUploadJob } from '../jobs/upload-job';
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
  return runUploadJob(config, ctx, (filePath, onProgress) =>
    service.importAllocations(
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
      onProgress,
    ),
  );
}
