import type { JobContext } from '../jobs/service';
import type { ReconciliationJobPayload, ReconciliationService } from './service';

export type { ReconciliationJobPayload };

/**
 * The `reconciliation.run` job: one run in one transaction, so a crash leaves the previous
 * result in place and the job can simply run again.
 */
export function runReconciliationJob(
  service: ReconciliationService,
  ctx: JobContext<ReconciliationJobPayload>,
) {
  const { payload } = ctx;
  return service.run(payload.actor, payload.program, payload.period, (done, total, stage) =>
    ctx.progress(done, total, stage),
  );
}
