import type { FastifyInstance } from 'fastify';
import type { Services } from '../services';
import { READ_ONLY_POSTS } from './auth-hook';

/**
 * DOMAIN.md: the auditor role is read-only over the whole scope and "every read is logged".
 * Each successful API read by an auditor (GETs, and the POSTs that only search or check) is
 * appended to the audit log: route, path parameters and query/body keys — never their values,
 * which may hold a NIK. Logged before the answer leaves; if it cannot be logged, the auditor
 * gets an error instead of the data.
 */
export function registerAuditorReadLog(app: FastifyInstance, services: Services): void {
  app.addHook('onSend', async (request, reply, payload) => {
    const actor = request.actor;
    if (actor?.role !== 'auditor' || reply.statusCode >= 400 || !request.url.startsWith('/api/'))
      return payload;
    const route = request.routeOptions.url ?? null;
    const isRead =
      request.method === 'GET' || (request.method === 'POST' && route !== null && READ_ONLY_POSTS.has(route));
    if (!isRead || request.url.startsWith('/api/auth/')) return payload;
    await services.audit.recordNow(actor, {
      action: 'auditor.read',
      details: {
        route,
        method: request.method,
        params: request.params,
        queryKeys: Object.keys((request.query ?? {}) as Record<string, unknown>),
        bodyKeys:
          request.method === 'POST' && request.body && typeof request.body === 'object'
            ? Object.keys(request.body)
            : [],
      },
    });
    return payload;
  });
}
