import { z } from 'zod';
import { CHANNELS } from '../../domain/period';
import { PKH_COMPONENTS } from '../../domain/pkh-benefit';
import { RegionCodeText } from '../../platform/http/schemas';
import { ALLOCATION_FLAGS } from './reasons';

export const ChannelSchema = z.enum(CHANNELS as [string, ...string[]]).meta({ id: 'AllocationChannel' });
export const AllocationFlagSchema = z
  .enum(ALLOCATION_FLAGS as [string, ...string[]])
  .meta({ id: 'AllocationFlag' });

export const ProgramPeriodParams = z.object({
  program: z.string().min(1).max(30),
  period: z.string().min(4).max(10),
});

export const AllocationUploadQuery = z.object({
  fileName: z.string().min(1).max(200).describe('Nama berkas asli (.csv/.xlsx), untuk jenis dan laporan'),
  channel: z
    .string()
    .max(40)
    .optional()
    .describe('Penyalur untuk baris yang tidak menyebutkannya (BRI, POS, …)'),
  sheet: z.string().max(100).optional(),
  map: z
    .string()
    .max(1000)
    .optional()
    .describe('Pemetaan kolom tambahan, mis. "NO_REK=account,NILAI_PKH=amount"'),
});

export const AllocationImportItem = z
  .object({
    id: z.number().int(),
    source: z.enum(['FILE', 'LOCAL_ENROLMENT']),
    fileName: z.string().nullable(),
    rowsRead: z.number().int(),
    accepted: z.number().int(),
    rejected: z.number().int(),
    summary: z.unknown(),
    createdBy: z.string().nullable(),
    startedAt: z.string(),
    finishedAt: z.string(),
  })
  .meta({ id: 'AllocationImport' });

export const RemoveImportBody = z.object({
  reason: z
    .string()
    .max(500)
    .describe('Mengapa impor ini dihapus (minimal 10 karakter; disimpan di jejak audit)'),
});

export const RemovedImport = z
  .object({
    importId: z.number().int(),
    program: z.string(),
    period: z.string(),
    fileName: z.string().nullable(),
    source: z.string(),
    lines: z.number().int().describe('Baris alokasi yang dihapus'),
    amount: z.number().int().describe('Rupiah baris yang dihapus'),
  })
  .meta({ id: 'RemovedAllocationImport' });

export const AllocationImportList = z
  .object({ items: z.array(AllocationImportItem) })
  .meta({ id: 'AllocationImportList' });

const ListFilterFields = {
  flag: AllocationFlagSchema.optional(),
  channel: ChannelSchema.optional(),
  regionCode: RegionCodeText.optional().describe('Kecamatan atau desa/kelurahan di dalam wilayah Anda'),
  name: z.string().trim().max(80).optional().describe('Bagian nama pada baris alokasi'),
  importId: z.coerce.number().int().positive().optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
};

export const AllocationListQuery = z.object(ListFilterFields);

export const AllocationSearchBody = z
  .object({
    ...ListFilterFields,
    nik: z
      .string()
      .trim()
      .regex(/^\d{16}$/, 'NIK harus 16 angka')
      .optional()
      .describe('NIK lengkap (hanya di badan permintaan, tidak pernah di URL)'),
  })
  .meta({ id: 'AllocationSearchBody' });

export const AllocationListItem = z
  .object({
    id: z.number().int(),
    importId: z.number().int(),
    line: z.number().int(),
    nikMasked: z.string(),
    name: z.string().nullable(),
    amount: z.number().int(),
    expectedAmount: z.number().int().nullable(),
    channel: ChannelSchema,
    scopeCode: z.string(),
    flags: z.array(z.string()),
    householdId: z.number().int().nullable(),
  })
  .meta({ id: 'AllocationListItem' });

export const AllocationList = z
  .object({ items: z.array(AllocationListItem), total: z.number().int() })
  .meta({ id: 'AllocationList' });

export const PkhCalculationMemberSchema = z
  .object({
    personId: z.number().int(),
    name: z.string(),
    age: z.number().int().nullable(),
    component: z.enum(PKH_COMPONENTS),
    yearlyIndex: z.number().int(),
    perPeriod: z.number().int(),
    counted: z.boolean(),
    outcome: z.enum(['COUNTED', 'OVER_COMPONENT_LIMIT', 'OVER_MAX_MEMBERS']),
  })
  .meta({ id: 'PkhCalculationMember' });

export const AllocationCalculation = z
  .discriminatedUnion('kind', [
    z.object({
      kind: z.literal('PKH'),
      maxMembers: z.number().int(),
      members: z.array(PkhCalculationMemberSchema),
      subtotal: z.number().int(),
      sanctioned: z.boolean(),
      sanctionPercent: z.number().int(),
      sanction: z.number().int(),
      expected: z.number().int(),
    }),
    z.object({
      kind: z.literal('SEMBAKO'),
      monthly: z.number().int(),
      months: z.number().int(),
      expected: z.number().int(),
    }),
    z.object({ kind: z.literal('LOCAL'), benefitAmount: z.number().int(), expected: z.number().int() }),
  ])
  .meta({ id: 'AllocationCalculation' });

export const AllocationDetail = z
  .object({
    id: z.number().int(),
    program: z.string(),
    period: z.string(),
    importId: z.number().int(),
    fileName: z.string().nullable(),
    line: z.number().int(),
    nik: z.string().describe('Lengkap atau tersamar sesuai peran'),
    kk: z.string().nullable(),
    name: z.string().nullable(),
    amount: z.number().int(),
    expectedAmount: z.number().int().nullable(),
    channel: ChannelSchema,
    account: z.string().nullable(),
    scopeCode: z.string(),
    flags: z.array(z.object({ code: z.string(), message: z.string() })),
    household: z.object({ id: z.number().int(), kk: z.string(), regionCode: z.string() }).nullable(),
    personId: z.number().int().nullable(),
    calculation: AllocationCalculation.nullable(),
    calculationSource: z
      .enum(['IMPORT', 'REGISTRY_NOW'])
      .nullable()
      .describe(
        'IMPORT: disimpan saat impor (nominal berbeda); REGISTRY_NOW: dihitung ulang dari registri saat ini',
      ),
  })
  .meta({ id: 'AllocationDetail' });
