import type { Command } from 'commander';
import type { Role } from '../../platform/auth/actor';
import { randomPassword } from '../../platform/auth/secrets';
import { CLI_ACTOR, runWithServices, withDatabaseOptions } from '../context';
import { printJson } from '../run';

interface UserOut {
  id: number;
  username: string;
  role: string;
  regionCode: string;
  disabled: boolean;
}

export function registerUserCommands(program: Command): void {
  const users = program.command('users').description('Pengguna dan peran');

  withDatabaseOptions(users.command('list'))
    .description('Daftar pengguna')
    .option('--json', 'cetak JSON')
    .action(async (options: { json?: boolean; dataDir?: string; databaseUrl?: string }) => {
      const items = await runWithServices<UserOut[]>(
        options,
        async (services) => {
          const { rows } = await services.users.list(
            { ...CLI_ACTOR, regionCode: services.config.kabupatenCode },
            { page: 1, pageSize: 200 },
          );
          return rows.map((u) => ({
            id: u.id,
            username: u.username,
            role: u.role,
            regionCode: u.region_code,
            disabled: u.disabled_at !== null,
          }));
        },
        async (client) =>
          (await client.request<{ items: UserOut[] }>('GET', '/api/users?pageSize=200')).items,
      );
      if (options.json) printJson(items);
      else
        for (const u of items)
          process.stdout.write(
            `${u.id}\t${u.username}\t${u.role}\t${u.regionCode}${u.disabled ? '\t(nonaktif)' : ''}\n`,
          );
    });

  withDatabaseOptions(users.command('create'))
    .description('Buat pengguna; kata sandi acak dicetak sekali bila --password tidak diberikan')
    .requiredOption('--username <name>')
    .requiredOption('--name <fullName>', 'nama lengkap')
    .requiredOption(
      '--role <role>',
      'admin_dinsos | operator_kecamatan | operator_kelurahan | pendamping | koordinator | ewarong | auditor',
    )
    .requiredOption('--region <code>', 'kode wilayah, mis. 13.71.01.1001')
    .option('--password <password>', 'kata sandi awal (minimal 10 karakter)')
    .option('--json', 'cetak JSON')
    .action(
      async (options: {
        username: string;
        name: string;
        role: Role;
        region: string;
        password?: string;
        json?: boolean;
        dataDir?: string;
        databaseUrl?: string;
      }) => {
        const password = options.password ?? randomPassword();
        const input = {
          username: options.username,
          fullName: options.name,
          role: options.role,
          regionCode: options.region,
          password,
        };
        const user = await runWithServices<UserOut>(
          options,
          async (services) => {
            const u = await services.users.create(
              { ...CLI_ACTOR, regionCode: services.config.kabupatenCode },
              input,
            );
            return {
              id: u.id,
              username: u.username,
              role: u.role,
              regionCode: u.region_code,
              disabled: false,
            };
          },
          (client) => client.request<UserOut>('POST', '/api/users', input),
        );
        if (options.json) printJson({ ...user, ...(options.password ? {} : { password }) });
        else {
          process.stdout.write(`Pengguna ${user.username} (${user.role}, ${user.regionCode}) dibuat.\n`);
          if (!options.password)
            process.stdout.write(`Kata sandi awal: ${password} (wajib diganti saat masuk pertama)\n`);
        }
      },
    );
}
