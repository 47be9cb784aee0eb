import { type Command, InvalidArgumentError } from 'commander';
import type { Channel } from '../../db/types';
import { formatRupiah } from '../../domain/format';
import { formatRegionCode } from '../../domain/region-code';
import type { RealisasiReport } from '../../modules/reconciliation/realisasi-service';
import { CHANNEL_NAMES, formatCount, formatPercent } from '../../modules/reconciliation/report-format';
import { CLI_ACTOR, runWithServices, withDatabaseOptions } from '../context';
import { printJson } from '../run';

interface RealisasiOptions {
  program: string;
  year: number;
  upTo?: string;
  region?: string;
  json?: boolean;
  dataDir?: string;
  databaseUrl?: string;
}

/**
 * `salur realisasi --program PKH --year 2026 [--up-to 2026-T2] [--region 13.71.01] [--json]`:
 * the realisation of a programme over a year, from the stored reconciliation of each period.
 */
export function registerRealisasiCommand(program: Command): void {
  withDatabaseOptions(program.command('realisasi'))
    .description(
      'Laporan realisasi penyaluran: KPM dan rupiah per periode, kecamatan, desa/kelurahan dan penyalur',
    )
    .requiredOption('--program <kode>', 'kode program, mis. PKH')
    .requiredOption('--year <tahun>', 'tahun, mis. 2026', parseYear)
    .option('--up-to <periode>', 'periode terakhir yang dihitung, mis. 2026-T2')
    .option('--region <kode>', 'persempit ke kecamatan atau desa/kelurahan, mis. 13.71.01')
    .option('--json', 'cetak laporan JSON (rupiah sebagai bilangan bulat)')
    .action(async (options: RealisasiOptions) => {
      const query = {
        program: options.program,
        year: options.year,
        upTo: options.upTo,
        regionCode: options.region,
      };
      const report = await runWithServices<RealisasiReport>(
        options,
        (services) =>
          services.realisasi.report({ ...CLI_ACTOR, regionCode: services.config.kabupatenCode }, query),
        (client) => {
          const params = new URLSearchParams({ program: query.program, year: String(query.year) });
          if (query.upTo) params.set('upTo', query.upTo);
          if (query.regionCode) params.set('regionCode', query.regionCode);
          return client.request<RealisasiReport>('GET', `/api/realisasi?${params}`);
        },
      );
      if (options.json) printJson(report);
      else printHuman(report);
    });
}

function parseYear(value: string): number {
  const year = Number(value);
  if (!Number.isInteger(year) || year < 2000 || year > 2100)
    throw new InvalidArgumentError('tahun tidak sah');
  return year;
}

function printHuman(r: RealisasiReport): void {
  const out = (line: string) => process.stdout.write(`${line}\n`);
  const figures = (f: { kpm: number; paid: number; allocatedKpm: number; allocated: number }) =>
    `${formatCount(f.kpm).padStart(9)} KPM ${formatRupiah(f.paid).padStart(20)}  dari ${formatCount(
      f.allocatedKpm,
    )} KPM ${formatRupiah(f.allocated)} (${formatPercent(f.paid, f.allocated)})`;
  out(r.headline);
  out(`Wilayah: ${r.regionName ?? ''} (${formatRegionCode(r.regionCode)})`);
  out('\nPer periode:');
  for (const p of r.byPeriod) {
    const note = p.reconciledAt ? (p.status === 'FINAL' ? ' [FINAL]' : '') : ' [belum direkonsiliasi]';
    out(`  ${p.period.padEnd(8)} ${figures(p)}${note}`);
  }
  out('\nPer kecamatan:');
  for (const k of r.byKecamatan)
    out(`  ${formatRegionCode(k.code)} ${(k.name ?? '').padEnd(20)} ${figures(k)}`);
  out('\nPer penyalur:');
  for (const c of r.byChannel) out(`  ${CHANNEL_NAMES[c.channel as Channel].padEnd(40)} ${figures(c)}`);
  if (r.failureReasons.length) {
    out('\nAlasan gagal salur:');
    for (const f of r.failureReasons)
      out(`  ${formatCount(f.kpm).padStart(7)}  ${f.reason ?? 'Tanpa keterangan'}`);
  }
  if (r.unallocated.lines) {
    out(
      `\nTIDAK_DIALOKASIKAN (di luar realisasi): ${formatCount(r.unallocated.lines)} baris, ` +
        `${formatCount(r.unallocated.paidLines)} dibayar ${formatRupiah(r.unallocated.paid)}`,
    );
  }
}
