import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import type { Command } from 'commander';
import { formatRegionCode } from '../../domain/region-code';
import { REJECTION_MESSAGES, type RejectionCode } from '../../modules/registry/import/reasons';
import type { SyncCheckSummary } from '../../modules/sync/run-check';
import { AppError } from '../../platform/errors';
import { CLI_ACTOR, runWithServices, withDatabaseOptions } from '../context';
import { collectMapOption } from '../options';
import { createProgressBar } from '../progress';
import type { RemoteClient } from '../remote';
import { printJson } from '../run';
import { registryGroup } from './registry';

interface SyncOptions {
  sheet?: string;
  map: string[];
  json?: boolean;
  export?: string;
  dataDir?: string;
  databaseUrl?: string;
}

/** `salur registry sync`, attached to the one `registry` group. */
export function registerSyncCommand(program: Command): void {
  addSyncCommand(registryGroup(program));
}

export function addSyncCommand(registry: Command): void {
  withDatabaseOptions(registry.command('sync <file>'))
    .description(
      'Cek sinkron: bandingkan registri lokal dengan berkas pusat DTSEN (.csv/.xlsx) tanpa mengubah registri',
    )
    .option('--sheet <name>', 'lembar .xlsx (bawaan: lembar pertama)')
    .option(
      '--map <KOLOM=bidang>',
      'petakan judul kolom lain ke bidang (boleh diulang)',
      collectMapOption,
      [],
    )
    .option('--export <out.xlsx>', 'tulis ringkasan dan daftar per penduduk ke berkas .xlsx')
    .option('--json', 'cetak ringkasan JSON')
    .action(async (file: string, options: SyncOptions) => {
      const bar = createProgressBar('Cek sinkron');
      const summary = await runWithServices<SyncCheckSummary>(
        options,
        async (services) => {
          const actor = { ...CLI_ACTOR, regionCode: services.config.kabupatenCode };
          const result = await services.sync.runSyncCheck(
            actor,
            { filePath: file, sheet: options.sheet, map: options.map },
            (rows, _stage, total) => bar.update(rows, total),
          );
          bar.stop();
          if (options.export) {
            const exporter = await services.sync.openExport(actor, result.checkId, {});
            const out = fs.createWriteStream(options.export);
            const done = new Promise<void>((resolve, reject) =>
              out.on('finish', () => resolve()).on('error', reject),
            );
            await exporter.write(out);
            await done;
          }
          return result;
        },
        (client) => runRemote(client, file, options, (done, total) => bar.update(done, total)),
      ).finally(() => bar.stop());
      if (options.json) printJson({ ...summary, export: options.export ?? null });
      else printHuman(summary, options.export);
    });
}

/** While a server holds the embedded database: upload through its API, follow the job, download. */
async function runRemote(
  client: RemoteClient,
  file: string,
  options: SyncOptions,
  onProgress: (done: number, total: number | null) => void,
): Promise<SyncCheckSummary> {
  if (!fs.existsSync(file)) throw new AppError('FILE_NOT_FOUND', `Berkas ${file} tidak ditemukan.`, 400);
  const query = new URLSearchParams({ fileName: path.basename(file) });
  if (options.sheet) query.set('sheet', options.sheet);
  if (options.map.length) query.set('map', options.map.join(','));
  const job = (await (
    await remoteFetch(client, `/api/sync-checks?${query}`, {
      method: 'POST',
      headers: { 'content-type': 'application/octet-stream' },
      body: await fs.openAsBlob(file),
    })
  ).json()) as { id: number };
  const summary = (await client.waitForJob(job.id, onProgress)) as SyncCheckSummary;
  if (options.export) {
    const response = await remoteFetch(client, `/api/sync-checks/${summary.checkId}/export.xlsx`, {});
    await pipeline(
      Readable.fromWeb(response.body as WebReadableStream<Uint8Array>),
      fs.createWriteStream(options.export),
    );
  }
  return summary;
}

async function remoteFetch(client: RemoteClient, url: string, init: RequestInit): Promise<Response> {
  const response = await fetch(new URL(url, client.baseUrl), {
    ...init,
    headers: {
      ...(init.headers as Record<string, string>),
      authorization: `Bearer ${process.env.SALUR_API_TOKEN}`,
    },
  });
  if (response.ok) return response;
  const body = (await response.json().catch(() => null)) as {
    error?: { code: string; message: string };
  } | null;
  throw new AppError(
    body?.error?.code ?? 'REMOTE_ERROR',
    body?.error?.message ?? `Server menjawab ${response.status}`,
    response.status,
  );
}

function printHuman(s: SyncCheckSummary, exported: string | undefined): void {
  const out = (line: string) => process.stdout.write(`${line}\n`);
  out(
    `Cek sinkron #${s.checkId} (${s.fileName}): ${s.rowsRead} baris dibaca, ${s.accepted} dibandingkan, ${s.rejected} ditolak.`,
  );
  out(`  SINKRON     (data sama)            : ${s.totals.SINKRON}`);
  out(`  BEDA_DATA   (ada bidang berbeda)   : ${s.totals.BEDA_DATA}`);
  out(`  HANYA_LOKAL (tidak ada di pusat)   : ${s.totals.HANYA_LOKAL}`);
  out(`  HANYA_PUSAT (tidak ada di lokal)   : ${s.totals.HANYA_PUSAT}`);
  out(
    `  Kecamatan yang dicakup berkas: ${s.kecamatanCovered.map(formatRegionCode).join(', ') || '(tidak ada)'}`,
  );
  for (const [code, n] of Object.entries(s.rejectedByReason))
    out(`  Ditolak ${code} (${n}): ${REJECTION_MESSAGES[code as RejectionCode]}`);
  if (s.ignoredColumns.length) out(`  Kolom tidak dikenal (diabaikan): ${s.ignoredColumns.join(', ')}`);
  out('  Registri lokal tidak diubah.');
  if (exported) out(`  Daftar XLSX: ${exported}`);
}
