import { z } from 'zod';
import { RegionCodeText } from '../../platform/http/schemas';
import { EVIDENCE_TYPES } from './evidence-file';
import { USULAN_KINDS, USULAN_STATUSES } from './states';

export const UsulanKindSchema = z.enum(USULAN_KINDS).meta({ id: 'UsulanKind' });
export const UsulanStatusSchema = z.enum(USULAN_STATUSES).meta({ id: 'UsulanStatus' });

/** SHDK codes as the registry stores them (src/domain/cell-values.ts). */
export const RELATIONSHIPS = [
  'KEPALA_KELUARGA',
  'SUAMI',
  'ISTRI',
  'ANAK',
  'MENANTU',
  'CUCU',
  'ORANG_TUA',
  'MERTUA',
  'FAMILI_LAIN',
  'LAINNYA',
] as const;
export const RelationshipSchema = z.enum(RELATIONSHIPS).meta({ id: 'Relationship' });

/** Why a person or a family should leave the registry (the SEBAB column of the batch file). */
export const REMOVAL_CAUSES = ['MENINGGAL', 'PINDAH', 'GANDA', 'TIDAK_DITEMUKAN', 'TIDAK_LAYAK'] as const;
export const RemovalCauseSchema = z.enum(REMOVAL_CAUSES).meta({ id: 'RemovalCause' });

/** The person fields an UBAH_DATA proposal may change. */
export const CHANGE_FIELDS = [
  'name',
  'birthDate',
  'birthPlace',
  'sex',
  'relationship',
  'motherName',
] as const;
export type ChangeField = (typeof CHANGE_FIELDS)[number];

const Sex = z.enum(['L', 'P']);
const Name = z.string().trim().min(1).max(200);
const OptionalText = z.string().trim().max(200).optional();
const Reason = z
  .string()
  .trim()
  .min(5, 'Alasan minimal 5 karakter')
  .max(2000)
  .describe('Alasan usulan, dibaca oleh kecamatan, Dinsos, dan pusat');
const Identifier = z.string().max(40).describe('16 angka, sebagai teks');

export const NewMemberInput = z
  .object({
    nik: Identifier,
    name: Name,
    birthDate: z.iso.date(),
    birthPlace: OptionalText,
    sex: Sex,
    relationship: RelationshipSchema,
    motherName: OptionalText,
  })
  .meta({ id: 'UsulanNewMember' });

const PersonRef = {
  personId: z.number().int().positive().optional().describe('id penduduk; atau isi nik'),
  nik: Identifier.optional(),
};

export const CreateUsulanBody = z
  .discriminatedUnion('kind', [
    z.object({
      kind: z.literal('TAMBAH_KELUARGA'),
      regionCode: RegionCodeText.describe('Desa/kelurahan tempat keluarga tinggal'),
      kk: Identifier,
      address: z.string().trim().min(1).max(300),
      rt: z.string().trim().max(10).optional(),
      rw: z.string().trim().max(10).optional(),
      members: z.array(NewMemberInput).min(1).max(30),
      reason: Reason,
    }),
    z.object({
      kind: z.literal('UBAH_DATA'),
      ...PersonRef,
      changes: z
        .object({
          name: Name.optional(),
          birthDate: z.iso.date().optional(),
          birthPlace: OptionalText,
          sex: Sex.optional(),
          relationship: RelationshipSchema.optional(),
          motherName: OptionalText,
        })
        .describe('Bidang → nilai baru'),
      reason: Reason,
    }),
    z.object({
      kind: z.literal('HAPUS_ORANG'),
      ...PersonRef,
      cause: RemovalCauseSchema,
      eventDate: z.iso.date().optional().describe('Tanggal meninggal/pindah'),
      reason: Reason,
    }),
    z.object({
      kind: z.literal('HAPUS_KELUARGA'),
      householdId: z.number().int().positive(),
      cause: RemovalCauseSchema,
      eventDate: z.iso.date().optional(),
      reason: Reason,
    }),
  ])
  .meta({ id: 'CreateUsulanBody' });
export type CreateUsulanInput = z.infer<typeof CreateUsulanBody>;

export const UsulanListQuery = z.object({
  status: UsulanStatusSchema.optional(),
  kind: UsulanKindSchema.optional(),
  regionCode: RegionCodeText.optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

export const UsulanSummary = z
  .object({
    id: z.number().int(),
    kind: UsulanKindSchema,
    status: UsulanStatusSchema,
    regionCode: z.string(),
    subjectName: z.string(),
    nikMasked: z.string().nullable(),
    householdId: z.number().int().nullable(),
    personId: z.number().int().nullable(),
    batchId: z.number().int().nullable(),
    createdByName: z.string(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'UsulanSummary' });

export const UsulanList = z
  .object({ items: z.array(UsulanSummary), total: z.number().int() })
  .meta({ id: 'UsulanList' });

export const UsulanEvent = z
  .object({
    at: z.string(),
    actorName: z.string(),
    actorRole: z.string().nullable(),
    fromStatus: UsulanStatusSchema.nullable(),
    toStatus: UsulanStatusSchema,
    comment: z.string().nullable(),
  })
  .meta({ id: 'UsulanEvent' });

export const UsulanEvidence = z
  .object({
    id: z.number().int(),
    fileName: z.string(),
    mimeType: z.enum(EVIDENCE_TYPES),
    sizeBytes: z.number().int(),
    sha256: z.string(),
    uploadedByName: z.string(),
    uploadedAt: z.string(),
  })
  .meta({ id: 'UsulanEvidence' });

export const UsulanDetail = UsulanSummary.extend({
  nik: z.string().nullable().describe('Lengkap atau tersamar sesuai peran'),
  reason: z.string(),
  payload: z
    .record(z.string(), z.unknown())
    .describe(
      'TAMBAH_KELUARGA: { kk, address, rt, rw, members[] }; UBAH_DATA: { changes, previous, nikWarnings }; ' +
        'HAPUS_*: { cause, eventDate }. NIK/KK tersamar sesuai peran.',
    ),
  fulfilledImportId: z.number().int().nullable(),
  events: z.array(UsulanEvent),
  evidence: z.array(UsulanEvidence),
  allowed: z.object({ decide: z.boolean(), addEvidence: z.boolean() }),
}).meta({ id: 'UsulanDetail' });

export const DecisionBody = z
  .object({
    decision: z.enum(['SETUJU', 'TOLAK']),
    comment: z.string().trim().max(2000).optional().describe('Wajib bila TOLAK'),
  })
  .meta({ id: 'UsulanDecisionBody' });

export const EvidenceQuery = z.object({
  fileName: z.string().min(1).max(255).describe('Nama berkas asli (hanya untuk tampilan)'),
});

export const EvidenceParams = z.object({ evidenceId: z.coerce.number().int().positive() });

export const UsulanBatch = z
  .object({
    id: z.number().int(),
    fileName: z.string(),
    count: z.number().int(),
    fileSha256: z.string(),
    createdByName: z.string(),
    createdAt: z.string(),
  })
  .meta({ id: 'UsulanBatch' });

export const UsulanBatchList = z.object({ items: z.array(UsulanBatch) }).meta({ id: 'UsulanBatchList' });

/** Documents a file answer in the OpenAPI description (the bytes are sent as they are). */
export const BinaryFile = z.string().meta({ type: 'string', format: 'binary' });
/** A raw file body: any value passes (the route checks it is bytes); documented as binary. */
export const BinaryBody = z.unknown().meta({ type: 'string', format: 'binary' });
