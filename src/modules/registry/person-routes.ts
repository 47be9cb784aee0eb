import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../../platform/http/auth-hook';
import { errorResponses, IdParams } from '../../platform/http/schemas';
import type { Services } from '../../platform/services';

const PersonHit = z
  .object({
    id: z.number().int(),
    nikMasked: z.string(),
    kkMasked: z.string().nullable(),
    name: z.string(),
    birthDate: z.string().nullable(),
    sex: z.enum(['L', 'P']).nullable(),
    status: z.string(),
    regionCode: z.string(),
    householdId: z.number().int().nullable(),
  })
  .meta({ id: 'PersonHit' });

const PersonRecord = z
  .object({
    id: z.number().int(),
    nik: z.string(),
    name: z.string(),
    birthPlace: z.string().nullable(),
    birthDate: z.string().nullable(),
    sex: z.enum(['L', 'P']).nullable(),
    relationship: z.string().nullable(),
    motherName: z.string().nullable(),
    status: z.string(),
    deathDate: z.string().nullable(),
    regionCode: z.string(),
    idDtsen: z.string().nullable(),
    idDtks: z.string().nullable(),
    lastSeenEdition: z.string().nullable(),
    absentSinceEdition: z.string().nullable(),
    nikWarnings: z.array(z.string()),
    household: z
      .object({
        id: z.number().int(),
        kk: z.string(),
        regionCode: z.string(),
        address: z.string().nullable(),
        rt: z.string().nullable(),
        rw: z.string().nullable(),
      })
      .nullable(),
    kkHistory: z.array(z.object({ kk: z.string(), validFrom: z.string(), validTo: z.string().nullable() })),
    history: z.array(
      z.object({
        id: z.number().int(),
        at: z.string(),
        change: z.enum(['INSERT', 'UPDATE', 'ABSENT', 'RETURNED']),
        fields: z.unknown().describe('Bidang yang berubah: { bidang: [sebelum, sesudah] }'),
        source: z.union([
          z.object({
            kind: z.literal('import'),
            importId: z.number().int(),
            edition: z.string().nullable(),
            fileName: z.string().nullable(),
          }),
          z.object({ kind: z.literal('user'), username: z.string().nullable() }),
        ]),
      }),
    ),
  })
  .meta({ id: 'PersonRecord' });

export const personRoutes: FastifyPluginAsyncZod<{ services: Services }> = async (app, { services }) => {
  const { persons } = services;

  // POST, not GET: the search text may be a NIK or KK, which must never appear in a URL.
  app.post(
    '/api/persons/search',
    {
      schema: {
        tags: ['registry'],
        summary:
          'Cari penduduk menurut NIK/KK lengkap atau nama (mirip), dalam wilayah Anda; NIK/KK tersamar',
        body: z
          .object({ q: z.string().max(80), limit: z.number().int().min(1).max(100).default(50) })
          .meta({ id: 'PersonSearchBody' }),
        response: { 200: z.object({ items: z.array(PersonHit) }), ...errorResponses },
      },
    },
    async (request) => ({ items: await persons.search(requireActor(request), request.body) }),
  );

  app.get(
    '/api/persons/:id',
    {
      schema: {
        tags: ['registry'],
        summary:
          'Data lengkap satu penduduk dengan riwayat perubahan dan riwayat KK (tampilan dicatat di audit)',
        params: IdParams,
        response: { 200: PersonRecord, ...errorResponses },
      },
    },
    async (request) => persons.get(requireActor(request), request.params.id),
  );
};
