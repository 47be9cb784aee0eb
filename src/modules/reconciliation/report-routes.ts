import { PassThrough } from 'node:stream';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../../platform/http/auth-hook';
import { errorResponses } from '../../platform/http/schemas';
import { redactError } from '../../platform/redact';
import type { Services } from '../../platform/services';
import { RealisasiQuerySchema, RealisasiReportSchema } from './report-schemas';
import { PeriodParams } from './schemas';

const BASE = '/api/programs/:program/periods/:period';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Reports of the reconciliation: the Berita Acara (PDF, XLSX) and the realisation dashboard. */
export const reconciliationReportRoutes: FastifyPluginAsyncZod<{ services: Services }> = async (
  app,
  { services },
) => {
  const { beritaAcara, realisasi } = services;

  app.get(
    `${BASE}/berita-acara.pdf`,
    {
      schema: {
        tags: ['reconciliation'],
        summary:
          'Unduh Berita Acara Rekonsiliasi periode (PDF A4; admin Dinsos dan auditor; dicatat di audit)',
        description:
          'Dari hasil rekonsiliasi tersimpan. Periode yang belum final dicetak sebagai DRAF. ' +
          'Periode yang belum pernah direkonsiliasi: 409 NOT_RECONCILED.',
        params: PeriodParams,
        produces: ['application/pdf'],
        response: { 200: z.unknown().describe('Berkas PDF (biner)'), ...errorResponses },
      },
    },
    async (request, reply) => {
      const { program, period } = request.params;
      const pdf = await beritaAcara.pdf(requireActor(request), program, period);
      return reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', `attachment; filename="${pdf.fileName}"`)
        .header('cache-control', 'no-store')
        .send(pdf.body);
    },
  );

  app.get(
    `${BASE}/berita-acara.xlsx`,
    {
      schema: {
        tags: ['reconciliation'],
        summary:
          'Unduh rincian Berita Acara (XLSX: ringkasan, baris alokasi dan statusnya, baris tidak dialokasikan)',
        description:
          'Dalam wilayah Anda; NIK tersamar kecuali peran berhak melihat NIK lengkap; dicatat di audit. ' +
          'Periode yang belum pernah direkonsiliasi: 409 NOT_RECONCILED.',
        params: PeriodParams,
        produces: [XLSX],
        response: { 200: z.unknown().describe('Berkas .xlsx (biner)'), ...errorResponses },
      },
    },
    async (request, reply) => {
      const { program, period } = request.params;
      const exporter = await beritaAcara.openXlsx(requireActor(request), program, period);
      const out = new PassThrough();
      exporter.write(out).catch((error: unknown) => {
        request.log.error({ err: redactError(error) }, 'berita acara xlsx failed');
        out.destroy(error as Error);
      });
      return reply
        .header('content-type', XLSX)
        .header('content-disposition', `attachment; filename="${exporter.fileName}"`)
        .header('cache-control', 'no-store')
        .send(out);
    },
  );

  app.get(
    '/api/realisasi',
    {
      schema: {
        tags: ['reconciliation'],
        summary:
          'Laporan realisasi: KPM dan rupiah tersalur per periode, kecamatan, desa/kelurahan dan penyalur',
        description:
          'Dari hasil rekonsiliasi tersimpan setiap periode tahun itu sampai `upTo`, dalam wilayah Anda, ' +
          'dengan alasan gagal salur. Baris TIDAK_DIALOKASIKAN dilaporkan terpisah.',
        querystring: RealisasiQuerySchema,
        response: { 200: RealisasiReportSchema, ...errorResponses },
      },
    },
    async (request) => realisasi.report(requireActor(request), request.query),
  );
};
