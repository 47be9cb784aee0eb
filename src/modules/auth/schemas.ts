import { z } from 'zod';
import { ROLES } from '../../platform/auth/actor';

export const RoleSchema = z.enum(ROLES as unknown as [string, ...string[]]).meta({ id: 'Role' });

export const LoginBody = z
  .object({ username: z.string().min(1).max(40), password: z.string().min(1).max(200) })
  .meta({ id: 'LoginBody' });

export const CurrentUser = z
  .object({
    id: z.number().int(),
    username: z.string(),
    fullName: z.string(),
    role: RoleSchema,
    regionCode: z.string(),
    regionName: z.string(),
    regionLevel: z.string(),
    mustChangePassword: z.boolean(),
  })
  .meta({ id: 'CurrentUser' });

export const SessionResponse = z
  .object({
    user: CurrentUser,
    csrfToken: z.string().describe('Send as X-CSRF-Token with every change made with the session cookie'),
    expiresAt: z.string(),
  })
  .meta({ id: 'SessionResponse' });

export const ChangePasswordBody = z
  .object({ currentPassword: z.string().min(1).max(200), newPassword: z.string().min(1).max(200) })
  .meta({ id: 'ChangePasswordBody' });

export const ApiTokenInfo = z
  .object({
    id: z.number().int(),
    userId: z.number().int(),
    username: z.string(),
    name: z.string(),
    tokenPrefix: z.string(),
    createdAt: z.string(),
    expiresAt: z.string().nullable(),
    lastUsedAt: z.string().nullable(),
    revokedAt: z.string().nullable(),
  })
  .meta({ id: 'ApiTokenInfo' });

export const CreateApiTokenBody = z
  .object({
    name: z.string().min(1).max(80),
    userId: z.number().int().positive().optional().describe('Admin only: create the token for this user'),
    expiresInDays: z.number().int().min(1).max(730).optional(),
  })
  .meta({ id: 'CreateApiTokenBody' });

export const CreatedApiToken = z
  .object({ token: z.string().describe('Shown once; store it safely'), info: ApiTokenInfo })
  .meta({ id: 'CreatedApiToken' });
