import { z } from 'zod';
import { PKH_COMPONENTS } from '../../domain/pkh-benefit';
import { PageQuery, RegionCodeText } from '../../platform/http/schemas';
import { INCLUSION_REASONS } from './reasons';

export const TargetingPeriodParams = z.object({
  program: z.string().min(1).max(30).describe('Kode program, mis. PKH'),
  period: z.string().min(1).max(20).describe('Kode periode, mis. 2026-T2'),
});

export const InclusionReasonSchema = z
  .enum(INCLUSION_REASONS)
  .describe(
    'NOT_IN_DTSEN: tidak ada di DTSEN; DESIL_ABOVE_THRESHOLD: desil di atas batas; DECEASED: meninggal; ' +
      'NIK_INVALID: NIK tidak sah; PERSON_IN_TWO_KPM: satu orang di dua KPM; HOUSEHOLD_TWICE: keluarga dialokasikan dua kali',
  )
  .meta({ id: 'InclusionReason' });

export const PkhComponentSchema = z.enum(PKH_COMPONENTS).meta({ id: 'PkhComponentCode' });

const RegionFilter = {
  regionCode: RegionCodeText.optional().describe('Kecamatan atau desa/kelurahan di dalam wilayah Anda'),
};

const RequireFilter = {
  requireProgram: z.string().min(1).max(30).optional().describe('Hanya keluarga penerima program ini …'),
  requirePeriod: z.string().min(1).max(20).optional().describe('… pada periode ini'),
};

export const InclusionFilter = z.object({ ...RegionFilter, reason: InclusionReasonSchema.optional() });
export const ExclusionFilter = z.object({ ...RegionFilter, ...RequireFilter });
export const InclusionQuery = PageQuery.extend(InclusionFilter.shape);
export const ExclusionQuery = PageQuery.extend(ExclusionFilter.shape);

const RegionCount = z
  .object({ code: z.string(), name: z.string().nullable(), count: z.number().int() })
  .meta({ id: 'TargetingRegionCount' });

const Meta = {
  program: z.string(),
  programName: z.string(),
  period: z.string(),
  periodLabel: z.string(),
  desilMax: z.number().int().nullable().describe('Batas desil program pada awal periode'),
  requireProgram: z.string().nullable(),
  requirePeriod: z.string().nullable(),
};

export const InclusionItem = z
  .object({
    allocationId: z.number().int(),
    line: z.number().int(),
    nik: z.string().describe('Tersamar'),
    kk: z.string().nullable().describe('Tersamar'),
    name: z.string().nullable(),
    amount: z.number().int(),
    channel: z.string(),
    householdId: z.number().int().nullable(),
    regionCode: z.string(),
    kecamatanCode: z.string(),
    regionName: z.string().nullable(),
    desil: z.number().int().nullable(),
    desilEdition: z.string().nullable(),
    absentSinceEdition: z.string().nullable(),
    reasons: z.array(z.string()),
  })
  .meta({ id: 'InclusionCandidate' });

export const InclusionList = z
  .object({
    ...Meta,
    total: z.number().int().describe('Jumlah baris sesuai saringan alasan'),
    candidates: z.number().int().describe('Jumlah seluruh kandidat dalam wilayah'),
    items: z.array(InclusionItem),
    byReason: z.record(z.string(), z.number().int()),
    byKecamatan: z.array(RegionCount),
    byKelurahan: z.array(RegionCount),
  })
  .meta({ id: 'InclusionList' });

export const ExclusionItem = z
  .object({
    householdId: z.number().int(),
    kk: z.string().describe('Tersamar'),
    headNik: z.string().describe('Tersamar'),
    headName: z.string(),
    regionCode: z.string(),
    kecamatanCode: z.string(),
    regionName: z.string().nullable(),
    desil: z.number().int(),
    desilEdition: z.string(),
    livingMembers: z.number().int(),
    components: z.array(z.string()).describe('Komponen PKH anggota yang hidup'),
  })
  .meta({ id: 'ExclusionCandidate' });

export const ExclusionList = z
  .object({
    ...Meta,
    total: z.number().int(),
    items: z.array(ExclusionItem),
    byDesil: z.record(z.string(), z.number().int()),
    byComponent: z.record(z.string(), z.number().int()),
    byKecamatan: z.array(RegionCount),
    byKelurahan: z.array(RegionCount),
  })
  .meta({ id: 'ExclusionList' });

export const EnrolmentBody = z
  .object({
    fromProgram: z.string().min(1).max(30).describe('Program sumber daftar kesalahan eksklusi, mis. SEMBAKO'),
    fromPeriod: z.string().min(1).max(20),
    channel: z.string().max(40).optional().describe('Penyalur (bawaan POS)'),
    ...RequireFilter,
    dryRun: z.boolean().default(true).describe('true: pratinjau tanpa menulis; false: daftarkan'),
  })
  .meta({ id: 'EnrolmentRequest' });

export const EnrolmentResult = z
  .object({
    local: z.string(),
    localName: z.string(),
    period: z.string(),
    fromProgram: z.string(),
    fromPeriod: z.string(),
    requireProgram: z.string().nullable(),
    requirePeriod: z.string().nullable(),
    channel: z.string(),
    benefitAmount: z.number().int(),
    budget: z.number().int(),
    used: z.number().int().describe('Jumlah nominal seluruh alokasi program daerah ini'),
    remainingBefore: z.number().int(),
    candidates: z.number().int(),
    alreadyEnrolled: z.number().int(),
    enrolled: z.number().int().describe('Keluarga yang (akan) didaftarkan'),
    notFunded: z.number().int().describe('Keluarga yang tidak tertampung pagu'),
    total: z.number().int(),
    remainingAfter: z.number().int(),
    alsoReceiving: z
      .array(z.object({ program: z.string(), period: z.string(), families: z.number().int() }))
      .describe(
        'Di antara keluarga yang (akan) didaftarkan: berapa yang dialokasikan setiap program lain pada ' +
          'dua periode terakhirnya yang sudah dimulai saat periode tujuan berakhir (mis. SEMBAKO pusat ' +
          '2026-10 untuk 2026-11). Periksa sebelum mendaftarkan.',
      ),
    dryRun: z.boolean(),
    importId: z.number().int().nullable(),
    families: z.array(ExclusionItem).describe('Keluarga pertama menurut urutan prioritas'),
  })
  .meta({ id: 'EnrolmentResult' });
