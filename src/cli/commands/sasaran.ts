import fs from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import type { Command } from 'commander';
import { formatRupiah } from '../../domain/format';
import { formatRegionCode } from '../../domain/region-code';
import { INCLUSION_REASON_LABELS, type InclusionReason, KIND_WORDS } from '../../modules/targeting/reasons';
import type { TargetingQuery } from '../../modules/targeting/service';
import { AppError, ValidationError } from '../../platform/errors';
import { CLI_ACTOR, runWithServices, withDatabaseOptions } from '../context';
import type { RemoteClient } from '../remote';
import { printJson } from '../run';

interface ListOptions {
  program: string;
  period: string;
  jenis: string;
  wilayah?: string;
  alasan?: string;
  requireProgram?: string;
  requirePeriod?: string;
  out?: string;
  json?: boolean;
  dataDir?: string;
  databaseUrl?: string;
}

interface EnrolOptions {
  local: string;
  period: string;
  from: string;
  fromPeriod: string;
  requireProgram?: string;
  requirePeriod?: string;
  channel?: string;
  dryRun?: boolean;
  json?: boolean;
  dataDir?: string;
  databaseUrl?: string;
}

interface RegionCount {
  code: string;
  name: string | null;
  count: number;
}

/** What both list endpoints return that the CLI prints. */
interface ListSummary {
  program: string;
  period: string;
  periodLabel: string;
  desilMax: number | null;
  total: number;
  byReason?: Record<string, number>;
  byDesil?: Record<string, number>;
  byComponent?: Record<string, number>;
  byKecamatan: RegionCount[];
}

type EnrolResult = Record<string, unknown> & {
  enrolled: number;
  candidates: number;
  alreadyEnrolled: number;
  notFunded: number;
  total: number;
  budget: number;
  used: number;
  remainingBefore: number;
  remainingAfter: number;
  importId: number | null;
  dryRun: boolean;
  alsoReceiving: Array<{ program: string; period: string; families: number }>;
};

/**
 * `salur sasaran --program PKH --period 2026-T2 --jenis inklusi|eksklusi [--out f.xlsx] [--json]`
 * and `salur sasaran daftarkan …` (enrolment into a local programme). docs/ketepatan-sasaran.md.
 */
export function registerSasaranCommands(program: Command): void {
  // `sasaran` has options of its own and a subcommand with the same option names (--period,
  // --json): options must belong to the command they follow. No other command has root options.
  program.enablePositionalOptions();
  const sasaran = withDatabaseOptions(program.command('sasaran'))
    .enablePositionalOptions()
    .description('Kesalahan inklusi/eksklusi per program dan periode; pendaftaran ke program daerah')
    .option('--program <kode>', 'kode program, mis. PKH (wajib)')
    .option('--period <kode>', 'periode, mis. 2026-T2 (wajib)')
    .option(
      '--jenis <inklusi|eksklusi>',
      'inklusi: penerima yang mungkin tidak layak; eksklusi: keluarga layak yang terlewat',
    )
    .option('--wilayah <kode>', 'kecamatan atau desa/kelurahan')
    .option('--alasan <KODE>', 'inklusi: hanya alasan ini (mis. DECEASED)')
    .option('--require-program <kode>', 'eksklusi: hanya keluarga penerima program ini …')
    .option('--require-period <kode>', '… pada periode ini')
    .option('--out <berkas.xlsx>', 'tulis daftar ke berkas .xlsx (NIK tersamar; dicatat di audit)')
    .option('--json', 'cetak jumlah per alasan dan per kecamatan sebagai JSON')
    .action(async (options: ListOptions) => {
      // Not requiredOption: commander would then demand them of `sasaran daftarkan` too.
      if (!options.program || !options.period || !options.jenis) {
        throw new ValidationError('OPTION_MISSING', 'Opsi --program, --period dan --jenis wajib diisi.');
      }
      const kind = KIND_WORDS[options.jenis.toLowerCase()];
      if (!kind) throw new ValidationError('KIND_UNKNOWN', '--jenis harus inklusi atau eksklusi.');
      const summary = await runWithServices<ListSummary>(
        options,
        async (services) => {
          const actor = { ...CLI_ACTOR, regionCode: services.config.kabupatenCode };
          const query = await queryOf(options, (code) => services.regions.get(code).then((r) => r.code));
          const result =
            kind === 'inclusion'
              ? await services.targeting.inclusion(actor, query, { page: 1, pageSize: 0 })
              : await services.targeting.exclusion(actor, query, { page: 1, pageSize: 0 });
          if (options.out) {
            const exporter = await services.targeting.openExport(actor, kind, query);
            const out = fs.createWriteStream(options.out);
            const done = new Promise<void>((resolve, reject) =>
              out.on('finish', resolve).on('error', reject),
            );
            await exporter.write(out);
            await done;
          }
          return result;
        },
        (client) => runRemote(client, kind, options),
      );
      if (options.json) printJson(listJson(options.jenis.toLowerCase(), summary, options.out));
      else printList(kind, summary, options.out);
    });

  withDatabaseOptions(sasaran.command('daftarkan'))
    .description('Daftarkan keluarga dari daftar kesalahan eksklusi ke program daerah dalam sisa pagu')
    .requiredOption('--local <kode>', 'program daerah (APBD), mis. SEMBAKO_DAERAH')
    .requiredOption('--period <kode>', 'periode program daerah, mis. 2026-03')
    .requiredOption('--from <kode>', 'program sumber daftar eksklusi, mis. SEMBAKO')
    .requiredOption('--from-period <kode>', 'periode program sumber')
    .option('--require-program <kode>', 'hanya keluarga penerima program ini …')
    .option('--require-period <kode>', '… pada periode ini')
    .option('--channel <kanal>', 'penyalur: BRI, BNI, MANDIRI, BTN, BSI, POS', 'POS')
    .option('--dry-run', 'pratinjau saja: berapa keluarga muat, jumlah dan sisa pagu; tidak menulis')
    .option('--json', 'cetak hasil JSON')
    .action(async (options: EnrolOptions) => {
      const input = {
        period: options.period.toUpperCase(),
        fromProgram: options.from.toUpperCase(),
        fromPeriod: options.fromPeriod.toUpperCase(),
        channel: options.channel,
        requireProgram: options.requireProgram?.toUpperCase(),
        requirePeriod: options.requirePeriod?.toUpperCase(),
        dryRun: Boolean(options.dryRun),
      };
      const local = options.local.toUpperCase();
      const result = await runWithServices<EnrolResult>(
        options,
        (services) =>
          services.targeting.enrol(
            { ...CLI_ACTOR, regionCode: services.config.kabupatenCode },
            { ...input, local },
          ) as Promise<EnrolResult>,
        (client) =>
          client.request<EnrolResult>(
            'POST',
            `/api/programs/${encodeURIComponent(local)}/periods/${encodeURIComponent(input.period)}/enrolments`,
            input,
          ),
      );
      if (options.json) printJson(result);
      else printEnrolment(result);
    });
}

async function queryOf(
  options: ListOptions,
  region: (code: string) => Promise<string>,
): Promise<TargetingQuery> {
  const reason = options.alasan?.toUpperCase();
  if (reason && !(reason in INCLUSION_REASON_LABELS)) {
    throw new ValidationError(
      'REASON_UNKNOWN',
      `Alasan "${options.alasan}" tidak dikenal: ${Object.keys(INCLUSION_REASON_LABELS).join(', ')}.`,
    );
  }
  return {
    program: options.program.toUpperCase(),
    period: options.period.toUpperCase(),
    regionCode: options.wilayah ? await region(options.wilayah) : undefined,
    reason: reason as InclusionReason | undefined,
    requireProgram: options.requireProgram?.toUpperCase(),
    requirePeriod: options.requirePeriod?.toUpperCase(),
  };
}

/** While a server holds the embedded database: the same list and export through its API. */
async function runRemote(client: RemoteClient, kind: 'inclusion' | 'exclusion', options: ListOptions) {
  const query = await queryOf(options, async (code) => code);
  const params = new URLSearchParams();
  for (const key of ['regionCode', 'reason', 'requireProgram', 'requirePeriod'] as const) {
    const value = query[key];
    if (value) params.set(key, value);
  }
  const base = `/api/programs/${encodeURIComponent(query.program)}/periods/${encodeURIComponent(query.period)}/targeting/${kind}`;
  const summary = await client.request<ListSummary>('GET', `${base}?${params}&pageSize=1`);
  if (options.out) {
    const response = await fetch(new URL(`${base}/export.xlsx?${params}`, client.baseUrl), {
      headers: { authorization: `Bearer ${process.env.SALUR_API_TOKEN}` },
    });
    if (!response.ok)
      throw new AppError('REMOTE_ERROR', `Server menjawab ${response.status}`, response.status);
    await pipeline(
      Readable.fromWeb(response.body as WebReadableStream<Uint8Array>),
      fs.createWriteStream(options.out),
    );
  }
  return summary;
}

function listJson(jenis: string, s: ListSummary, out: string | undefined) {
  return {
    program: s.program,
    period: s.period,
    jenis,
    desilMax: s.desilMax,
    total: s.total,
    ...(s.byReason ? { byReason: s.byReason } : {}),
    ...(s.byDesil ? { byDesil: s.byDesil, byComponent: s.byComponent ?? {} } : {}),
    byKecamatan: s.byKecamatan.map((k) => ({ code: k.code, name: k.name, count: k.count })),
    export: out ?? null,
  };
}

function printList(kind: 'inclusion' | 'exclusion', s: ListSummary, out: string | undefined): void {
  const line = (text: string) => process.stdout.write(`${text}\n`);
  const title = kind === 'inclusion' ? 'Kandidat kesalahan inklusi' : 'Kandidat kesalahan eksklusi';
  line(`${title} ${s.program} ${s.periodLabel} (batas desil ${s.desilMax ?? '-'}): ${s.total} baris`);
  for (const [reason, n] of Object.entries(s.byReason ?? {}))
    line(
      `  ${reason.padEnd(22)} ${String(n).padStart(7)}  ${INCLUSION_REASON_LABELS[reason as InclusionReason] ?? ''}`,
    );
  for (const [desil, n] of Object.entries(s.byDesil ?? {}))
    line(`  desil ${desil.padEnd(16)} ${String(n).padStart(7)}`);
  line('  Per kecamatan:');
  for (const k of s.byKecamatan)
    line(
      `    ${formatRegionCode(k.code).padEnd(10)} ${(k.name ?? '').padEnd(24)} ${String(k.count).padStart(7)}`,
    );
  if (out) line(`  Daftar XLSX: ${out}`);
}

function printEnrolment(r: EnrolResult): void {
  const line = (text: string) => process.stdout.write(`${text}\n`);
  line(
    r.dryRun
      ? `Pratinjau pendaftaran ${r.local} ${r.period} (tidak ada yang ditulis):`
      : `Pendaftaran ${r.local} ${r.period} selesai (impor #${r.importId}):`,
  );
  line(
    `  Keluarga di daftar eksklusi ${r.fromProgram} ${r.fromPeriod}: ${r.candidates} (sudah terdaftar: ${r.alreadyEnrolled})`,
  );
  line(
    `  Didaftarkan      : ${r.enrolled} KPM × ${formatRupiah(Number(r.benefitAmount))} = ${formatRupiah(r.total)}`,
  );
  line(`  Tidak tertampung : ${r.notFunded}`);
  line(`  Pagu             : ${formatRupiah(r.budget)}; terpakai ${formatRupiah(r.used)}`);
  line(`  Sisa pagu        : ${formatRupiah(r.remainingBefore)} → ${formatRupiah(r.remainingAfter)}`);
  if (r.alsoReceiving.length > 0)
    line(
      `  Sudah menerima program lain (dua periode terakhirnya): ${r.alsoReceiving
        .map((o) => `${o.program} ${o.period} ${o.families} keluarga`)
        .join(', ')}. Periksa daftar sumber sebelum mendaftarkan.`,
    );
}
