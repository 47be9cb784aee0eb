import { PassThrough, Readable, Transform } from 'node:stream';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError, ValidationError } from '../../platform/errors';
import { requireActor } from '../../platform/http/auth-hook';
import { ErrorResponse, errorResponses, IdParams } from '../../platform/http/schemas';
import { redactError } from '../../platform/redact';
import type { Services } from '../../platform/services';
import { JobSchema, presentJob } from '../jobs/schemas';
import {
  SyncCheckDetail,
  SyncCheckItem,
  SyncCheckItemList,
  SyncCheckList,
  SyncItemFilter,
  SyncItemParams,
  SyncItemsQuery,
  SyncUploadQuery,
} from './schemas';

const UPLOAD_LIMIT = 512 * 1024 * 1024;
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export const syncRoutes: FastifyPluginAsyncZod<{ services: Services }> = async (app, { services }) => {
  const { sync, regions } = services;

  // The extract arrives as the raw request body and is streamed to disk, never buffered whole.
  if (!app.hasContentTypeParser('application/octet-stream')) {
    app.addContentTypeParser('application/octet-stream', (_request, payload, done) => done(null, payload));
  }

  const canonicalRegion = async (code: string | undefined) =>
    code ? (await regions.get(code)).code : undefined;

  app.post(
    '/api/sync-checks',
    {
      bodyLimit: UPLOAD_LIMIT,
      schema: {
        tags: ['sync'],
        summary: 'Unggah berkas pusat (DTSEN) dan mulai cek sinkron sebagai pekerjaan (admin Dinsos)',
        description:
          'Isi permintaan adalah berkas .csv/.xlsx itu sendiri (Content-Type: application/octet-stream, maks. 512 MB). ' +
          'Ikuti kemajuannya di /api/jobs/{id}/events; hasilnya memuat checkId.',
        consumes: ['application/octet-stream'],
        querystring: SyncUploadQuery,
        body: z.unknown().describe('Berkas .csv atau .xlsx (biner)'),
        response: { 202: JobSchema, ...errorResponses, 413: ErrorResponse, 415: ErrorResponse },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const { fileName, sheet, map } = request.query;
      const job = await sync.startCheck(actor, {
        body: limited(request.body, UPLOAD_LIMIT),
        fileName,
        sheet,
        map: map ? map.split(',') : [],
      });
      reply.status(202);
      return presentJob(job);
    },
  );

  app.get(
    '/api/sync-checks',
    {
      schema: {
        tags: ['sync'],
        summary: 'Cek sinkron terbaru, dengan jumlah per status dalam wilayah Anda',
        response: { 200: SyncCheckList, ...errorResponses },
      },
    },
    async (request) => ({ items: await sync.list(requireActor(request)) }),
  );

  app.get(
    '/api/sync-checks/:id',
    {
      schema: {
        tags: ['sync'],
        summary: 'Ringkasan satu cek sinkron per kecamatan dan desa/kelurahan dalam wilayah Anda',
        params: IdParams,
        response: { 200: SyncCheckDetail, ...errorResponses },
      },
    },
    async (request) => sync.get(requireActor(request), request.params.id),
  );

  app.get(
    '/api/sync-checks/:id/items',
    {
      schema: {
        tags: ['sync'],
        summary: 'Daftar penduduk dengan status sinkron dan bidang yang berbeda (NIK tersamar)',
        params: IdParams,
        querystring: SyncItemsQuery,
        response: { 200: SyncCheckItemList, ...errorResponses },
      },
    },
    async (request) => {
      const { regionCode, ...rest } = request.query;
      return sync.items(requireActor(request), request.params.id, {
        ...rest,
        regionCode: await canonicalRegion(regionCode),
      });
    },
  );

  app.get(
    '/api/sync-checks/:id/items/:itemId',
    {
      schema: {
        tags: ['sync'],
        summary: 'Satu data cek sinkron (NIK lengkap sesuai peran; setiap tampilan dicatat di audit)',
        params: SyncItemParams,
        response: { 200: SyncCheckItem, ...errorResponses },
      },
    },
    async (request) => sync.item(requireActor(request), request.params.id, request.params.itemId),
  );

  app.get(
    '/api/sync-checks/:id/export.xlsx',
    {
      schema: {
        tags: ['sync'],
        summary: 'Unduh ringkasan dan daftar sebagai .xlsx (dalam wilayah Anda; dicatat di audit)',
        params: IdParams,
        querystring: SyncItemFilter,
        produces: [XLSX],
        response: { 200: z.unknown().describe('Berkas .xlsx (biner)'), ...errorResponses },
      },
    },
    async (request, reply) => {
      const { regionCode, status } = request.query;
      const exporter = await sync.openExport(requireActor(request), request.params.id, {
        status,
        regionCode: await canonicalRegion(regionCode),
      });
      const out = new PassThrough();
      exporter.write(out).catch((error: unknown) => {
        request.log.error({ err: redactError(error) }, 'sync export failed');
        out.destroy(error as Error);
      });
      return reply
        .header('content-type', XLSX)
        .header('content-disposition', `attachment; filename="${exporter.fileName}"`)
        .send(out);
    },
  );
};

/**
 * The body as a stream that fails past `max` bytes. A stream body is not counted by Fastify's
 * bodyLimit (only parsers that buffer are), so the limit is enforced here while it is written.
 */
function limited(body: unknown, max: number): NodeJS.ReadableStream {
  if (body === undefined || body === null) throw new ValidationError('FILE_EMPTY', 'Berkas kosong.');
  const source = Buffer.isBuffer(body) ? Readable.from([body]) : body;
  if (!(source instanceof Readable)) {
    throw new AppError(
      'UNSUPPORTED_MEDIA_TYPE',
      'Kirim berkas sebagai application/octet-stream (isi berkas apa adanya).',
      415,
    );
  }
  let bytes = 0;
  const limiter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      bytes += chunk.length;
      if (bytes > max)
        callback(new AppError('FILE_TOO_LARGE', 'Berkas melebihi batas 512 MB; pecah per kecamatan.', 413));
      else callback(null, chunk);
    },
  });
  source.on('error', (error) => limiter.destroy(error));
  return source.pipe(limiter);
}
