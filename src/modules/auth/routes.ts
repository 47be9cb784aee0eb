import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Actor } from '../../platform/auth/actor';
import { requireActor, SESSION_COOKIE } from '../../platform/http/auth-hook';
import { errorResponses, IdParams, iso, OkResponse } from '../../platform/http/schemas';
import type { Services } from '../../platform/services';
import {
  ApiTokenInfo,
  ChangePasswordBody,
  CreateApiTokenBody,
  CreatedApiToken,
  LoginBody,
  SessionResponse,
} from './schemas';
import type { SessionInfo } from './service';

export const authRoutes: FastifyPluginAsyncZod<{ services: Services }> = async (app, { services }) => {
  const { auth, regions, config } = services;

  async function presentSession(session: SessionInfo) {
    const region = await regions.get(session.actor.regionCode);
    return {
      user: presentUser(session.actor, region.name, region.level, session.mustChangePassword),
      csrfToken: session.csrfToken,
      expiresAt: session.expiresAt.toISOString(),
    };
  }

  app.post(
    '/api/auth/login',
    {
      schema: {
        tags: ['auth'],
        summary: 'Masuk dengan nama pengguna dan kata sandi; memasang cookie sesi',
        body: LoginBody,
        response: { 200: SessionResponse, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { token, session } = await auth.login({
        ...request.body,
        clientIp: request.ip,
        requestId: request.id,
      });
      reply.setCookie(SESSION_COOKIE, token, {
        path: '/',
        httpOnly: true,
        sameSite: 'strict',
        secure: config.secureCookies,
        expires: session.expiresAt,
      });
      return presentSession(session);
    },
  );

  app.post(
    '/api/auth/logout',
    {
      schema: {
        tags: ['auth'],
        summary: 'Keluar (mengakhiri sesi)',
        response: { 200: OkResponse, ...errorResponses },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      if (request.sessionToken) await auth.logout(request.sessionToken, actor);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return { ok: true as const };
    },
  );

  app.get(
    '/api/auth/me',
    {
      schema: {
        tags: ['auth'],
        summary: 'Pengguna dan sesi saat ini',
        response: { 200: SessionResponse, ...errorResponses },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      if (request.session) return presentSession(request.session);
      const region = await regions.get(actor.regionCode);
      return { user: presentUser(actor, region.name, region.level, false), csrfToken: '', expiresAt: '' };
    },
  );

  app.post(
    '/api/auth/password',
    {
      schema: {
        tags: ['auth'],
        summary: 'Ganti kata sandi sendiri; sesi lain pengguna ini diakhiri',
        body: ChangePasswordBody,
        response: { 200: OkResponse, ...errorResponses },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      await auth.changePassword(
        actor,
        request.sessionToken ?? undefined,
        request.body.currentPassword,
        request.body.newPassword,
      );
      return { ok: true as const };
    },
  );

  app.get(
    '/api/tokens',
    {
      schema: {
        tags: ['auth'],
        summary: 'Token API (milik sendiri; admin melihat semua)',
        response: { 200: z.object({ items: z.array(ApiTokenInfo) }), ...errorResponses },
      },
    },
    async (request) => {
      const rows = await auth.listApiTokens(requireActor(request));
      return { items: rows.map(presentToken) };
    },
  );

  app.post(
    '/api/tokens',
    {
      schema: {
        tags: ['auth'],
        summary: 'Buat token API untuk klien mesin; token ditampilkan sekali',
        body: CreateApiTokenBody,
        response: { 201: CreatedApiToken, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { token, info } = await auth.createApiToken(requireActor(request), request.body);
      reply.status(201);
      return { token, info: presentToken(info) };
    },
  );

  app.delete(
    '/api/tokens/:id',
    {
      schema: {
        tags: ['auth'],
        summary: 'Cabut token API',
        params: IdParams,
        response: { 200: OkResponse, ...errorResponses },
      },
    },
    async (request) => {
      await auth.revokeApiToken(requireActor(request), request.params.id);
      return { ok: true as const };
    },
  );
};

function presentUser(actor: Actor, regionName: string, regionLevel: string, mustChangePassword: boolean) {
  return {
    id: actor.userId,
    username: actor.username,
    fullName: actor.fullName,
    role: actor.role,
    regionCode: actor.regionCode,
    regionName,
    regionLevel,
    mustChangePassword,
  };
}

function presentToken(row: {
  id: number;
  user_id: number;
  username: string;
  name: string;
  token_prefix: string;
  created_at: Date;
  expires_at: Date | null;
  last_used_at: Date | null;
  revoked_at: Date | null;
}) {
  return {
    id: row.id,
    userId: row.user_id,
    username: row.username,
    name: row.name,
    tokenPrefix: row.token_prefix,
    createdAt: row.created_at.toISOString(),
    expiresAt: iso(row.expires_at),
    lastUsedAt: iso(row.last_used_at),
    revokedAt: iso(row.revoked_at),
  };
}
