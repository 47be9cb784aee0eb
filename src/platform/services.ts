import type { SalurDatabase } from '../db/database';
import { createAuditService } from '../modules/audit/service';
import { createAuthService } from '../modules/auth/service';
import { createJobsService } from '../modules/jobs/service';
import { createRegionsService } from '../modules/regions/service';
import { type RegistryImportJobPayload, runRegistryImportJob } from '../modules/registry/import/job';
import { createRegistryImportService } from '../modules/registry/import/service';
import { createPersonService } from '../modules/registry/person-service';
import { createQualityService } from '../modules/registry/quality-service';
import { createRegistryService } from '../modules/registry/service';
import { createSyncService } from '../modules/sync/service';
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
  jobs.register<RegistryImportJobPayload>('registry.import', (ctx) =>
    runRegistryImportJob(registryImport, config, ctx),
  );
  jobs.register('audit.verify', ({ progress }) => audit.verify((done, total) => progress(done, total)));
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
  };
}

export type Services = ReturnType<typeof createServices>;
