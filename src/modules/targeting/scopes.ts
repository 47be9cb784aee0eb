import type { Db } from '../../db/database';
import { ValidationError } from '../../platform/errors';
import { requirePeriodCode, requireProgram, rulesAt } from '../programs/period-rules';
import type { ExclusionScope } from './exclusion-sql';
import type { InclusionScope } from './inclusion-sql';

export interface ScopeInput {
  program: string;
  period: string;
  prefix: string;
  requireProgram?: string | undefined;
  requirePeriod?: string | undefined;
}

export interface TargetingMeta {
  program: string;
  programName: string;
  period: string;
  periodLabel: string;
  /** `targeting.desil_max` of the programme at the period start (Kepmensos 79/HUK/2025). */
  desilMax: number | null;
  requireProgram: string | null;
  requirePeriod: string | null;
}

export interface TargetingScopes {
  meta: TargetingMeta;
  inclusion: InclusionScope;
  /** Throws when the programme has no desil threshold: without it nobody is "within" it. */
  exclusion: () => ExclusionScope;
}

/**
 * Checks the programme and period (and the optional "receives programme X in period Y"
 * filter) and reads the threshold in force: the rules are data with validity dates
 * (DOMAIN.md "Programmes — rules kept as data").
 */
export async function targetingScopes(db: Db, input: ScopeInput): Promise<TargetingScopes> {
  const program = await requireProgram(db, input.program);
  const period = await requirePeriodCode(db, program.code, input.period);
  const rules = await rulesAt(db, program.code, period.start);
  const desilMax = rules['targeting.desil_max'] ?? null;
  let receives: { program: string; period: string } | undefined;
  if (input.requireProgram || input.requirePeriod) {
    if (!input.requireProgram || !input.requirePeriod) {
      throw new ValidationError(
        'REQUIRE_FILTER_INCOMPLETE',
        'Saring "menerima program" memerlukan program dan periodenya sekaligus.',
      );
    }
    const required = await requirePeriodCode(db, input.requireProgram, input.requirePeriod);
    receives = { program: input.requireProgram, period: required.code };
  }
  const meta: TargetingMeta = {
    program: program.code,
    programName: program.name,
    period: period.code,
    periodLabel: period.label,
    desilMax,
    requireProgram: receives?.program ?? null,
    requirePeriod: receives?.period ?? null,
  };
  return {
    meta,
    inclusion: { program: program.code, period: period.code, prefix: input.prefix, desilMax },
    exclusion: () => {
      if (desilMax === null) {
        throw new ValidationError(
          'TARGETING_THRESHOLD_MISSING',
          `Program ${program.code} belum memiliki aturan batas desil (targeting.desil_max) yang berlaku pada ${period.label}: daftar kesalahan eksklusi tidak dapat disusun.`,
          { program: program.code, period: period.code },
        );
      }
      return {
        program: program.code,
        period: period.code,
        prefix: input.prefix,
        desilMax,
        requireComponent: program.kind === 'PKH',
        start: period.start,
        end: period.end,
        receives,
      };
    },
  };
}
