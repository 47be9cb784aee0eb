import type { Actor } from '../../platform/auth/actor';
import type { Config } from '../../platform/config';
import type { JobContext } from '../jobs/service';
import { runUploadJob } from '../jobs/upload-job';
import type { DisbursementImportService } from './import-service';

export interface DisbursementImportJobPayload {
  uploadId: string;
  fileName: string;
  program: string;
  period: string;
  channel: string;
  sheet?: string | undefined;
  map: string[];
  actor: Actor;
}

/** The `disbursement.import` job: imports an uploaded channel report, then removes the file. */
export async function runDisbursementImportJob(
  service: DisbursementImportService,
  config: Config,
  ctx: JobContext<DisbursementImportJobPayload>,
) {
  const { payload } = ctx;
  return runUploadJob(config, ctx, (filePath, onProgress) =>
    service.importReport(
      payload.actor,
      {
        program: payload.program,
        period: payload.period,
        channel: payload.channel,
        filePath,
        fileName: payload.fileName,
        sheet: payload.sheet,
        map: payload.map,
      },
      onProgress,
    ),
  );
}
