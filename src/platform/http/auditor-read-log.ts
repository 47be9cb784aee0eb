import type { FastifyInstance } from 'fastify';
import type { Services } from '../services';

/**
 * DOMAIN.md: the auditor role is read-only over the whole scope and "every read is logged".
 * Each successful API read by an auditor is appended to the audit log (path and query keys,
 * never query values: they may hold a NIK).
 */
export function registerAuditorReadLog(app: FastifyInstance, services: Services): void {
  app.addHook('onSend', async (request, reply, payload) => {
    const actor = request.actor;
    if (actor?.role !== 'auditor' || request.method !== 'GET' || reply.statusCode >= 400) return payload;
    if (!request.url.startsWith('/api/') || request.url.startsWith('/api/auth/')) return payload;
    const query = (request.query ?? {}) as Record<string, unknown>;
    await services.audit
      .recordNow(actor, {
        action: 'auditor.read',
        details: {
          route: request.routeOptions.url ?? null,
          params: request.params,
          queryKeys: Object.keys(query),
        },
      })
      .catch((error) => request.log.error({ err: error }, 'could not log an auditor read'));
    // Logged before the answer leaves: a read the log does not have never reached the auditor.
    return payload;
  });
}
