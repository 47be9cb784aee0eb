import type { Command } from 'commander';
import { migrationLevel } from '../../db/migrate';
import { runWithServices, withDatabaseOptions } from '../context';
import { printJson } from '../run';

export function registerMigrateCommand(program: Command): void {
  withDatabaseOptions(program.command('migrate'))
    .description(
      'Terapkan migrasi database dan muat daftar wilayah (juga terjadi otomatis saat server mulai)',
    )
    .option('--json', 'cetak ringkasan JSON')
    .action(async (options: { json?: boolean; dataDir?: string; databaseUrl?: string }) => {
      const level = await runWithServices(options, async (services) => ({
        database: services.database.kind,
        migration: await migrationLevel(services.database),
      }));
      if (options.json) printJson(level);
      else process.stdout.write(`Database ${level.database} pada migrasi ${level.migration}.\n`);
    });
}
