import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authorize } from '../../platform/auth/actor';
import { requireActor } from '../../platform/http/auth-hook';
import { errorResponses, PageQuery } from '../../platform/http/schemas';
import type { Services } from '../../platform/services';
import { QUALITY_CATEGORIES } from './quality-repository';

const Category = z.enum(QUALITY_CATEGORIES).meta({ id: 'QualityCategory' });

const QualityItem = z
  .discriminatedUnion('kind', [
    z.object({
      kind: z.literal('person'),
      personId: z.number().int(),
      nik: z.string(),
      name: z.string(),
      birthDate: z.string().nullable(),
      status: z.string(),
      regionCode: z.string(),
      householdId: z.number().int().nullable(),
      nikWarnings: z.array(z.string()),
      absentSinceEdition: z.string().nullable(),
    }),
    z.object({
      kind: z.literal('group'),
      name: z.string(),
      birthDate: z.string().nullable(),
      persons: z.array(
        z.object({
          personId: z.number().int(),
          nik: z.string(),
          name: z.string(),
          regionCode: z.string(),
          householdId: z.number().int().nullable(),
          status: z.string(),
        }),
      ),
    }),
    z.object({
      kind: z.literal('household'),
      householdId: z.number().int(),
      kk: z.string(),
      regionCode: z.string(),
      memberCount: z.number().int(),
    }),
  ])
  .meta({ id: 'QualityItem' });

export const qualityRoutes: FastifyPluginAsyncZod<{ services: Services }> = async (app, { services }) => {
  const { quality } = services;

  app.get(
    '/api/registry/quality',
    {
      schema: {
        tags: ['registry'],
        summary: 'Ringkasan kualitas data registri di wilayah Anda',
        response: {
          200: z.object({ counts: z.record(Category, z.number().int()) }).meta({ id: 'QualityCounts' }),
          ...errorResponses,
        },
      },
    },
    async (request) => ({ counts: await quality.counts(requireActor(request)) }),
  );

  app.get(
    '/api/registry/quality/:category',
    {
      schema: {
        tags: ['registry'],
        summary: 'Daftar temuan satu kategori kualitas data (NIK/KK tersamar)',
        params: z.object({ category: Category }),
        querystring: PageQuery,
        response: {
          200: z.object({ items: z.array(QualityItem), total: z.number().int() }),
          ...errorResponses,
        },
      },
    },
    async (request) =>
      quality.list(
        requireActor(request),
        request.params.category,
        request.query.page,
        request.query.pageSize,
      ),
  );

  app.get(
    '/api/registry/quality/:category/export.xlsx',
    {
      schema: {
        tags: ['registry'],
        summary: 'Unduh daftar temuan sebagai XLSX (dicatat di audit)',
        params: z.object({ category: Category }),
        produces: ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      authorize(actor, 'registry.read');
      reply.hijack();
      reply.raw.writeHead(200, {
        'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        'content-disposition': `attachment; filename="kualitas-${request.params.category}.xlsx"`,
        'x-request-id': request.id,
      });
      await quality.exportXlsx(actor, request.params.category, reply.raw);
    },
  );
};
