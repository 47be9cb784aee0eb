import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import type { Actor } from '../../platform/auth/actor';
import { authorize } from '../../platform/auth/actor';
import { ValidationError } from '../../platform/errors';
import { requireActor } from '../../platform/http/auth-hook';
import {
  MAX_UPLOAD_BYTES,
  mapQuery,
  REJECTED_PRODUCES,
  RejectedFormat,
  saveCheckedUpload,
  sendRejectedRows,
} from '../../platform/http/file-import';
import { errorResponses, IdParams } from '../../platform/http/schemas';
import type { Services } from '../../platform/services';
import { JobSchema, presentJob } from '../jobs/schemas';
import { writeAllocationRejectionsCsv, writeAllocationRejectionsXlsx } from './error-report';
import {
  AllocationDetail,
  AllocationImportList,
  AllocationList,
  AllocationListQuery,
  AllocationSearchBody,
  AllocationUploadQuery,
  ProgramPeriodParams,
  RemovedImport,
  RemoveImportBody,
} from './schemas';

export const allocationRoutes: FastifyPluginAsyncZod<{ services: Services }> = async (app, { services }) => {
  const { config, jobs, audit, database, regions, allocations, allocationImport, allocationImportRemoval } =
    services;
  const base = '/api/programs/:program/periods/:period';

  app.post(
    `${base}/allocation-imports`,
    {
      bodyLimit: MAX_UPLOAD_BYTES,
      schema: {
        tags: ['allocations'],
        summary:
          'Unggah dan impor berkas alokasi (isi mentah, application/octet-stream) sebagai pekerjaan; ikuti kemajuannya lewat /api/jobs/{id}/events',
        params: ProgramPeriodParams,
        querystring: AllocationUploadQuery,
        response: { 202: JobSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      authorize(actor, 'distribution.import');
      const { program, period } = request.params;
      const { fileName, channel, sheet } = request.query;
      const map = mapQuery(request.query.map);
      // Programme, period, duplicate file and columns are checked now: a bad start is a 4xx, not a failed job.
      const upload = await saveCheckedUpload(config.filesDir, request.body, fileName, (filePath) =>
        allocationImport.checkImport(actor, { program, period, filePath, fileName, channel, sheet, map }),
      );
      const uploadId = upload.id;
      const job = await jobs.enqueue(
        actor,
        'allocation.import',
        { uploadId, fileName, program, period: period.toUpperCase(), channel, sheet, map, actor },
        { maxAttempts: 1 },
      );
      reply.status(202);
      return presentJob(job);
    },
  );

  app.get(
    `${base}/allocation-imports`,
    {
      schema: {
        tags: ['allocations'],
        summary: 'Riwayat impor alokasi satu periode',
        params: ProgramPeriodParams,
        response: { 200: AllocationImportList, ...errorResponses },
      },
    },
    async (request) =>
      allocations.listImports(requireActor(request), request.params.program, request.params.period),
  );

  // POST, not DELETE: the reason travels in the body, and a proxy may drop a DELETE's body.
  app.post(
    '/api/allocation-imports/:id/remove',
    {
      schema: {
        tags: ['allocations'],
        summary:
          'Hapus impor alokasi yang keliru (admin Dinsos; periode terbuka; belum ada baris laporan yang cocok), dengan alasan, dicatat di audit',
        params: IdParams,
        body: RemoveImportBody,
        response: { 200: RemovedImport, ...errorResponses },
      },
    },
    async (request) =>
      allocationImportRemoval.remove(requireActor(request), request.params.id, request.body.reason),
  );

  app.get(
    '/api/allocation-imports/:id/rejected.:format',
    {
      schema: {
        tags: ['allocations'],
        summary: 'Baris berkas alokasi yang ditolak (CSV atau XLSX), siap dikirim kembali ke pembuat berkas',
        params: IdParams.extend({ format: RejectedFormat }),
        produces: REJECTED_PRODUCES,
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const { id, format } = request.params;
      const row = await allocations.requireImport(actor, id);
      await sendRejectedRows(reply, audit, actor, {
        requestId: request.id,
        entityType: 'allocation_import',
        id,
        format,
        fileName: row.file_name ?? `alokasi-${id}`,
        write: (out) =>
          format === 'csv'
            ? writeAllocationRejectionsCsv(database, id, out)
            : writeAllocationRejectionsXlsx(database, id, out),
      });
    },
  );

  // GET and POST share one list; the region filter is accepted with or without dots.
  async function list(
    actor: Actor,
    params: z.output<typeof ProgramPeriodParams>,
    query: z.output<typeof AllocationSearchBody>,
  ) {
    const { regionCode, ...rest } = query;
    const canonical = regionCode ? (await regions.get(regionCode)).code : undefined;
    return allocations.list(actor, params.program, params.period, { ...rest, regionCode: canonical });
  }

  app.get(
    `${base}/allocations`,
    {
      schema: {
        tags: ['allocations'],
        summary:
          'Baris alokasi satu periode dalam wilayah Anda (NIK tersamar); cari NIK lewat POST …/allocations/search',
        params: ProgramPeriodParams,
        querystring: AllocationListQuery,
        response: { 200: AllocationList, ...errorResponses },
      },
    },
    async (request) => {
      if (request.query.name && /\d{6,}/.test(request.query.name)) {
        throw new ValidationError(
          'IDENTIFIER_IN_URL',
          'NIK/KK tidak boleh dikirim di alamat (URL): gunakan POST …/allocations/search.',
        );
      }
      return list(requireActor(request), request.params, request.query);
    },
  );

  // The same list with the filters in the body: a NIK must never travel in a URL.
  app.post(
    `${base}/allocations/search`,
    {
      schema: {
        tags: ['allocations'],
        summary: 'Cari baris alokasi (NIK lengkap, nama, tanda, penyalur, wilayah) dalam wilayah Anda',
        params: ProgramPeriodParams,
        body: AllocationSearchBody,
        response: { 200: AllocationList, ...errorResponses },
      },
    },
    async (request) => list(requireActor(request), request.params, request.body),
  );

  app.get(
    '/api/allocations/:id',
    {
      schema: {
        tags: ['allocations'],
        summary: 'Satu baris alokasi dengan perhitungan haknya (setiap tampilan dicatat di audit)',
        params: IdParams,
        response: { 200: AllocationDetail, ...errorResponses },
      },
    },
    async (request) => allocations.get(requireActor(request), request.params.id),
  );
};
