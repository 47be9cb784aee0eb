import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../../platform/http/auth-hook';
import { errorResponses, RegionCodeText } from '../../platform/http/schemas';
import type { Services } from '../../platform/services';

export const RegionSchema = z
  .object({
    code: z.string().describe('Kode kanonik tanpa titik'),
    parentCode: z.string().nullable(),
    level: z.enum(['provinsi', 'kabupaten', 'kecamatan', 'desa']),
    name: z.string(),
    retired: z.boolean(),
  })
  .meta({ id: 'Region' });

const RegionList = z.object({ items: z.array(RegionSchema) }).meta({ id: 'RegionList' });

export const regionsRoutes: FastifyPluginAsyncZod<{ services: Services }> = async (app, { services }) => {
  const { regions } = services;

  app.get(
    '/api/regions',
    {
      schema: {
        tags: ['regions'],
        summary: 'Cari wilayah menurut nama (q), atau daftar provinsi bila q kosong',
        querystring: z.object({
          q: z.string().trim().min(2).max(80).optional(),
          within: RegionCodeText.optional().describe('Batasi pencarian di dalam wilayah ini'),
          limit: z.coerce.number().int().min(1).max(100).default(20),
        }),
        response: { 200: RegionList, ...errorResponses },
      },
    },
    async (request) => {
      requireActor(request);
      const { q, within, limit } = request.query;
      return { items: q ? await regions.search(q, within, limit) : await regions.children(null) };
    },
  );

  app.get(
    '/api/regions/office',
    {
      schema: {
        tags: ['regions'],
        summary: 'Kabupaten/kota kantor ini',
        response: { 200: RegionSchema, ...errorResponses },
      },
    },
    async (request) => {
      requireActor(request);
      return regions.office();
    },
  );

  app.get(
    '/api/regions/:code',
    {
      schema: {
        tags: ['regions'],
        summary: 'Satu wilayah beserta induknya',
        params: z.object({ code: RegionCodeText }),
        response: { 200: RegionSchema.extend({ path: z.array(RegionSchema) }), ...errorResponses },
      },
    },
    async (request) => {
      requireActor(request);
      const region = await regions.get(request.params.code);
      return { ...region, path: await regions.path(region.code) };
    },
  );

  app.get(
    '/api/regions/:code/children',
    {
      schema: {
        tags: ['regions'],
        summary: 'Wilayah di bawah kode ini (kabupaten → kecamatan → desa/kelurahan)',
        params: z.object({ code: RegionCodeText }),
        response: { 200: RegionList, ...errorResponses },
      },
    },
    async (request) => {
      requireActor(request);
      return { items: await regions.children(request.params.code) };
    },
  );
};
