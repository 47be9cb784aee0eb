import type { Command } from 'commander';
import { bootstrap } from '../../platform/bootstrap';
import { buildApp } from '../../platform/http/app';
import { configFrom, printFirstAdmin, withDatabaseOptions } from '../context';

export function registerServeCommand(program: Command): void {
  withDatabaseOptions(program.command('serve'))
    .description('Jalankan server Salur (API + aplikasi web)')
    .option('--port <port>', 'port HTTP', process.env.PORT ?? '3000')
    .action(async (options: { port: string; dataDir?: string; databaseUrl?: string }) => {
      await serve(options);
    });
}

export async function serve(
  options: { port: string; dataDir?: string; databaseUrl?: string },
  beforeListen?: (services: Awaited<ReturnType<typeof bootstrap>>['services']) => Promise<void>,
) {
  const startedAt = performance.now();
  const config = configFrom(options);
  const port = Number(options.port);
  const url = `http://localhost:${port}`;
  const { services, migrationLevel, firstAdmin } = await bootstrap(config, { kind: 'server', url });
  if (beforeListen) await beforeListen(services);
  const app = await buildApp(services, { logger: process.env.SALUR_LOG !== '0' });
  await services.jobs.start();
  await services.auth.purgeExpired();
  const housekeeping = setInterval(() => void services.auth.purgeExpired().catch(() => {}), 3_600_000);
  housekeeping.unref();
  await app.listen({ port, host: config.host });
  const seconds = ((performance.now() - startedAt) / 1000).toFixed(1);
  const where = services.database.kind === 'pglite' ? `PGlite di ${config.dataDir}` : 'PostgreSQL';
  process.stderr.write(
    `Salur siap di ${url} (${where}, migrasi ${migrationLevel}, mulai dalam ${seconds} dtk)\n`,
  );
  if (firstAdmin.password) printFirstAdmin(firstAdmin.password);

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    process.stderr.write(`\n${signal}: menghentikan Salur…\n`);
    await app.close();
    await services.jobs.stop();
    await services.database.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  return { app, services };
}
