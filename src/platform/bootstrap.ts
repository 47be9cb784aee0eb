import { openDatabase, type SalurDatabase } from '../db/database';
import { migrate } from '../db/migrate';
import { loadReferenceRegions } from '../modules/regions/load';
import { SYSTEM_ACTOR } from './auth/actor';
import type { Config } from './config';
import { createServices, type Services } from './services';

export interface Started {
  services: Services;
  migrationLevel: number;
  firstAdmin: { created: boolean; username: string; password?: string };
}

/**
 * Opens the database (PGlite on disk, or PostgreSQL when DATABASE_URL is set), applies
 * migrations, loads the region list if this version is not loaded yet, and creates the first
 * administrator of a new database.
 */
export async function bootstrap(
  config: Config,
  owner: { kind: 'server' | 'cli'; url?: string },
): Promise<Started> {
  const database: SalurDatabase = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    lockOwner: owner,
  });
  try {
    const migrationLevel = await migrate(database);
    await loadReferenceRegions(database);
    const services = createServices(database, config);
    const firstAdmin = await services.users.ensureFirstAdmin(SYSTEM_ACTOR);
    return { services, migrationLevel, firstAdmin };
  } catch (error) {
    await database.close();
    throw error;
  }
}
