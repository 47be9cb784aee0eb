import { type Command, Option } from 'commander';
import { readLock } from '../db/data-dir-lock';
import { type Actor, SYSTEM_ACTOR } from '../platform/auth/actor';
import { bootstrap } from '../platform/bootstrap';
import { type Config, loadConfig } from '../platform/config';
import { AppError } from '../platform/errors';
import type { Services } from '../platform/services';
import { RemoteClient } from './remote';

export interface DatabaseOptions {
  dataDir?: string;
  databaseUrl?: string;
}

/** `--data-dir` and `--database-url` on every command that opens the database. */
export function withDatabaseOptions(command: Command): Command {
  return command
    .addOption(new Option('--data-dir <dir>', 'direktori database tertanam (PGlite)').env('SALUR_DATA_DIR'))
    .addOption(
      new Option('--database-url <url>', 'PostgreSQL server, mis. postgres://…').env('DATABASE_URL'),
    );
}

export function configFrom(options: DatabaseOptions): Config {
  return loadConfig({
    ...process.env,
    ...(options.dataDir ? { SALUR_DATA_DIR: options.dataDir } : {}),
    ...(options.databaseUrl ? { DATABASE_URL: options.databaseUrl } : {}),
  });
}

/** The CLI acts as the system unless told which user it is (`--as`), and is audited as such. */
export const CLI_ACTOR: Actor = { ...SYSTEM_ACTOR, username: 'cli' };

/**
 * Runs `local` on this process's own connection to the database. When a running server holds
 * the embedded database, PGlite must not be opened twice: the command then goes through the
 * server's API with SALUR_API_TOKEN (when it has a `remote` form), or stops with a clear message.
 */
export async function runWithServices<T>(
  options: DatabaseOptions,
  local: (services: Services) => Promise<T>,
  remote?: (client: RemoteClient) => Promise<T>,
): Promise<T> {
  const config = configFrom(options);
  const lock = config.databaseUrl ? null : readLock(config.dataDir);
  if (lock?.kind === 'server' && lock.url && remote) {
    const token = process.env.SALUR_API_TOKEN;
    if (!token) {
      throw new AppError(
        'SERVER_RUNNING_NEEDS_TOKEN',
        `Server Salur sedang berjalan di ${lock.url} dan memegang database ${config.dataDir}. ` +
          'Setel SALUR_API_TOKEN (buat di halaman Token API) agar perintah ini dijalankan lewat server, atau hentikan server.',
        409,
      );
    }
    return remote(new RemoteClient(lock.url, token));
  }
  const { services, firstAdmin } = await bootstrap(config, { kind: 'cli' });
  if (firstAdmin.password) printFirstAdmin(firstAdmin.password);
  try {
    return await local(services);
  } finally {
    await services.jobs.stop();
    await services.database.close();
  }
}

export function printFirstAdmin(password: string): void {
  process.stderr.write(
    `\nAdministrator pertama dibuat.\n  nama pengguna: admin\n  kata sandi   : ${password}\n` +
      'Catat sekarang: kata sandi ini hanya ditampilkan sekali dan wajib diganti saat masuk pertama.\n\n',
  );
}
