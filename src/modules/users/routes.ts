import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppUser } from '../../db/types';
import type { Role } from '../../platform/auth/actor';
import { requireActor } from '../../platform/http/auth-hook';
import { errorResponses, IdParams, iso, OkResponse } from '../../platform/http/schemas';
import type { Services } from '../../platform/services';
import {
  CreateUserBody,
  ResetPasswordBody,
  UpdateUserBody,
  UserList,
  UserListQuery,
  UserSummary,
} from './schemas';

export const usersRoutes: FastifyPluginAsyncZod<{ services: Services }> = async (app, { services }) => {
  const { users, clock } = services;
  const present = (user: Pick<AppUser, keyof AppUser>) => presentUser(user, clock.now());

  app.get(
    '/api/users',
    {
      schema: {
        tags: ['users'],
        summary: 'Daftar pengguna dalam wilayah Anda',
        querystring: UserListQuery,
        response: { 200: UserList, ...errorResponses },
      },
    },
    async (request) => {
      const { rows, total } = await users.list(requireActor(request), request.query);
      return { items: rows.map((row) => presentUser(row, clock.now())), total };
    },
  );

  app.get(
    '/api/users/:id',
    {
      schema: {
        tags: ['users'],
        summary: 'Satu pengguna',
        params: IdParams,
        response: { 200: UserSummary, ...errorResponses },
      },
    },
    async (request) => present(await users.get(requireActor(request), request.params.id)),
  );

  app.post(
    '/api/users',
    {
      schema: {
        tags: ['users'],
        summary: 'Buat pengguna (admin Dinsos)',
        body: CreateUserBody,
        response: { 201: UserSummary, ...errorResponses },
      },
    },
    async (request, reply) => {
      const user = await users.create(requireActor(request), {
        ...request.body,
        role: request.body.role as Role,
      });
      reply.status(201);
      return present(user);
    },
  );

  app.patch(
    '/api/users/:id',
    {
      schema: {
        tags: ['users'],
        summary: 'Ubah nama, peran/wilayah, atau nonaktifkan pengguna (admin Dinsos)',
        params: IdParams,
        body: UpdateUserBody,
        response: { 200: UserSummary, ...errorResponses },
      },
    },
    async (request) => {
      const body = request.body;
      return present(
        await users.update(requireActor(request), request.params.id, {
          ...body,
          role: body.role as Role | undefined,
        }),
      );
    },
  );

  app.post(
    '/api/users/:id/password',
    {
      schema: {
        tags: ['users'],
        summary: 'Setel ulang kata sandi pengguna (wajib diganti saat masuk berikutnya)',
        params: IdParams,
        body: ResetPasswordBody,
        response: { 200: OkResponse, ...errorResponses },
      },
    },
    async (request) => {
      await users.resetPassword(requireActor(request), request.params.id, request.body.password);
      return { ok: true as const };
    },
  );
};

type UserFields = Pick<
  AppUser,
  | 'id'
  | 'username'
  | 'full_name'
  | 'role'
  | 'region_code'
  | 'disabled_at'
  | 'locked_until'
  | 'must_change_password'
  | 'last_login_at'
  | 'created_at'
  | 'updated_at'
>;

function presentUser(user: UserFields, now: Date) {
  return {
    id: user.id,
    username: user.username,
    fullName: user.full_name,
    role: user.role,
    regionCode: user.region_code,
    disabled: user.disabled_at !== null,
    locked: user.locked_until !== null && user.locked_until > now,
    mustChangePassword: user.must_change_password,
    lastLoginAt: iso(user.last_login_at),
    createdAt: user.created_at.toISOString(),
    updatedAt: user.updated_at.toISOString(),
  };
}
