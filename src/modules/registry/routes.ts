import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requireActor } from '../../platform/http/auth-hook';
import { errorResponses, IdParams } from '../../platform/http/schemas';
import type { Services } from '../../platform/services';
import { HouseholdDetail, HouseholdList, HouseholdListQuery } from './schemas';

export const registryRoutes: FastifyPluginAsyncZod<{ services: Services }> = async (app, { services }) => {
  const { registry, regions } = services;

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
      const { regionCode, ...rest } = request.query;
      const canonical = regionCode ? (await regions.get(regionCode)).code : undefined;
      return registry.listHouseholds(actor, { ...rest, regionCode: canonical });
    },
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
