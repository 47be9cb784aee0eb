import type { Command } from 'commander';
import type { VerifyResult } from '../../modules/audit/service';
import { runWithServices, withDatabaseOptions } from '../context';
import { createProgressBar } from '../progress';
import { printJson } from '../run';

export function registerAuditCommands(program: Command): void {
  const audit = program.command('audit').description('Jejak audit');
  withDatabaseOptions(audit.command('verify'))
    .description('Periksa rantai hash jejak audit: entri yang diubah atau dihapus terdeteksi')
    .option('--json', 'cetak hasil JSON')
    .action(async (options: { json?: boolean; dataDir?: string; databaseUrl?: string }) => {
      const bar = createProgressBar('Memeriksa audit');
      const result = await runWithServices<VerifyResult>(
        options,
        (services) => services.audit.verify((done, total) => bar.update(done, total)),
        async (client) => {
          const job = await client.request<{ id: number }>('POST', '/api/audit/verify');
          return (await client.waitForJob(job.id, (done, total) => bar.update(done, total))) as VerifyResult;
        },
      ).finally(() => bar.stop());
      if (options.json) printJson(result);
      else if (result.ok)
        process.stdout.write(
          `Rantai audit utuh: ${result.checked} entri diperiksa (terakhir #${result.lastId}).\n`,
        );
      else {
        process.stdout.write(
          `RANTAI AUDIT RUSAK: ${result.problems.length} masalah dari ${result.checked} entri.\n`,
        );
        for (const p of result.problems) {
          const why =
            p.reason === 'HASH_MISMATCH' ? 'isi entri diubah' : 'entri sebelumnya hilang atau disisipkan';
          process.stdout.write(`  entri #${p.id}: ${why} (${p.reason})\n`);
        }
      }
      if (!result.ok) process.exitCode = 1;
    });
}
