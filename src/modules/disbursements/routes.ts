import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { authorize } from '../../platform/auth/actor';
import { requireActor } from '../../platform/http/auth-hook';
import {
  MAX_UPLOAD_BYTES,
  mapQuery,
  REJECTED_PRODUCES,
  RejectedFormat,
  saveCheckedUpload,
  sendRejectedRows,
} from '../../platform/http/file-import';
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
      const map = mapQuery(request.query.map);
      const input = { program, period, channel, fileName, sheet, map };
      // The same file again (409), missing columns (400): refused before a job is queued.
      const upload = await saveCheckedUpload(config.filesDir, request.body, fileName, (filePath) =>
        imports.checkImport(actor, { ...input, filePath }),
      );
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
        params: DisbursementReportParams.extend({ format: RejectedFormat }),
        produces: REJECTED_PRODUCES,
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      // Rejected lines carry full NIKs and have no region: only those who import may read them.
      authorize(actor, 'distribution.import');
      const { program, period, id, format } = request.params;
      const report = await reports.getReport(actor, program, period, id);
      await sendRejectedRows(reply, audit, actor, {
        requestId: request.id,
        entityType: 'disbursement_report',
        id,
        format,
        fileName: report.fileName,
        write: (out) =>
          format === 'csv' ? writeErrorReportCsv(database, id, out) : writeErrorReportXlsx(database, id, out),
      });
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
