import fs from 'node:fs';
import type { Command } from 'commander';
import { seedDemoDistribution } from '../../modules/demo/distribution';
import { seedDemoRegistry } from '../../modules/demo/seed';
import { SYSTEM_ACTOR } from '../../platform/auth/actor';
import { randomPassword } from '../../platform/auth/secrets';
import type { Services } from '../../platform/services';
import { createProgressBar } from '../progress';
import { printJson } from '../run';
import { serve } from './serve';

const DEMO_SEED = 1371;

/** Demo accounts, one per role, in Kota Padang (Koto Tangah is its largest kecamatan). */
const DEMO_USERS = [
  { username: 'auditor.demo', fullName: 'Inspektorat Kota Padang', role: 'auditor', region: '1371' },
  { username: 'koordinator.demo', fullName: 'Hendra Saputra', role: 'koordinator', region: '1371' },
  {
    username: 'kec.kototangah',
    fullName: 'Yulia Rahmi (TKSK Koto Tangah)',
    role: 'operator_kecamatan',
    region: '137111',
  },
  {
    username: 'kel.demo',
    fullName: 'Afrizal (operator kelurahan)',
    role: 'operator_kelurahan',
    region: 'first-kelurahan',
  },
  {
    username: 'pendamping.demo',
    fullName: 'Nurhayati (pendamping PKH)',
    role: 'pendamping',
    region: '137111',
  },
  {
    username: 'ewarong.demo',
    fullName: 'Rahmat Hidayat (e-Warong)',
    role: 'ewarong',
    region: 'first-kelurahan',
  },
] as const;

interface DemoOptions {
  dataDir: string;
  households: string;
  serve?: boolean;
  port: string;
  json?: boolean;
}

export function registerDemoCommand(program: Command): void {
  program
    .command('demo')
    .description('Siapkan database demo Kota Padang (data sintetis, deterministik) dan jalankan servernya')
    .option('--data-dir <dir>', 'direktori database demo', './data-demo')
    .option('--households <n>', 'jumlah keluarga', '25000')
    .option('--serve', 'jalankan server setelah database siap')
    .option('--port <port>', 'port HTTP', process.env.PORT ?? '3000')
    .option('--json', 'cetak ringkasan JSON (tanpa --serve)')
    .action(async (options: DemoOptions) => {
      // The demo password is random per demo database, kept beside it so every start can print it.
      const loginsFile = `${options.dataDir.replace(/\/$/, '')}.demo-logins.json`;
      const password = fs.existsSync(loginsFile)
        ? (JSON.parse(fs.readFileSync(loginsFile, 'utf8')) as { password: string }).password
        : randomPassword();
      process.env.SALUR_ADMIN_PASSWORD = password;
      // The demo always runs on its own embedded database, never on a server named in DATABASE_URL.
      delete process.env.DATABASE_URL;
      process.env.SALUR_KABUPATEN = '13.71';
      const prepare = async (services: Services) => {
        const summary = await prepareDemo(services, Number(options.households), password);
        fs.writeFileSync(loginsFile, JSON.stringify({ password }), { mode: 0o600 });
        return summary;
      };
      if (options.serve) {
        await serve({ port: options.port, dataDir: options.dataDir }, async (services) => {
          await prepare(services);
          printLogins(password);
        });
        return;
      }
      const { runWithServices } = await import('../context');
      const summary = await runWithServices({ dataDir: options.dataDir }, prepare);
      if (options.json) printJson(summary);
      else printLogins(password);
    });
}

/** Seeds the registry once (as a job, with a progress bar) and creates the demo accounts. */
async function prepareDemo(services: Services, households: number, password: string) {
  const existing = await services.database.db
    .selectFrom('household')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  let seeded: unknown = null;
  if (Number(existing.n) === 0) {
    services.jobs.register<{ households: number }>('demo.seed', ({ payload, progress }) =>
      seedDemoRegistry(services.database, {
        seed: DEMO_SEED,
        households: payload.households,
        onProgress: (p) => progress(p.households, p.totalHouseholds),
      }),
    );
    const job = await services.jobs.enqueue(SYSTEM_ACTOR, 'demo.seed', { households }, { maxAttempts: 1 });
    const bar = createProgressBar('Mengisi data demo');
    const off = services.jobs.events.subscribe(job.id, (p) => bar.update(p.done, p.total));
    await services.jobs.runUntilIdle();
    off();
    bar.stop();
    const done = await services.database.db
      .selectFrom('job')
      .select(['state', 'result', 'error'])
      .where('id', '=', job.id)
      .executeTakeFirstOrThrow();
    if (done.state !== 'succeeded')
      throw new Error(`Pengisian data demo gagal: ${JSON.stringify(done.error)}`);
    seeded = done.result;
  }
  const kelurahan = (await services.regions.children('137111'))[0]!.code;
  const admin = { ...SYSTEM_ACTOR, regionCode: services.config.kabupatenCode };
  for (const u of DEMO_USERS) {
    const exists = await services.database.db
      .selectFrom('app_user')
      .select('id')
      .where('username', '=', u.username)
      .executeTakeFirst();
    if (exists) continue;
    await services.users.create(admin, {
      username: u.username,
      fullName: u.fullName,
      role: u.role,
      regionCode: u.region === 'first-kelurahan' ? kelurahan : u.region,
      password,
      mustChangePassword: false,
    });
  }
  // Programmes the way an office runs them: allocations, channel reports, reconciliation.
  const distribution = await seedDemoDistribution(services, admin, DEMO_SEED, (step) =>
    process.stderr.write(`Menyiapkan data penyaluran demo: ${step}\n`),
  );
  return { seeded, distribution, users: ['admin', ...DEMO_USERS.map((u) => u.username)] };
}

function printLogins(password: string): void {
  const rows = [
    ['admin', 'admin_dinsos', 'Kota Padang'],
    ...DEMO_USERS.map((u) => [
      u.username,
      u.role,
      u.region === 'first-kelurahan' ? 'kelurahan pertama Koto Tangah' : u.region,
    ]),
  ];
  process.stderr.write('\nAkun demo (semua memakai kata sandi yang sama):\n');
  for (const [name, role, region] of rows)
    process.stderr.write(`  ${name!.padEnd(18)} ${role!.padEnd(20)} ${region}\n`);
  process.stderr.write(`  kata sandi: ${password}\n\n`);
}
