import { maskKk } from '../../domain/kk';
import { parsePeriod } from '../../domain/period';
import { iso } from '../../platform/http/schemas';
import type { NoncomplianceRow, PeriodRow, ProgramRow, RuleRow } from './repository';
import { ruleSpec } from './rule-keys';

/** API shapes of the programmes module: fields whitelisted, money as integer rupiah. */
export function presentProgram(program: ProgramRow) {
  return {
    code: program.code,
    name: program.name,
    kind: program.kind,
    funding: program.funding,
    periodKinds: program.period_kinds,
    budget: program.budget === null ? null : Number(program.budget),
    benefitAmount: program.benefit_amount === null ? null : Number(program.benefit_amount),
    createdAt: program.created_at.toISOString(),
  };
}

export type PeriodWithCounts = PeriodRow & { lines: number; kpm: number; allocated: number; reports: number };

export function presentPeriod(row: PeriodWithCounts) {
  return {
    program: row.program_code,
    period: row.period,
    label: parsePeriod(row.period)?.label ?? row.period,
    status: row.status,
    finalisedAt: iso(row.finalised_at),
    finalisedByName: row.finalised_by_name ?? null,
    reconciledAt: iso(row.reconciled_at),
    createdAt: row.created_at.toISOString(),
    allocationLines: row.lines,
    kpm: row.kpm,
    allocated: row.allocated,
    reports: row.reports,
  };
}

type RuleFields = Pick<
  RuleRow,
  'id' | 'key' | 'value' | 'valid_from' | 'valid_to' | 'source' | 'created_at'
> & {
  created_by_name?: string | null;
};

/** `today` is the office's date: a row is current when valid_from ≤ today < valid_to. */
export function presentRule(row: RuleFields, today: string) {
  const state =
    row.valid_from > today ? 'FUTURE' : row.valid_to !== null && row.valid_to <= today ? 'PAST' : 'CURRENT';
  return {
    id: row.id,
    key: row.key,
    unit: ruleSpec(row.key)?.unit ?? null,
    value: Number(row.value),
    validFrom: row.valid_from,
    validTo: row.valid_to,
    source: row.source,
    state: state as 'CURRENT' | 'PAST' | 'FUTURE',
    createdByName: row.created_by_name ?? null,
    createdAt: row.created_at.toISOString(),
  };
}

/** A list line: KK always masked (DOMAIN.md "Personal data"). */
export function presentNoncompliance(row: NoncomplianceRow) {
  return {
    id: row.id,
    householdId: row.household_id,
    program: row.program_code,
    period: row.period,
    periodLabel: parsePeriod(row.period)?.label ?? row.period,
    regionCode: row.region_code,
    kkMasked: maskKk(row.kk),
    headName: row.head_name ?? null,
    reason: row.reason,
    recordedByName: row.recorded_by_name ?? null,
    recordedAt: row.recorded_at.toISOString(),
  };
}
