import { z } from 'zod';
import { RegionCodeText } from '../../platform/http/schemas';

const Rupiah = z.number().int().describe('Rupiah (bilangan bulat)');
const Count = z.number().int();

const FigureFields = {
  kpm: Count.describe('KPM teralokasi yang dibayar setidaknya sekali (dihitung sekali per NIK)'),
  paid: Rupiah.describe('Rupiah yang dibayarkan kepada mereka'),
  allocatedKpm: Count.describe('KPM teralokasi (baris yang sudah direkonsiliasi)'),
  allocated: Rupiah.describe('Rupiah teralokasi'),
};

export const RealisasiFigures = z.object(FigureFields).meta({ id: 'RealisasiFigures' });

export const RealisasiQuerySchema = z.object({
  program: z.string().min(2).max(30).describe('Kode program, mis. PKH'),
  year: z.coerce.number().int().min(2000).max(2100).describe('Tahun, mis. 2026'),
  upTo: z
    .string()
    .min(7)
    .max(7)
    .optional()
    .describe('Periode terakhir yang dihitung, mis. 2026-T2 (bawaan: seluruh periode tahun itu)'),
  regionCode: RegionCodeText.optional().describe(
    'Persempit ke kecamatan atau desa/kelurahan dalam wilayah Anda',
  ),
});

export const RealisasiReportSchema = z
  .object({
    program: z.string(),
    programName: z.string(),
    year: z.number().int(),
    upTo: z.string().nullable(),
    regionCode: z
      .string()
      .describe('Wilayah yang dicakup angka ini (kabupaten/kota kantor, atau wilayah pembaca)'),
    regionName: z.string().nullable(),
    headline: z
      .string()
      .describe('Kalimat ringkas, mis. "PKH 2026 sampai Tahap II: 23.964 KPM, Rp17.051.232.974"'),
    totals: RealisasiFigures,
    byPeriod: z
      .array(
        z.object({
          period: z.string(),
          label: z.string(),
          status: z.enum(['OPEN', 'FINAL']),
          reconciledAt: z.string().nullable().describe('null: periode belum pernah direkonsiliasi (angka 0)'),
          ...FigureFields,
        }),
      )
      .describe('Tren per periode, urut waktu'),
    byKecamatan: z.array(z.object({ code: z.string(), name: z.string().nullable(), ...FigureFields })),
    byKelurahan: z
      .array(
        z.object({
          code: z
            .string()
            .describe(
              '10 digit desa/kelurahan; 6 digit = NIK di luar registri (desa/kelurahan tidak diketahui)',
            ),
          name: z.string().nullable(),
          kecamatanCode: z.string(),
          ...FigureFields,
        }),
      )
      .describe('Per desa/kelurahan dalam wilayah Anda'),
    byChannel: z.array(z.object({ channel: z.string(), ...FigureFields })),
    failureReasons: z
      .array(z.object({ reason: z.string().nullable(), kpm: Count }))
      .describe('Baris GAGAL_SALUR per alasan dari lembaga penyalur, terbanyak dahulu'),
    unallocated: z
      .object({ lines: Count, paidLines: Count, paid: Rupiah })
      .describe('Baris laporan TIDAK_DIALOKASIKAN: dilaporkan terpisah, tidak termasuk realisasi'),
  })
  .meta({ id: 'RealisasiReport' });
