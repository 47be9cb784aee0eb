import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { SessionInfo } from '../../modules/auth/service';
import type { Actor } from '../auth/actor';
import { isReadOnly } from '../auth/actor';
import { safeEqual } from '../auth/secrets';
import { ForbiddenError, UnauthenticatedError } from '../errors';
import type { Services } from '../services';

export const SESSION_COOKIE = 'salur_session';
export const CSRF_HEADER = 'x-csrf-token';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
    session: SessionInfo | null;
    sessionToken: string | null;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
// Paths a logged-out browser may change: login itself (it creates the session).
const CSRF_EXEMPT = new Set(['/api/auth/login']);
// POSTs that change nothing (they start a check or carry a search in the body, not the URL),
// as route patterns.
export const READ_ONLY_POSTS = new Set([
  '/api/audit/verify',
  '/api/persons/search',
  '/api/households/search',
  '/api/programs/:program/periods/:period/allocations/search',
]);

/**
 * Who is calling: a session cookie (browser) or `Authorization: Bearer salur_…` (machine
 * clients). Cookie-authenticated changes need the session's CSRF token in X-CSRF-Token;
 * token-authenticated ones do not (no ambient credential to forge).
 */
export function registerAuthHook(app: FastifyInstance, services: Services): void {
  app.decorateRequest('actor', null);
  app.decorateRequest('session', null);
  app.decorateRequest('sessionToken', null);

  app.addHook('onRequest', async (request) => {
    if (!request.url.startsWith('/api/')) return;
    const authorization = request.headers.authorization;
    if (authorization?.startsWith('Bearer ')) {
      const actor = await services.auth.actorFromApiToken(authorization.slice(7).trim(), request.id);
      if (!actor)
        throw new UnauthenticatedError(
          'TOKEN_INVALID',
          'Token API tidak dikenal, dicabut, atau kedaluwarsa.',
        );
      request.actor = actor;
    } else {
      const token = request.cookies[SESSION_COOKIE];
      if (token) {
        const session = await services.auth.sessionFromToken(token, request.id);
        if (session) {
          request.session = session;
          request.sessionToken = token;
          request.actor = session.actor;
        }
      }
      if (!SAFE_METHODS.has(request.method) && request.session && !CSRF_EXEMPT.has(routePath(request))) {
        const sent = request.headers[CSRF_HEADER];
        if (typeof sent !== 'string' || !safeEqual(sent, request.session.csrfToken)) {
          throw new ForbiddenError(
            'CSRF_INVALID',
            'Token CSRF tidak ada atau tidak cocok. Muat ulang halaman lalu coba lagi.',
          );
        }
      }
    }
    if (
      request.actor &&
      isReadOnly(request.actor.role) &&
      !SAFE_METHODS.has(request.method) &&
      !isAccountPath(request) &&
      // The route's pattern, not the URL: a search under a programme period has parameters.
      !READ_ONLY_POSTS.has(request.routeOptions.url ?? routePath(request))
    ) {
      throw new ForbiddenError('READ_ONLY_ROLE', 'Peran auditor hanya dapat membaca data.');
    }
    // A password set by someone else (first admin, reset) must be replaced before any other work.
    if (request.session?.mustChangePassword && !isAccountPath(request)) {
      throw new ForbiddenError(
        'PASSWORD_CHANGE_REQUIRED',
        'Ganti kata sandi sementara Anda terlebih dahulu (menu Akun).',
      );
    }
  });
}

/** The actor of an authenticated request, or 401 with a clear message. */
export function requireActor(request: FastifyRequest): Actor {
  if (!request.actor) {
    const hadCookie = Boolean(request.cookies[SESSION_COOKIE]);
    throw hadCookie
      ? new UnauthenticatedError('SESSION_EXPIRED', 'Sesi Anda sudah berakhir. Silakan masuk kembali.')
      : new UnauthenticatedError();
  }
  return request.actor;
}

function routePath(request: FastifyRequest): string {
  return request.url.split('?')[0] ?? request.url;
}

// An auditor may still log in and out and change their own password.
function isAccountPath(request: FastifyRequest): boolean {
  return routePath(request).startsWith('/api/auth/');
}
