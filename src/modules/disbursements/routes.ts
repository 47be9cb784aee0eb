import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authorize } from '../../platform/auth/actor';
import { removeUpload, saveUpload } from '../../platform/files/uploads';
import { requireActor } from '../../platform/http/auth-hook';
import { errorResponses } from '../../platform/http/schemas';
import type { Services } from '../../platform/services';
import { JobSchema, presentJob } from '../jobs/schemas';
import { writeErrorReportCsv, writeErrorReportXlsx } from './error-report';
import {
  DisbursementLinePage,
  DisbursementLineQuery,
  DisbursementPeriodParams,
  DisbursementReportList,
  DisbursementReportParams,
  DisbursementReportSchema,
  DisbursementUploadQuery,
} from './schemas';

const MAX_UPLOAD_BYTES = 512 * 1024 * 1024;
const BASE = '/api/programs/:program/periods/:period';

export const disbursementRoutes: FastifyPluginAsyncZod<{ services: Services }> = async (
  app,
  { services },
) => {
  const { config, jobs, audit, database } = services;
  const imports = services.disbursementImport;
  const reports = services.disbursementReports;

  app.post(
    `${BASE}/disbursement-reports`,
    {
      bodyLimit: MAX_UPLOAD_BYTES,
      schema: {
        tags: ['distribution'],
        summary:
          'Impor laporan penyaluran (isi berkas mentah, application/octet-stream) sebagai pekerjaan; ikuti kemajuannya lewat /api/jobs/{id}/events',
        params: DisbursementPeriodParams,
        querystring: DisbursementUploadQuery,
        response: { 202: JobSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const { program, period } = request.params;
      const { channel, fileName, sheet } = request.query;
      // Programme, period (known, not finalised) and channel first: a bad start is answered at once.
      await imports.checkTarget(actor, program, period, channel);
      const upload = await saveUpload(config.filesDir, request.body as NodeJS.ReadableStream, fileName);
      const map = (request.query.map ?? '').split(',').filter((m) => m.trim() !== '');
      const input = { program, period, channel, fileName, sheet, map };
      try {
        // The same file again (409), missing columns (400): refused before a job is queued.
        await imports.checkImport(actor, { ...input, filePath: upload.path });
      } catch (error) {
        removeUpload(config.filesDir, upload.id);
        throw error;
      }
      const job = await jobs.enqueue(
        actor,
        'disbursement.import',
        { ...input, uploadId: upload.id, actor },
        { maxAttempts: 2 },
      );
      reply.status(202);
      return presentJob(job);
    },
  );

  app.get(
    `${BASE}/disbursement-reports`,
    {
      schema: {
        tags: ['distribution'],
        summary: 'Laporan penyaluran periode ini: penyalur, berkas, jumlah baris, pengimpor, waktu',
        params: DisbursementPeriodParams,
        response: { 200: DisbursementReportList, ...errorResponses },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const { program, period } = request.params;
      return { items: await reports.listReports(actor, program, period) };
    },
  );

  app.get(
    `${BASE}/disbursement-reports/:id`,
    {
      schema: {
        tags: ['distribution'],
        summary: 'Satu laporan penyaluran dan ringkasannya',
        params: DisbursementReportParams,
        response: { 200: DisbursementReportSchema, ...errorResponses },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const { program, period, id } = request.params;
      return reports.getReport(actor, program, period, id);
    },
  );

  app.get(
    `${BASE}/disbursement-reports/:id/rejected.:format`,
    {
      schema: {
        tags: ['distribution'],
        summary: 'Baris laporan penyaluran yang ditolak (CSV atau XLSX), siap dikirim kembali ke penyalur',
        params: DisbursementReportParams.extend({ format: z.enum(['csv', 'xlsx']) }),
        produces: ['text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      // Rejected lines carry full NIKs and have no region: only those who import may read them.
      authorize(actor, 'distribution.import');
      const { program, period, id, format } = request.params;
      const report = await reports.getReport(actor, program, period, id);
      await audit.recordNow(actor, {
        action: `export.${format}`,
        entityType: 'disbursement_report',
        entityId: id,
        details: { report: 'rejected-rows' },
      });
      const base = report.fileName.replace(/\.[^.]+$/, '').replace(/[^\w.-]+/g, '_');
      reply.hijack();
      reply.raw.writeHead(200, {
        'content-type':
          format === 'csv'
            ? 'text/csv; charset=utf-8'
            : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        'content-disposition': `attachment; filename="${base}.ditolak.${format}"`,
        'x-request-id': request.id,
      });
      if (format === 'csv') await writeErrorReportCsv(database, id, reply.raw);
      else await writeErrorReportXlsx(database, id, reply.raw);
    },
  );

  app.get(
    `${BASE}/disbursements`,
    {
      schema: {
        tags: ['distribution'],
        summary: 'Baris laporan penyaluran periode ini, sesuai wilayah pengguna (NIK disamarkan)',
        params: DisbursementPeriodParams,
        querystring: DisbursementLineQuery,
        response: { 200: DisbursementLinePage, ...errorResponses },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const { program, period } = request.params;
      const q = request.query;
      return reports.listLines(actor, program, period, {
        ...q,
        allocated: q.allocated === undefined ? undefined : q.allocated === 'yes',
      });
    },
  );
};
