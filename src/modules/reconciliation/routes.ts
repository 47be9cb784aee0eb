import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requireActor } from '../../platform/http/auth-hook';
import { errorResponses } from '../../platform/http/schemas';
import type { Services } from '../../platform/services';
import { JobSchema, presentJob } from '../jobs/schemas';
import {
  LineParams,
  LinesQuery,
  PeriodParams,
  ReconciliationLineDetail,
  ReconciliationLineList,
  ReconciliationView,
  ReopenBody,
  UnallocatedLineList,
  UnallocatedQuery,
} from './schemas';

const BASE = '/api/programs/:program/periods/:period';

/** Rekonsiliasi of a programme period: run (as a job), read, finalise and reopen. */
export const reconciliationRoutes: FastifyPluginAsyncZod<{ services: Services }> = async (
  app,
  { services },
) => {
  const { reconciliation, regions } = services;
  const canonicalRegion = async (code: string | undefined) =>
    code ? (await regions.get(code)).code : undefined;

  app.post(
    `${BASE}/reconciliation`,
    {
      schema: {
        tags: ['reconciliation'],
        summary: 'Jalankan rekonsiliasi periode sebagai pekerjaan (admin Dinsos)',
        description:
          'Ikuti kemajuannya di /api/jobs/{id}/events; hasil pekerjaan adalah ringkasan rekonsiliasi. ' +
          'Periode yang sudah final ditolak (409 PERIOD_FINAL).',
        params: PeriodParams,
        response: { 202: JobSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { program, period } = request.params;
      const job = await reconciliation.startRun(requireActor(request), program, period);
      reply.status(202);
      return presentJob(job);
    },
  );

  app.get(
    `${BASE}/reconciliation`,
    {
      schema: {
        tags: ['reconciliation'],
        summary: 'Ringkasan rekonsiliasi per status, kecamatan dan kanal, dalam wilayah Anda',
        params: PeriodParams,
        response: { 200: ReconciliationView, ...errorResponses },
      },
    },
    async (request) => {
      const { program, period } = request.params;
      return reconciliation.summary(requireActor(request), program, period);
    },
  );

  app.get(
    `${BASE}/reconciliation/lines`,
    {
      schema: {
        tags: ['reconciliation'],
        summary: 'Baris alokasi dengan status rekonsiliasinya (NIK tersamar)',
        params: PeriodParams,
        querystring: LinesQuery,
        response: { 200: ReconciliationLineList, ...errorResponses },
      },
    },
    async (request) => {
      const { program, period } = request.params;
      const { regionCode, ...rest } = request.query;
      return reconciliation.lines(requireActor(request), program, period, {
        ...rest,
        regionCode: await canonicalRegion(regionCode),
      });
    },
  );

  app.get(
    `${BASE}/reconciliation/lines/:allocationId`,
    {
      schema: {
        tags: ['reconciliation'],
        summary: 'Satu baris alokasi dengan semua baris laporan kanal yang cocok (dicatat di audit)',
        params: LineParams,
        response: { 200: ReconciliationLineDetail, ...errorResponses },
      },
    },
    async (request) => {
      const { program, period, allocationId } = request.params;
      return reconciliation.line(requireActor(request), program, period, allocationId);
    },
  );

  app.get(
    `${BASE}/reconciliation/unallocated`,
    {
      schema: {
        tags: ['reconciliation'],
        summary: 'Baris laporan kanal tanpa alokasi (TIDAK_DIALOKASIKAN)',
        params: PeriodParams,
        querystring: UnallocatedQuery,
        response: { 200: UnallocatedLineList, ...errorResponses },
      },
    },
    async (request) => {
      const { program, period } = request.params;
      const { regionCode, ...rest } = request.query;
      return reconciliation.unallocated(requireActor(request), program, period, {
        ...rest,
        regionCode: await canonicalRegion(regionCode),
      });
    },
  );

  app.post(
    `${BASE}/finalise`,
    {
      schema: {
        tags: ['reconciliation'],
        summary: 'Finalkan periode: rekonsiliasi terakhir lalu bekukan (admin Dinsos)',
        params: PeriodParams,
        response: { 200: ReconciliationView, ...errorResponses },
      },
    },
    async (request) => {
      const { program, period } = request.params;
      return reconciliation.finalise(requireActor(request), program, period);
    },
  );

  app.post(
    `${BASE}/reopen`,
    {
      schema: {
        tags: ['reconciliation'],
        summary: 'Buka kembali periode yang sudah final, dengan alasan (admin Dinsos; dicatat di audit)',
        params: PeriodParams,
        body: ReopenBody,
        response: { 200: ReconciliationView, ...errorResponses },
      },
    },
    async (request) => {
      const { program, period } = request.params;
      return reconciliation.reopen(requireActor(request), program, period, request.body.reason);
    },
  );
};
