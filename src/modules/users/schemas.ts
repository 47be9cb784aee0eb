import { z } from 'zod';
import { RegionCodeText } from '../../platform/http/schemas';
import { RoleSchema } from '../auth/schemas';

export const UserSummary = z
  .object({
    id: z.number().int(),
    username: z.string(),
    fullName: z.string(),
    role: RoleSchema,
    regionCode: z.string(),
    disabled: z.boolean(),
    locked: z.boolean(),
    mustChangePassword: z.boolean(),
    lastLoginAt: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'UserSummary' });

export const UserList = z
  .object({ items: z.array(UserSummary), total: z.number().int() })
  .meta({ id: 'UserList' });

export const UserListQuery = z.object({
  q: z.string().max(80).optional(),
  role: RoleSchema.optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

export const CreateUserBody = z
  .object({
    username: z
      .string()
      .min(3)
      .max(40)
      .regex(/^[A-Za-z0-9._-]+$/, 'Hanya huruf, angka, titik, garis bawah, tanda hubung'),
    fullName: z.string().trim().min(1).max(120),
    role: RoleSchema,
    regionCode: RegionCodeText,
    password: z.string().min(1).max(200),
  })
  .meta({ id: 'CreateUserBody' });

export const UpdateUserBody = z
  .object({
    fullName: z.string().trim().min(1).max(120).optional(),
    role: RoleSchema.optional(),
    regionCode: RegionCodeText.optional(),
    disabled: z.boolean().optional(),
  })
  .meta({ id: 'UpdateUserBody' });

export const ResetPasswordBody = z
  .object({ password: z.string().min(1).max(200) })
  .meta({ id: 'ResetPasswordBody' });
