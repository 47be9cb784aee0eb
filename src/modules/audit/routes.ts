import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authorize } from '../../platform/auth/actor';
import { requireActor } from '../../platform/http/auth-hook';
import { errorResponses } from '../../platform/http/schemas';
import type { Services } from '../../platform/services';
import { JobSchema, presentJob } from '../jobs/schemas';

const AuditEntrySchema = z
  .object({
    id: z.number().int(),
    at: z.string(),
    actorUserId: z.number().int().nullable(),
    actorUsername: z.string().nullable(),
    actorRole: z.string().nullable(),
    action: z.string(),
    entityType: z.string().nullable(),
    entityId: z.string().nullable(),
    regionCode: z.string().nullable(),
    requestId: z.string().nullable(),
    before: z.unknown(),
    after: z.unknown(),
    details: z.unknown(),
    hash: z.string(),
  })
  .meta({ id: 'AuditEntry' });

export const auditRoutes: FastifyPluginAsyncZod<{ services: Services }> = async (app, { services }) => {
  const { audit, jobs } = services;

  app.get(
    '/api/audit',
    {
      schema: {
        tags: ['audit'],
        summary: 'Jejak audit, terbaru dahulu (admin Dinsos, auditor)',
        querystring: z.object({
          actorUserId: z.coerce.number().int().optional(),
          action: z.string().max(60).optional(),
          entityType: z.string().max(40).optional(),
          entityId: z.string().max(40).optional(),
          from: z.iso.date().optional(),
          to: z.iso.date().optional().describe('Exclusive'),
          beforeId: z.coerce.number().int().optional().describe('Keyset: entries older than this id'),
          limit: z.coerce.number().int().min(1).max(200).default(50),
        }),
        response: {
          200: z.object({ items: z.array(AuditEntrySchema), nextBeforeId: z.number().int().nullable() }),
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const q = request.query;
      const rows = await audit.list(requireActor(request), {
        ...q,
        from: q.from ? new Date(`${q.from}T00:00:00Z`) : undefined,
        to: q.to ? new Date(`${q.to}T00:00:00Z`) : undefined,
      });
      return {
        items: rows.map((row) => ({
          id: row.id,
          at: row.at.toISOString(),
          actorUserId: row.actor_user_id,
          actorUsername: row.actor_username,
          actorRole: row.actor_role,
          action: row.action,
          entityType: row.entity_type,
          entityId: row.entity_id,
          regionCode: row.region_code,
          requestId: row.request_id,
          before: row.before,
          after: row.after,
          details: row.details,
          hash: row.hash,
        })),
        nextBeforeId: rows.length === q.limit ? (rows.at(-1)?.id ?? null) : null,
      };
    },
  );

  app.post(
    '/api/audit/verify',
    {
      schema: {
        tags: ['audit'],
        summary:
          'Mulai pemeriksaan rantai hash audit sebagai pekerjaan (job); ikuti kemajuannya lewat /api/jobs/{id}/events',
        response: { 202: JobSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      authorize(actor, 'audit.read');
      const job = await jobs.enqueue(actor, 'audit.verify', {}, { maxAttempts: 1 });
      reply.status(202);
      return presentJob(job);
    },
  );
};
