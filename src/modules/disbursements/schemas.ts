import { z } from 'zod';
import { PageQuery } from '../../platform/http/schemas';

const ChannelSchema = z.enum(['BRI', 'BNI', 'MANDIRI', 'BTN', 'BSI', 'POS']);

export const DisbursementPeriodParams = z.object({
  program: z.string().min(1).max(30),
  period: z.string().min(1).max(20),
});

export const DisbursementReportParams = DisbursementPeriodParams.extend({
  id: z.coerce.number().int().positive(),
});

export const DisbursementUploadQuery = z.object({
  channel: z.string().min(1).max(40).describe('Penyalur: BRI, BNI, MANDIRI, BTN, BSI atau POS'),
  fileName: z
    .string()
    .min(1)
    .max(200)
    .describe('Nama berkas asli, untuk jenis (.csv/.xlsx) dan daftar laporan'),
  sheet: z.string().max(100).optional(),
  map: z
    .string()
    .max(2000)
    .optional()
    .describe(
      'Pemetaan kolom tambahan, "KOLOM=bidang" dipisah koma (bidang: nik, account, amount, paidOn, status, reason)',
    ),
});

const StatusTotals = z.object({ lines: z.number().int(), amount: z.number().int() });

export const DisbursementReportSchema = z
  .object({
    id: z.number().int(),
    program: z.string(),
    period: z.string(),
    channel: ChannelSchema,
    fileName: z.string(),
    rowsRead: z.number().int(),
    accepted: z.number().int().describe('Baris yang disimpan'),
    rejected: z.number().int(),
    alreadyReported: z.number().int().describe('Baris yang sama dengan baris laporan sebelumnya: dilewati'),
    matched: z.number().int().describe('Baris yang cocok dengan satu alokasi'),
    unallocated: z.number().int().describe('Baris tanpa alokasi (TIDAK_DIALOKASIKAN)'),
    byStatus: z.object({ BERHASIL: StatusTotals, GAGAL: StatusTotals }).nullable(),
    rejectedByReason: z.record(z.string(), z.number().int()),
    warningsByReason: z.record(z.string(), z.number().int()),
    createdBy: z.string().nullable(),
    finishedAt: z.string(),
  })
  .meta({ id: 'DisbursementReport' });

export const DisbursementReportList = z
  .object({ items: z.array(DisbursementReportSchema) })
  .meta({ id: 'DisbursementReportList' });

export const DisbursementLineQuery = PageQuery.extend({
  reportId: z.coerce.number().int().positive().optional(),
  channel: ChannelSchema.optional(),
  status: z.enum(['BERHASIL', 'GAGAL']).optional(),
  allocated: z
    .enum(['yes', 'no'])
    .optional()
    .describe('yes: baris yang cocok dengan alokasi; no: TIDAK_DIALOKASIKAN'),
  region: z
    .string()
    .regex(/^\d{2,10}$/)
    .optional()
    .describe('Kode kecamatan/kelurahan tanpa titik, di dalam wilayah pengguna'),
});

export const DisbursementLineSchema = z
  .object({
    id: z.number().int(),
    reportId: z.number().int(),
    fileName: z.string(),
    line: z.number().int(),
    channel: ChannelSchema,
    nikMasked: z.string().nullable(),
    accountMasked: z.string().nullable(),
    amount: z.number().int(),
    paidOn: z.string().nullable(),
    status: z.enum(['BERHASIL', 'GAGAL']),
    reason: z.string().nullable(),
    allocated: z.boolean(),
    regionCode: z.string().nullable(),
  })
  .meta({ id: 'DisbursementLine' });

export const DisbursementLinePage = z
  .object({
    items: z.array(DisbursementLineSchema),
    page: z.number().int(),
    pageSize: z.number().int(),
    hasMore: z.boolean(),
  })
  .meta({ id: 'DisbursementLinePage' });
