import { z } from 'zod';

const Rupiah = z.number().int().describe('Rupiah, bilangan bulat');

export const ProgramKindSchema = z.enum(['PKH', 'SEMBAKO', 'LOCAL']).meta({ id: 'ProgramKind' });
export const PeriodKindSchema = z.enum(['TAHAP', 'MONTH', 'QUARTER']).meta({ id: 'PeriodKind' });
export const RuleUnitSchema = z.enum(['RUPIAH', 'COUNT', 'PERCENT', 'DESIL']).meta({ id: 'RuleUnit' });

// `program` like the allocations, disbursements and reconciliation routes: one name for one path segment.
export const ProgramCodeParams = z.object({ program: z.string().min(1).max(30) });
export const PeriodParams = z.object({
  program: z.string().min(1).max(30),
  period: z.string().min(1).max(20),
});
export const NoncomplianceParams = PeriodParams.extend({ id: z.coerce.number().int().positive() });

/** A period with its figures, restricted to the reader's region. */
export const ProgramPeriodSummary = z
  .object({
    program: z.string(),
    period: z.string(),
    label: z.string().describe('mis. "Tahap II 2026"'),
    status: z.enum(['OPEN', 'FINAL']),
    finalisedAt: z.string().nullable(),
    finalisedByName: z.string().nullable(),
    reconciledAt: z.string().nullable(),
    createdAt: z.string(),
    allocationLines: z.number().int().describe('Baris alokasi dalam wilayah pembaca'),
    kpm: z.number().int().describe('KPM (NIK pengurus berbeda) dalam wilayah pembaca'),
    allocated: Rupiah.describe('Rupiah dialokasikan dalam wilayah pembaca'),
    reports: z.number().int().describe('Berkas laporan penyaluran (untuk seluruh kantor)'),
  })
  .meta({ id: 'ProgramPeriodSummary' });

export const ProgramSummary = z
  .object({
    code: z.string(),
    name: z.string(),
    kind: ProgramKindSchema,
    funding: z.enum(['APBN', 'APBD']),
    periodKinds: z.array(PeriodKindSchema),
    budget: Rupiah.nullable(),
    benefitAmount: Rupiah.nullable().describe('Program daerah: nilai per KPM per periode'),
    createdAt: z.string(),
    periods: z.array(ProgramPeriodSummary),
  })
  .meta({ id: 'ProgramSummary' });

export const ProgramList = z.object({ items: z.array(ProgramSummary) }).meta({ id: 'ProgramList' });

export const ProgramPeriodDetail = z
  .object({
    program: ProgramSummary.omit({ periods: true }),
    period: ProgramPeriodSummary.extend({
      kind: PeriodKindSchema,
      start: z.string(),
      end: z.string(),
    }),
  })
  .meta({ id: 'ProgramPeriodDetail' });

export const CreateProgramBody = z
  .object({
    code: z.string().min(2).max(30).describe('mis. SEMBAKO_DAERAH'),
    name: z.string().trim().min(1).max(120),
    // Range and integer checks are the service's (PROGRAM_BUDGET_INVALID, …): one code for API and CLI.
    budget: z.number(),
    benefitAmount: z.number(),
    periodKinds: z.array(z.string()).default(['MONTH']).describe('MONTH dan/atau QUARTER'),
  })
  .meta({ id: 'CreateProgramBody' });

export const UpdateProgramBody = z
  .object({
    name: z.string().trim().min(1).max(120).optional(),
    budget: z.number().optional(),
    benefitAmount: z.number().optional(),
  })
  .meta({ id: 'UpdateProgramBody' });

export const BenefitRule = z
  .object({
    id: z.number().int(),
    key: z.string(),
    unit: RuleUnitSchema.nullable(),
    value: z.number().int(),
    validFrom: z.string(),
    validTo: z.string().nullable().describe('Tidak termasuk: berlaku sampai sehari sebelumnya'),
    source: z.string().nullable(),
    state: z.enum(['CURRENT', 'PAST', 'FUTURE']),
    createdByName: z.string().nullable(),
    createdAt: z.string(),
  })
  .meta({ id: 'BenefitRule' });

export const BenefitRuleList = z
  .object({
    program: ProgramSummary.omit({ periods: true }),
    today: z.string(),
    keys: z.array(z.object({ key: z.string(), unit: RuleUnitSchema, min: z.number(), max: z.number() })),
    items: z.array(BenefitRule),
  })
  .meta({ id: 'BenefitRuleList' });

export const SetRuleBody = z
  .object({
    key: z.string().min(1).max(60).describe('mis. pkh.index.anak_sd'),
    // Checked per key by the service (RULE_VALUE_INVALID), as for the CLI.
    value: z.number(),
    validFrom: z.string().describe('TTTT-BB-HH'),
    source: z.string().max(300),
  })
  .meta({ id: 'SetRuleBody' });

export const SetRuleResult = z
  .object({ rule: BenefitRule, previous: BenefitRule.nullable() })
  .meta({ id: 'SetRuleResult' });

export const Noncompliance = z
  .object({
    id: z.number().int(),
    householdId: z.number().int(),
    program: z.string(),
    period: z.string(),
    periodLabel: z.string(),
    regionCode: z.string(),
    kkMasked: z.string(),
    headName: z.string().nullable(),
    reason: z.string(),
    recordedByName: z.string().nullable(),
    recordedAt: z.string(),
  })
  .meta({ id: 'Noncompliance' });

export const NoncomplianceList = z
  .object({ items: z.array(Noncompliance), total: z.number().int() })
  .meta({ id: 'NoncomplianceList' });

export const CreateNoncomplianceBody = z
  .object({ householdId: z.number().int().positive(), reason: z.string().max(500) })
  .meta({ id: 'CreateNoncomplianceBody' });
