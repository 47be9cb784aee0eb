import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import { ValidationError } from '../../platform/errors';
import { requireActor } from '../../platform/http/auth-hook';
import { errorResponses, IdParams } from '../../platform/http/schemas';
import type { Services } from '../../platform/services';
import { HouseholdDetail, HouseholdList, HouseholdListQuery } from './schemas';

export const registryRoutes: FastifyPluginAsyncZod<{ services: Services }> = async (app, { services }) => {
  const { registry, regions } = services;

  // GET and POST share one list; the region filter is accepted with or without dots.
  async function list(actor: ReturnType<typeof requireActor>, query: z.output<typeof HouseholdListQuery>) {
    const { regionCode, ...rest } = query;
    const canonical = regionCode ? (await regions.get(regionCode)).code : undefined;
    return registry.listHouseholds(actor, { ...rest, regionCode: canonical });
  }

  app.get(
    '/api/households',
    {
      schema: {
        tags: ['registry'],
        summary: 'Daftar keluarga dalam wilayah Anda (NIK/KK tersamar)',
        querystring: HouseholdListQuery,
        response: { 200: HouseholdList, ...errorResponses },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      if (request.query.q && /\d{6,}/.test(request.query.q)) {
        throw new ValidationError(
          'IDENTIFIER_IN_URL',
          'NIK/KK tidak boleh dikirim di alamat (URL): gunakan POST /api/households/search.',
        );
      }
      return list(actor, request.query);
    },
  );

  // The same list with the search text in the body: a NIK or KK must never travel in a URL.
  app.post(
    '/api/households/search',
    {
      schema: {
        tags: ['registry'],
        summary: 'Cari keluarga (NIK/KK lengkap atau nama anggota) dalam wilayah Anda; NIK/KK tersamar',
        body: HouseholdListQuery,
        response: { 200: HouseholdList, ...errorResponses },
      },
    },
    async (request) => list(requireActor(request), request.body),
  );

  app.get(
    '/api/households/:id',
    {
      schema: {
        tags: ['registry'],
        summary: 'Data lengkap satu keluarga (setiap tampilan dicatat di audit)',
        params: IdParams,
        response: { 200: HouseholdDetail, ...errorResponses },
      },
    },
    async (request) => registry.getHousehold(requireActor(request), request.params.id),
  );
};
