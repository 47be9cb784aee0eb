import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { migrationLevel } from '../../db/migrate';
import type { Services } from '../services';

export const healthRoutes: FastifyPluginAsyncZod<{ services: Services }> = async (app, { services }) => {
  app.get(
    '/api/health',
    {
      schema: {
        tags: ['health'],
        summary: 'Kesehatan layanan: jenis database dan tingkat migrasi',
        security: [],
        response: {
          200: z
            .object({
              status: z.literal('ok'),
              database: z.enum(['pglite', 'postgres']),
              migration: z.number().int(),
              kabupaten: z.string(),
            })
            .meta({ id: 'Health' }),
        },
      },
    },
    async () => ({
      status: 'ok' as const,
      database: services.database.kind,
      migration: await migrationLevel(services.database),
      kabupaten: services.config.kabupatenCode,
    }),
  );
};
