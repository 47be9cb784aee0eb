import { z } from 'zod';
import { DTSEN_FIELDS } from './fields';

export const DtsenFieldSchema = z.enum(DTSEN_FIELDS).meta({ id: 'DtsenField' });

export const UploadQuery = z.object({
  fileName: z.string().min(1).max(200).describe('Nama berkas asli, untuk jenis (.csv/.xlsx) dan laporan'),
  sheet: z.string().max(100).optional(),
});

export const UploadPreview = z
  .object({
    uploadId: z.string(),
    fileName: z.string(),
    format: z.enum(['csv', 'xlsx']),
    bytes: z.number().int(),
    headers: z.array(z.string()),
    mapping: z.array(z.object({ header: z.string(), field: DtsenFieldSchema.nullable() })),
    missingRequired: z.array(DtsenFieldSchema),
  })
  .meta({ id: 'UploadPreview' });

export const StartImportBody = z
  .object({
    uploadId: z.string(),
    fileName: z.string().min(1).max(200),
    edition: z
      .string()
      .regex(/^\d{4}-(0[1-9]|1[0-2])$/)
      .optional(),
    kind: z.enum(['DTSEN', 'DTKS']).default('DTSEN'),
    sheet: z.string().max(100).optional(),
    mapping: z
      .array(z.object({ header: z.string(), field: DtsenFieldSchema }))
      .default([])
      .describe('Pemetaan kolom tambahan (judul kolom → bidang)'),
  })
  .meta({ id: 'StartImportBody' });

export const ImportSummarySchema = z
  .object({
    id: z.number().int(),
    kind: z.string(),
    edition: z.string(),
    fileName: z.string(),
    rowsRead: z.number().int(),
    accepted: z.number().int(),
    rejected: z.number().int(),
    summary: z.unknown(),
    createdBy: z.string().nullable(),
    startedAt: z.string(),
    finishedAt: z.string(),
  })
  .meta({ id: 'RegistryImport' });
