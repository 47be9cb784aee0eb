import { z } from 'zod';
import { PageQuery, RegionCodeText } from '../../platform/http/schemas';
import { REOPEN_REASON_MIN } from './service';

const Rupiah = z.number().int().describe('Rupiah (bilangan bulat)');
const Count = z.number().int();

export const ReconciliationStatusSchema = z
  .enum(['TERSALUR', 'SELISIH_NOMINAL', 'GANDA', 'GAGAL_SALUR', 'BELUM_ADA_LAPORAN'])
  .describe(
    'TERSALUR: dibayar penuh sesuai alokasi; SELISIH_NOMINAL: dibayar dengan nominal lain; GANDA: dibayar lebih dari sekali; ' +
      'GAGAL_SALUR: kanal melaporkan gagal bayar; BELUM_ADA_LAPORAN: belum ada laporan',
  )
  .meta({ id: 'ReconciliationStatus' });

export const PeriodParams = z.object({
  program: z.string().min(2).max(30).describe('Kode program, mis. PKH'),
  period: z.string().min(7).max(7).describe('Kode periode, mis. 2026-T2'),
});

export const LineParams = PeriodParams.extend({ allocationId: z.coerce.number().int().positive() });

const StatusTotals = z
  .object({ kpm: Count, allocated: Rupiah, paid: Rupiah })
  .meta({ id: 'ReconciliationStatusTotals' });

export const ReconciliationSummarySchema = z
  .object({
    program: z.string(),
    period: z.string(),
    byStatus: z.object({
      TERSALUR: StatusTotals,
      SELISIH_NOMINAL: StatusTotals,
      GANDA: StatusTotals,
      GAGAL_SALUR: StatusTotals,
      BELUM_ADA_LAPORAN: StatusTotals,
      TIDAK_DIALOKASIKAN: StatusTotals.describe('kpm = jumlah baris laporan tanpa alokasi; allocated = 0'),
    }),
    realisasi: z
      .object({ kpm: Count, paid: Rupiah })
      .describe(
        'KPM teralokasi yang dibayar setidaknya sekali dan seluruh rupiah yang dibayarkan kepada mereka',
      ),
    unallocatedPaid: Rupiah.describe(
      'Rupiah yang dibayarkan pada baris TIDAK_DIALOKASIKAN (di luar realisasi)',
    ),
    byKecamatan: z.array(
      z.object({
        code: z.string(),
        name: z.string().nullable(),
        kpm: Count,
        allocated: Rupiah,
        paidKpm: Count,
        paid: Rupiah,
      }),
    ),
    byChannel: z.array(
      z.object({
        channel: z.string(),
        kpm: Count,
        allocated: Rupiah,
        paidKpm: Count,
        paid: Rupiah,
        unallocatedLines: Count,
        unallocatedPaid: Rupiah,
      }),
    ),
  })
  .meta({ id: 'ReconciliationSummary' });

export const PeriodStateSchema = z
  .object({
    program: z.string(),
    period: z.string(),
    status: z.enum(['OPEN', 'FINAL']),
    finalisedAt: z.string().nullable(),
    finalisedBy: z.string().nullable(),
    reconciledAt: z.string().nullable(),
    lastImportAt: z.string().nullable(),
    stale: z.boolean().describe('Ada impor alokasi/laporan setelah rekonsiliasi terakhir: jalankan ulang'),
  })
  .meta({ id: 'ReconciliationPeriodState' });

export const ReconciliationView = z
  .object({
    state: PeriodStateSchema,
    summary: ReconciliationSummarySchema.nullable().describe('null bila belum pernah direkonsiliasi'),
  })
  .meta({ id: 'ReconciliationView' });

export const ReconciliationLine = z
  .object({
    allocationId: z.number().int(),
    nik: z.string().describe('Tersamar'),
    name: z.string().nullable(),
    regionCode: z.string(),
    kecamatanCode: z.string(),
    channel: z.string(),
    amount: Rupiah,
    status: ReconciliationStatusSchema,
    paidAmount: Rupiah,
    paidCount: Count,
    failedCount: Count,
    lastPaidOn: z.string().nullable(),
    failureReason: z.string().nullable(),
    flags: z.array(z.string()),
  })
  .meta({ id: 'ReconciliationLine' });

export const ReconciliationLineList = z
  .object({ items: z.array(ReconciliationLine), total: Count })
  .meta({ id: 'ReconciliationLineList' });

export const ReconciliationLineDetail = ReconciliationLine.extend({
  nik: z.string().describe('Lengkap bila peran mengizinkan'),
  kk: z.string().nullable(),
  householdId: z.number().int().nullable(),
  disbursements: z.array(
    z.object({
      id: z.number().int(),
      reportId: z.number().int(),
      fileName: z.string(),
      line: Count,
      channel: z.string(),
      amount: Rupiah,
      paidOn: z.string().nullable(),
      status: z.enum(['BERHASIL', 'GAGAL']),
      reason: z.string().nullable(),
    }),
  ),
}).meta({ id: 'ReconciliationLineDetail' });

export const UnallocatedLine = z
  .object({
    id: z.number().int(),
    reportId: z.number().int(),
    fileName: z.string(),
    line: Count,
    channel: z.string(),
    nik: z.string().nullable().describe('Tersamar'),
    amount: Rupiah,
    paidOn: z.string().nullable(),
    status: z.enum(['BERHASIL', 'GAGAL']),
    reason: z.string().nullable(),
    kecamatanCode: z.string().nullable(),
  })
  .meta({ id: 'UnallocatedLine' });

export const UnallocatedLineList = z
  .object({ items: z.array(UnallocatedLine), total: Count })
  .meta({ id: 'UnallocatedLineList' });

export const LinesQuery = PageQuery.extend({
  status: ReconciliationStatusSchema.optional(),
  regionCode: RegionCodeText.optional().describe('Kecamatan atau desa/kelurahan di dalam wilayah Anda'),
});

export const UnallocatedQuery = PageQuery.extend({ regionCode: RegionCodeText.optional() });

export const ReopenBody = z.object({
  reason: z
    .string()
    .max(1000)
    .default('')
    .describe(`Alasan membuka kembali (minimal ${REOPEN_REASON_MIN} karakter)`),
});
