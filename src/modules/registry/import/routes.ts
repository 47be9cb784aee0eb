import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authorize } from '../../../platform/auth/actor';
import { mapHeaders } from '../../../platform/files/header-map';
import { openTabular } from '../../../platform/files/tabular';
import { saveUpload, uploadPath } from '../../../platform/files/uploads';
import { requireActor } from '../../../platform/http/auth-hook';
import {
  MAX_UPLOAD_BYTES,
  REJECTED_PRODUCES,
  RejectedFormat,
  sendRejectedRows,
} from '../../../platform/http/file-import';
import { errorResponses, IdParams } from '../../../platform/http/schemas';
import type { Services } from '../../../platform/services';
import { JobSchema, presentJob } from '../../jobs/schemas';
import { writeErrorReportCsv, writeErrorReportXlsx } from './error-report';
import { DTSEN_REQUIRED_COLUMNS, DTSEN_SYNONYMS } from './fields';
import { ImportSummarySchema, StartImportBody, UploadPreview, UploadQuery } from './schemas';

export const registryImportRoutes: FastifyPluginAsyncZod<{ services: Services }> = async (
  app,
  { services },
) => {
  const { config, jobs, audit, database } = services;

  app.post(
    '/api/registry/uploads',
    {
      bodyLimit: MAX_UPLOAD_BYTES,
      schema: {
        tags: ['registry'],
        summary:
          'Unggah berkas DTSEN/DTKS (isi mentah, application/octet-stream); balasan: judul kolom dan pemetaannya',
        querystring: UploadQuery,
        response: { 201: UploadPreview, ...errorResponses },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      authorize(actor, 'registry.import');
      const upload = await saveUpload(
        config.filesDir,
        request.body as NodeJS.ReadableStream,
        request.query.fileName,
      );
      const file = await openTabular(upload.path, { sheet: request.query.sheet });
      const mapping = mapHeaders(file.headers, DTSEN_SYNONYMS);
      const byIndex = new Map(
        Object.entries(mapping.columns).map(([field, index]) => [index as number, field]),
      );
      reply.status(201);
      return {
        uploadId: upload.id,
        fileName: request.query.fileName,
        format: file.format,
        bytes: upload.bytes,
        headers: file.headers,
        mapping: file.headers.map((header, i) => ({ header, field: (byIndex.get(i) ?? null) as never })),
        missingRequired: DTSEN_REQUIRED_COLUMNS.filter((f) => mapping.columns[f] === undefined),
      };
    },
  );

  app.post(
    '/api/registry/imports',
    {
      schema: {
        tags: ['registry'],
        summary:
          'Mulai impor dari berkas yang sudah diunggah, sebagai pekerjaan; ikuti kemajuannya lewat /api/jobs/{id}/events',
        body: StartImportBody,
        response: { 202: JobSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      authorize(actor, 'registry.import');
      const filePath = uploadPath(config.filesDir, request.body.uploadId);
      const { mapping, ...rest } = request.body;
      const map = mapping.map((m) => `${m.header}=${m.field}`);
      // Edition, columns and mapping are checked now, so a bad start is a 400 rather than a failed job.
      await services.registryImport.checkImport(actor, {
        filePath,
        edition: rest.edition,
        sheet: rest.sheet,
        map,
      });
      const job = await jobs.enqueue(actor, 'registry.import', { ...rest, map, actor }, { maxAttempts: 2 });
      reply.status(202);
      return presentJob(job);
    },
  );

  app.get(
    '/api/registry/imports',
    {
      schema: {
        tags: ['registry'],
        summary: 'Riwayat impor DTSEN/DTKS',
        response: { 200: z.object({ items: z.array(ImportSummarySchema) }), ...errorResponses },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      authorize(actor, 'registry.read');
      const rows = await database.db
        .selectFrom('registry_import')
        .selectAll()
        .orderBy('id', 'desc')
        .limit(100)
        .execute();
      return {
        items: rows.map((r) => ({
          id: r.id,
          kind: r.kind,
          edition: r.edition,
          fileName: r.file_name,
          rowsRead: r.rows_read,
          accepted: r.accepted,
          rejected: r.rejected,
          summary: r.summary,
          createdBy: r.created_by_name,
          startedAt: r.started_at.toISOString(),
          finishedAt: r.finished_at.toISOString(),
        })),
      };
    },
  );

  app.get(
    '/api/registry/imports/:id/rejected.:format',
    {
      schema: {
        tags: ['registry'],
        summary: 'Laporan baris yang ditolak (CSV atau XLSX), siap dikirim kembali ke pembuat berkas',
        params: IdParams.extend({ format: RejectedFormat }),
        produces: REJECTED_PRODUCES,
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      authorize(actor, 'registry.import');
      const { id, format } = request.params;
      const row = await database.db
        .selectFrom('registry_import')
        .select(['id', 'file_name'])
        .where('id', '=', id)
        .executeTakeFirst();
      if (!row)
        return reply
          .status(404)
          .send({ error: { code: 'NOT_FOUND', message: 'Impor tidak ditemukan.', requestId: request.id } });
      await sendRejectedRows(reply, audit, actor, {
        requestId: request.id,
        entityType: 'registry_import',
        id,
        format,
        fileName: row.file_name,
        write: (out) =>
          format === 'csv' ? writeErrorReportCsv(database, id, out) : writeErrorReportXlsx(database, id, out),
      });
    },
  );
};
