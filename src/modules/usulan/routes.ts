import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../../platform/http/auth-hook';
import { ErrorResponse, errorResponses, IdParams } from '../../platform/http/schemas';
import type { Services } from '../../platform/services';
import { XLSX_MIME } from './batch-service';
import {
  EVIDENCE_TYPES,
  EvidenceTooLargeError,
  EvidenceTypeError,
  MAX_EVIDENCE_BYTES,
} from './evidence-file';
import { presentSummary } from './presenter';
import {
  BinaryBody,
  BinaryFile,
  CreateUsulanBody,
  DecisionBody,
  EvidenceParams,
  EvidenceQuery,
  UsulanBatch,
  UsulanBatchList,
  UsulanDetail,
  UsulanEvidence,
  UsulanList,
  UsulanListQuery,
} from './schemas';

/** Room above the 5 MB evidence limit, so an oversize file gets EVIDENCE_TOO_LARGE, not a bare 413. */
const EVIDENCE_BODY_LIMIT = 6 * 1024 * 1024;

const fileResponse = (description: string, types: readonly string[]) => ({
  description,
  content: Object.fromEntries(types.map((type) => [type, { schema: BinaryFile }])),
});

export const usulanRoutes: FastifyPluginAsyncZod<{ services: Services }> = async (app, { services }) => {
  const { usulan, regions } = services;

  // Evidence arrives as the raw file. Registered inside this plugin: other routes are unaffected.
  for (const type of EVIDENCE_TYPES) {
    if (!app.hasContentTypeParser(type)) {
      app.addContentTypeParser(
        type,
        { parseAs: 'buffer', bodyLimit: EVIDENCE_BODY_LIMIT },
        (_req, body, done) => done(null, body),
      );
    }
  }

  app.get(
    '/api/usulan',
    {
      schema: {
        tags: ['usulan'],
        summary: 'Daftar usulan ke pusat dalam wilayah Anda (NIK tersamar)',
        querystring: UsulanListQuery,
        response: { 200: UsulanList, ...errorResponses },
      },
    },
    async (request) => {
      const { regionCode, ...rest } = request.query;
      const canonical = regionCode ? (await regions.get(regionCode)).code : undefined;
      const { rows, total } = await usulan.list(requireActor(request), { ...rest, regionCode: canonical });
      return { items: rows.map(presentSummary), total };
    },
  );

  app.post(
    '/api/usulan',
    {
      schema: {
        tags: ['usulan'],
        summary:
          'Ajukan usulan: keluarga baru, perubahan data, hapus orang, atau hapus keluarga (operator desa/kelurahan, pendamping)',
        body: CreateUsulanBody,
        response: { 201: UsulanDetail, ...errorResponses },
      },
    },
    async (request, reply) => {
      const result = await usulan.create(requireActor(request), request.body);
      reply.status(201);
      return result;
    },
  );

  app.get(
    '/api/usulan/:id',
    {
      schema: {
        tags: ['usulan'],
        summary: 'Satu usulan dengan riwayat dan daftar bukti (setiap tampilan dicatat di audit)',
        params: IdParams,
        response: { 200: UsulanDetail, ...errorResponses },
      },
    },
    async (request) => usulan.get(requireActor(request), request.params.id),
  );

  app.post(
    '/api/usulan/:id/evidence',
    {
      bodyLimit: EVIDENCE_BODY_LIMIT,
      // A declared size over the limit is refused before the body is read.
      preParsing: async (request) => {
        const declared = Number(request.headers['content-length'] ?? 0);
        if (declared > MAX_EVIDENCE_BYTES) throw new EvidenceTooLargeError(declared);
      },
      schema: {
        tags: ['usulan'],
        summary:
          'Unggah bukti (isi mentah berkas; Content-Type image/jpeg, image/png atau application/pdf; maks. 5 MB; jenis diperiksa dari isi berkas)',
        params: IdParams,
        querystring: EvidenceQuery,
        consumes: [...EVIDENCE_TYPES],
        body: BinaryBody,
        response: { 201: UsulanEvidence, ...errorResponses, 413: ErrorResponse, 415: ErrorResponse },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const body: unknown = request.body;
      if (!Buffer.isBuffer(body)) throw new EvidenceTypeError();
      const result = await usulan.addEvidence(actor, request.params.id, {
        fileName: request.query.fileName,
        content: body,
      });
      reply.status(201);
      return result;
    },
  );

  app.get(
    '/api/usulan/evidence/:evidenceId',
    {
      schema: {
        tags: ['usulan'],
        summary: 'Unduh satu berkas bukti (dicatat di audit)',
        params: EvidenceParams,
        response: { 200: fileResponse('Berkas bukti', EVIDENCE_TYPES), ...errorResponses },
      },
    },
    async (request, reply) => {
      const file = await usulan.getEvidence(requireActor(request), request.params.evidenceId);
      return sendFile(reply, file.fileName, file.mimeType, file.content);
    },
  );

  app.post(
    '/api/usulan/:id/decision',
    {
      schema: {
        tags: ['usulan'],
        summary:
          'Setujui atau tolak usulan (operator kecamatan untuk DIAJUKAN, admin Dinsos untuk DISETUJUI_KECAMATAN)',
        params: IdParams,
        body: DecisionBody,
        response: { 200: UsulanDetail, ...errorResponses },
      },
    },
    async (request) => usulan.decide(requireActor(request), request.params.id, request.body),
  );

  app.post(
    '/api/usulan/batches',
    {
      schema: {
        tags: ['usulan'],
        summary:
          'Buat batch: semua usulan DISETUJUI_DINSOS menjadi DIKIRIM dalam satu berkas .xlsx untuk SIKS-NG',
        response: {
          201: UsulanBatch.extend({ byKind: z.record(z.string(), z.number().int()) }),
          ...errorResponses,
        },
      },
    },
    async (request, reply) => {
      const batch = await usulan.createBatch(requireActor(request));
      reply.status(201);
      return batch;
    },
  );

  app.get(
    '/api/usulan/batches',
    {
      schema: {
        tags: ['usulan'],
        summary: 'Batch usulan yang sudah dibuat, terbaru dahulu (admin Dinsos, auditor)',
        response: { 200: UsulanBatchList, ...errorResponses },
      },
    },
    async (request) => ({ items: await usulan.listBatches(requireActor(request)) }),
  );

  app.get(
    '/api/usulan/batches/:id/file',
    {
      schema: {
        tags: ['usulan'],
        summary:
          'Unduh berkas .xlsx satu batch, persis seperti saat dibuat (dicatat di audit sebagai ekspor)',
        params: IdParams,
        response: { 200: fileResponse('Berkas .xlsx untuk SIKS-NG', [XLSX_MIME]), ...errorResponses },
      },
    },
    async (request, reply) => {
      const file = await usulan.downloadBatch(requireActor(request), request.params.id);
      return sendFile(reply, file.fileName, XLSX_MIME, file.content);
    },
  );
};

/** A stored file as an attachment; the name is sent both as ASCII and as UTF-8 (RFC 6266). */
function sendFile(reply: FastifyReply, fileName: string, type: string, content: Buffer) {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return reply
    .header('content-type', type)
    .header(
      'content-disposition',
      `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
    )
    .header('x-content-type-options', 'nosniff')
    .header('content-security-policy', "default-src 'none'")
    .header('cache-control', 'private, no-store')
    .send(content);
}
