import fs from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import type { Command } from 'commander';
import { AppError } from '../../platform/errors';
import { CLI_ACTOR, runWithServices, withDatabaseOptions } from '../context';
import type { RemoteClient } from '../remote';
import { printJson } from '../run';

interface BeritaAcaraOptions {
  program: string;
  period: string;
  out?: string;
  xlsx?: string;
  json?: boolean;
  dataDir?: string;
  databaseUrl?: string;
}

interface Written {
  program: string;
  period: string;
  pdf: string;
  xlsx: string | null;
  /** DRAF while the period is not finalised. */
  draft: boolean | null;
  bytes: number;
}

/**
 * `salur berita-acara --program PKH --period 2026-T2 [--out ba.pdf] [--xlsx rincian.xlsx]`:
 * writes the Berita Acara Rekonsiliasi of the period (PDF) and, on request, its detail lines
 * (XLSX), from the stored reconciliation. Both downloads are audited as the CLI user.
 */
export function registerBeritaAcaraCommand(program: Command): void {
  withDatabaseOptions(program.command('berita-acara'))
    .description('Tulis Berita Acara Rekonsiliasi (PDF) dan rinciannya (XLSX) untuk satu periode program')
    .requiredOption('--program <kode>', 'kode program, mis. PKH')
    .requiredOption('--period <kode>', 'periode, mis. 2026-T2')
    .option('--out <berkas.pdf>', 'berkas PDF (bawaan: berita-acara-rekonsiliasi-<PROGRAM>-<PERIODE>.pdf)')
    .option('--xlsx <berkas.xlsx>', 'tulis juga rincian per baris alokasi ke berkas .xlsx')
    .option('--json', 'cetak ringkasan JSON')
    .action(async (options: BeritaAcaraOptions) => {
      const programCode = options.program.trim().toUpperCase();
      const periodCode = options.period.trim().toUpperCase();
      const pdfPath = options.out ?? `berita-acara-rekonsiliasi-${programCode}-${periodCode}.pdf`;
      const written = await runWithServices<Written>(
        options,
        async (services) => {
          const actor = { ...CLI_ACTOR, regionCode: services.config.kabupatenCode };
          const pdf = await services.beritaAcara.pdf(actor, programCode, periodCode);
          fs.writeFileSync(pdfPath, pdf.body);
          if (options.xlsx) {
            const exporter = await services.beritaAcara.openXlsx(actor, programCode, periodCode);
            const out = fs.createWriteStream(options.xlsx);
            const done = new Promise<void>((resolve, reject) =>
              out.on('finish', resolve).on('error', reject),
            );
            await exporter.write(out);
            await done;
          }
          return {
            program: programCode,
            period: periodCode,
            pdf: pdfPath,
            xlsx: options.xlsx ?? null,
            draft: pdf.draft,
            bytes: pdf.body.length,
          };
        },
        (client) => runRemote(client, programCode, periodCode, pdfPath, options.xlsx),
      );
      if (options.json) printJson(written);
      else {
        const out = (line: string) => process.stdout.write(`${line}\n`);
        out(`Berita Acara Rekonsiliasi ${written.program} ${written.period}: ${written.pdf}`);
        if (written.draft) out('  DRAF: periode belum difinalkan; finalkan periode sebelum ditandatangani.');
        if (written.xlsx) out(`  Rincian XLSX: ${written.xlsx}`);
      }
    });
}

/** While a server holds the embedded database: download both files through its API. */
async function runRemote(
  client: RemoteClient,
  program: string,
  period: string,
  pdfPath: string,
  xlsxPath: string | undefined,
): Promise<Written> {
  const base = `/api/programs/${encodeURIComponent(program)}/periods/${encodeURIComponent(period)}`;
  const bytes = await download(client, `${base}/berita-acara.pdf`, pdfPath);
  if (xlsxPath) await download(client, `${base}/berita-acara.xlsx`, xlsxPath);
  return { program, period, pdf: pdfPath, xlsx: xlsxPath ?? null, draft: null, bytes };
}

async function download(client: RemoteClient, url: string, file: string): Promise<number> {
  const response = await fetch(new URL(url, client.baseUrl), {
    headers: { authorization: `Bearer ${process.env.SALUR_API_TOKEN}` },
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
  await pipeline(
    Readable.fromWeb(response.body as WebReadableStream<Uint8Array>),
    fs.createWriteStream(file),
  );
  return fs.statSync(file).size;
}
