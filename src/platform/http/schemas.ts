import { z } from 'zod';

/** The one error shape of the API. */
export const ErrorResponse = z
  .object({
    error: z.object({
      code: z.string().describe('Stable English code, e.g. NIK_DUPLICATE'),
      message: z.string().describe('Message for people, in Bahasa Indonesia'),
      details: z.unknown().optional(),
      requestId: z.string(),
    }),
  })
  .meta({ id: 'ErrorResponse' });

export const errorResponses = {
  400: ErrorResponse,
  401: ErrorResponse,
  403: ErrorResponse,
  404: ErrorResponse,
  409: ErrorResponse,
  429: ErrorResponse,
} as const;

export const IdParams = z.object({ id: z.coerce.number().int().positive() });

export const PageQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

export const RegionCodeText = z
  .string()
  .min(2)
  .max(13)
  .describe('Kode wilayah Kemendagri, dengan atau tanpa titik (13.71.01.1001 atau 1371011001)');

export const Timestamp = z.iso.datetime().describe('ISO 8601 UTC');

export function iso(date: Date | null | undefined): string | null {
  return date ? date.toISOString() : null;
}

export const OkResponse = z.object({ ok: z.literal(true) }).meta({ id: 'OkResponse' });
