import type { Actor } from '../../../platform/auth/actor';
import type { Config } from '../../../platform/config';
import type { JobContext } from '../../jobs/service';
import { runUploadJob } from '../../jobs/upload-job';
import type { RegistryImportService } from './service';

export interface RegistryImportJobPayload {
  uploadId: string;
  fileName: string;
  edition?: string;
  kind: 'DTSEN' | 'DTKS';
  sheet?: string;
  map: string[];
  actor: Actor;
}

/** The `registry.import` job: runs the import on an uploaded file, then removes the file. */
export async function runRegistryImportJob(
  service: RegistryImportService,
  config: Config,
  ctx: JobContext<RegistryImportJobPayload>,
) {
  const { payload } = ctx;
  return runUploadJob(config, ctx, (filePath, onProgress) =>
    service.importDtsen(
      payload.actor,
      {
        filePath,
        fileName: payload.fileName,
        edition: payload.edition,
        kind: payload.kind,
        sheet: payload.sheet,
        map: payload.map,
      },
      onProgress,
    ),
  );
}
