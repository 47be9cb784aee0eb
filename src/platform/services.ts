import type { SalurDatabase } from '../db/database';
import { createAllocationImportService } from '../modules/allocations/import-service';
import { type AllocationImportJobPayload, runAllocationImportJob } from '../modules/allocations/job';
import { createAllocationImportRemoval } from '../modules/allocations/remove-import';
import { createAllocationService } from '../modules/allocations/service';
import { createAuditService } from '../modules/audit/service';
import { createAuthService } from '../modules/auth/service';
import { createDisbursementImportService } from '../modules/disbursements/import-service';
import { type DisbursementImportJobPayload, runDisbursementImportJob } from '../modules/disbursements/job';
import { createDisbursementReportService } from '../modules/disbursements/report-service';
import { createJobsService } from '../modules/jobs/service';
import { createNoncomplianceService } from '../modules/programs/noncompliance-service';
import { createProgramsService } from '../modules/programs/service';
import { createBeritaAcaraService } from '../modules/reconciliation/berita-acara-service';
import { type ReconciliationJobPayload, runReconciliationJob } from '../modules/reconciliation/job';
import { createRealisasiService } from '../modules/reconciliation/realisasi-service';
import { createReconciliationService } from '../modules/reconciliation/service';
import { createRegionsService } from '../modules/regions/service';
import { type RegistryImportJobPayload, runRegistryImportJob } from '../modules/registry/import/job';
import { createRegistryImportService } from '../modules/registry/import/service';
import { createPersonService } from '../modules/registry/person-service';
import { createQualityService } from '../modules/registry/quality-service';
import { createRegistryService } from '../modules/registry/service';
import { createSyncService } from '../modules/sync/service';
import { createTargetingService } from '../modules/targeting/service';
import { createUsersService } from '../modules/users/service';
import { createUsulanService } from '../modules/usulan/service';
import { type Clock, systemClock } from './clock';
import type { Config } from './config';

/** Wires every service once; the HTTP app and the CLI both start from here. */
export function createServices(database: SalurDatabase, config: Config, clock: Clock = systemClock) {
  const audit = createAuditService({ database, clock });
  const regions = createRegionsService({ database, config });
  const auth = createAuthService({ database, config, clock, audit });
  const users = createUsersService({ database, config, audit, regions });
  const jobs = createJobsService({ database });
  const registry = createRegistryService({ database, audit });
  const persons = createPersonService({ database, audit });
  const quality = createQualityService({ database, audit });
  const usulan = createUsulanService({ database, audit, regions, clock });
  const registryImport = createRegistryImportService({
    database,
    config,
    clock,
    audit,
    onImported: usulan.markUsulanFulfilled,
  });
  const sync = createSyncService({ database, config, clock, audit, jobs });
  const programs = createProgramsService({ database, audit, clock, config });
  const noncompliance = createNoncomplianceService({ database, audit });
  jobs.register<RegistryImportJobPayload>('registry.import', (ctx) =>
    runRegistryImportJob(registryImport, config, ctx),
  );
  const reconciliation = createReconciliationService({ database, config, audit, jobs });
  jobs.register<ReconciliationJobPayload>('reconciliation.run', (ctx) =>
    runReconciliationJob(reconciliation, ctx),
  );
  const beritaAcara = createBeritaAcaraService({ database, config, clock, audit, regions });
  const realisasi = createRealisasiService({ database, config });
  const disbursementImport = createDisbursementImportService({ database, config, clock, audit });
  const disbursementReports = createDisbursementReportService({ database, config });
  jobs.register<DisbursementImportJobPayload>('disbursement.import', (ctx) =>
    runDisbursementImportJob(disbursementImport, config, ctx),
  );
  const allocationImport = createAllocationImportService({ database, config, clock, audit });
  const allocations = createAllocationService({ database, audit });
  const allocationImportRemoval = createAllocationImportRemoval({ database, config, audit });
  jobs.register<AllocationImportJobPayload>('allocation.import', (ctx) =>
    runAllocationImportJob(allocationImport, config, ctx),
  );
  jobs.register('audit.verify', ({ progress }) => audit.verify((done, total) => progress(done, total)));
  const targeting = createTargetingService({ database, config, clock, audit });
  return {
    database,
    config,
    clock,
    audit,
    regions,
    auth,
    users,
    jobs,
    registry,
    registryImport,
    persons,
    quality,
    sync,
    usulan,
    allocationImport,
    allocationImportRemoval,
    allocations,
    disbursementImport,
    disbursementReports,
    programs,
    noncompliance,
    reconciliation,
    beritaAcara,
    realisasi,
    targeting,
  };
}

export type Services = ReturnType<typeof createServices>;
