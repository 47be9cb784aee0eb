import { z } from 'zod';
import { RegionCodeText } from '../../platform/http/schemas';

export const HouseholdListQuery = z.object({
  q: z.string().trim().max(80).optional().describe('NIK/KK lengkap (16 angka) atau bagian nama anggota'),
  regionCode: RegionCodeText.optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

export const HouseholdSummary = z
  .object({
    id: z.number().int(),
    kkMasked: z.string(),
    regionCode: z.string(),
    address: z.string().nullable(),
    rt: z.string().nullable(),
    rw: z.string().nullable(),
    headName: z.string().nullable(),
    memberCount: z.number().int(),
    desil: z.number().int().nullable(),
  })
  .meta({ id: 'HouseholdSummary' });

export const HouseholdList = z
  .object({ items: z.array(HouseholdSummary), total: z.number().int() })
  .meta({ id: 'HouseholdList' });

export const Member = z
  .object({
    id: z.number().int(),
    nik: z.string().describe('Lengkap atau tersamar sesuai peran'),
    name: z.string(),
    birthPlace: z.string().nullable(),
    birthDate: z.string().nullable(),
    sex: z.enum(['L', 'P']).nullable(),
    relationship: z.string().nullable(),
    motherName: z.string().nullable(),
    status: z.enum(['HIDUP', 'MENINGGAL', 'PINDAH']),
    deathDate: z.string().nullable(),
    schooling: z.string().nullable(),
    pregnancyDueDate: z.string().nullable(),
    severeDisability: z.boolean(),
    nikWarnings: z.array(z.string()),
  })
  .meta({ id: 'Member' });

export const HouseholdDetail = z
  .object({
    id: z.number().int(),
    kk: z.string(),
    regionCode: z.string(),
    address: z.string().nullable(),
    rt: z.string().nullable(),
    rw: z.string().nullable(),
    idDtsen: z.string().nullable(),
    desil: z.array(z.object({ edition: z.string(), desil: z.number().int() })),
    members: z.array(Member),
  })
  .meta({ id: 'HouseholdDetail' });
