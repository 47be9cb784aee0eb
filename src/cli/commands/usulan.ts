import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { presentSummary } from '../../modules/usulan/presenter';
import { USULAN_STATUSES, type UsulanStatus } from '../../modules/usulan/states';
import { AppError, ValidationError } from '../../platform/errors';
import type { Services } from '../../platform/services';
import { CLI_ACTOR, runWithServices, withDatabaseOptions } from '../context';
import type { RemoteClient } from '../remote';
import { printJson } from '../run';

type Summary = ReturnType<typeof presentSummary>;
interface BatchOut {
  id: number;
  fileName: string;
  count: number;
  fileSha256: string;
  byKind: Record<string, number>;
}
interface DbOptions {
  json?: boolean;
  dataDir?: string;
  databaseUrl?: string;
}

const PAGE = 200;
const actorOf = (services: Services) => ({ ...CLI_ACTOR, regionCode: services.config.kabupatenCode });

export function registerUsulanCommands(program: Command): void {
  const usulan = program.command('usulan').description('Usulan ke pusat (bahan unggahan SIKS-NG)');

  withDatabaseOptions(usulan.command('list'))
    .description('Daftar usulan, terbaru dahulu (NIK tersamar)')
    .option('--status <status>', USULAN_STATUSES.join(' | '))
    .option('--json', 'cetak JSON')
    .action(async (options: DbOptions & { status?: string }) => {
      const status = parseStatus(options.status);
      const items = await runWithServices<Summary[]>(
        options,
        async (services) => {
          const all: Summary[] = [];
          for (let page = 1; ; page++) {
            const { rows, total } = await services.usulan.list(actorOf(services), {
              status,
              page,
              pageSize: PAGE,
            });
            all.push(...rows.map(presentSummary));
            if (all.length >= total || rows.length === 0) return all;
          }
        },
        async (client) => {
          const all: Summary[] = [];
          for (let page = 1; ; page++) {
            const query = `page=${page}&pageSize=${PAGE}${status ? `&status=${status}` : ''}`;
            const { items, total } = await client.request<{ items: Summary[]; total: number }>(
              'GET',
              `/api/usulan?${query}`,
            );
            all.push(...items);
            if (all.length >= total || items.length === 0) return all;
          }
        },
      );
      if (options.json) printJson(items);
      else {
        for (const u of items)
          process.stdout.write(
            `${u.id}\t${u.kind}\t${u.status}\t${u.regionCode}\t${u.subjectName}\t${u.nikMasked ?? '-'}\n`,
          );
        process.stdout.write(`${items.length} usulan.\n`);
      }
    });

  withDatabaseOptions(usulan.command('batch'))
    .description('Kirim semua usulan DISETUJUI_DINSOS dalam satu batch dan tulis berkas .xlsx untuk SIKS-NG')
    .option('--out <file>', 'berkas keluaran (bawaan: nama berkas batch, di direktori ini)')
    .option('--json', 'cetak ringkasan JSON')
    .action(async (options: DbOptions & { out?: string }) => {
      const { batch, content } = await runWithServices(
        options,
        async (services) => {
          const actor = actorOf(services);
          const made = await services.usulan.createBatch(actor);
          const file = await services.usulan.downloadBatch(actor, made.id);
          return { batch: made as BatchOut, content: file.content };
        },
        async (client) => {
          const made = await client.request<BatchOut>('POST', '/api/usulan/batches');
          return { batch: made, content: await download(client, `/api/usulan/batches/${made.id}/file`) };
        },
      );
      const out = path.resolve(options.out ?? batch.fileName);
      fs.writeFileSync(out, content);
      if (options.json) printJson({ ...batch, file: out });
      else {
        process.stdout.write(`Batch #${batch.id}: ${batch.count} usulan berstatus DIKIRIM.\n`);
        for (const [kind, n] of Object.entries(batch.byKind)) process.stdout.write(`  ${kind}: ${n}\n`);
        process.stdout.write(`Berkas: ${out}\n  sha256 ${batch.fileSha256}\n`);
      }
    });
}

function parseStatus(text: string | undefined): UsulanStatus | undefined {
  if (text === undefined) return undefined;
  const status = text.trim().toUpperCase();
  if (!(USULAN_STATUSES as readonly string[]).includes(status)) {
    throw new ValidationError(
      'USULAN_STATUS_UNKNOWN',
      `Status "${text}" tidak dikenal: ${USULAN_STATUSES.join(', ')}.`,
    );
  }
  return status as UsulanStatus;
}

/** A binary answer of the running server (RemoteClient speaks JSON only). */
async function download(client: RemoteClient, urlPath: string): Promise<Buffer> {
  const response = await fetch(new URL(urlPath, client.baseUrl), {
    headers: { authorization: `Bearer ${process.env.SALUR_API_TOKEN ?? ''}` },
  });
  if (!response.ok) {
    const body = (await response.json().catch(() => null)) as {
      error?: { code: string; message: string };
    } | null;
    throw new AppError(
      body?.error?.code ?? 'REMOTE_ERROR',
      body?.error?.message ?? `Server menjawab ${response.status}`,
      response.status,
    );
  }
  return Buffer.from(await response.arrayBuffer());
}
