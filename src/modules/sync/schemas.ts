import { z } from 'zod';
import { PageQuery, RegionCodeText } from '../../platform/http/schemas';
import { COMPARED_FIELDS } from './compare-sql';

export const SyncStatusSchema = z
  .enum(['SINKRON', 'BEDA_DATA', 'HANYA_LOKAL', 'HANYA_PUSAT'])
  .describe(
    'SINKRON: data sama; BEDA_DATA: ada di keduanya, ada bidang berbeda; HANYA_LOKAL: hanya di registri lokal; HANYA_PUSAT: hanya di berkas pusat',
  )
  .meta({ id: 'SyncStatus' });

export const SyncFieldSchema = z.enum(COMPARED_FIELDS).meta({ id: 'SyncField' });

export const SyncStatusCounts = z
  .object({
    SINKRON: z.number().int(),
    BEDA_DATA: z.number().int(),
    HANYA_LOKAL: z.number().int(),
    HANYA_PUSAT: z.number().int(),
    total: z.number().int(),
  })
  .meta({ id: 'SyncStatusCounts' });

export const SyncCheckSchema = z
  .object({
    id: z.number().int(),
    fileName: z.string(),
    fileFormat: z.string(),
    rowsRead: z.number().int(),
    accepted: z.number().int(),
    rejected: z.number().int(),
    rejectedByReason: z.record(z.string(), z.number().int()).describe('Baris ditolak per kode alasan'),
    comparedFields: z.array(SyncFieldSchema).describe('Bidang yang dibandingkan (kolomnya ada di berkas)'),
    kecamatanCovered: z.array(z.string()).describe('Kecamatan yang dicakup berkas pusat'),
    createdBy: z.string().nullable(),
    createdAt: z.string(),
    counts: SyncStatusCounts.describe('Jumlah per status dalam wilayah Anda'),
  })
  .meta({ id: 'SyncCheck' });

export const SyncCheckList = z.object({ items: z.array(SyncCheckSchema) }).meta({ id: 'SyncCheckList' });

export const SyncRegionSummary = z
  .object({
    code: z.string(),
    name: z.string().nullable(),
    kecamatanCode: z.string(),
    counts: SyncStatusCounts,
  })
  .meta({ id: 'SyncRegionSummary' });

export const SyncCheckDetail = z
  .object({
    check: SyncCheckSchema,
    kecamatan: z.array(SyncRegionSummary),
    kelurahan: z.array(SyncRegionSummary),
  })
  .meta({ id: 'SyncCheckDetail' });

export const SyncDifference = z
  .object({
    field: SyncFieldSchema,
    local: z.string().nullable(),
    central: z.string().nullable(),
  })
  .meta({ id: 'SyncDifference' });

export const SyncCheckItem = z
  .object({
    id: z.number().int(),
    nik: z.string().describe('Tersamar di daftar; lengkap di rincian bila peran mengizinkan'),
    name: z.string(),
    status: SyncStatusSchema,
    regionCode: z.string(),
    kecamatanCode: z.string(),
    localStatus: z.string().nullable().describe('Status penduduk di registri lokal (HIDUP/MENINGGAL/PINDAH)'),
    differences: z.array(SyncDifference),
  })
  .meta({ id: 'SyncCheckItem' });

export const SyncCheckItemList = z
  .object({ items: z.array(SyncCheckItem), total: z.number().int() })
  .meta({ id: 'SyncCheckItemList' });

export const SyncItemFilter = z.object({
  status: SyncStatusSchema.optional(),
  regionCode: RegionCodeText.optional(),
});

export const SyncItemsQuery = PageQuery.extend(SyncItemFilter.shape);

export const SyncUploadQuery = z.object({
  fileName: z.string().min(1).max(200).describe('Nama berkas asli (.csv atau .xlsx)'),
  sheet: z.string().max(100).optional().describe('Lembar .xlsx (bawaan: lembar pertama)'),
  map: z.string().max(2000).optional().describe('Pemetaan kolom tambahan: KOLOM=bidang, dipisah koma'),
});

export const SyncItemParams = z.object({
  id: z.coerce.number().int().positive(),
  itemId: z.coerce.number().int().positive(),
});
