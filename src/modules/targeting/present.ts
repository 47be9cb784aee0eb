import { maskKk } from '../../domain/kk';
import { maskNik } from '../../domain/nik';
import type { ExclusionRow } from './exclusion-sql';
import type { InclusionRow } from './inclusion-sql';
import type { CountRow } from './repository';

/**
 * Presenters of the targeting lists: whitelisted fields, NIK and KK always masked (a list is
 * not a full record; DOMAIN.md "Personal data").
 */
export type RegionNames = Map<string, string>;

export function presentInclusion(row: InclusionRow, names: RegionNames) {
  return {
    allocationId: Number(row.id),
    line: row.line,
    nik: maskNik(row.nik),
    kk: row.kk ? maskKk(row.kk) : null,
    name: row.name,
    amount: Number(row.amount),
    channel: row.channel,
    householdId: row.household_id === null ? null : Number(row.household_id),
    regionCode: row.scope_code,
    kecamatanCode: row.scope_code.slice(0, 6),
    regionName: names.get(row.scope_code) ?? null,
    desil: row.desil,
    desilEdition: row.desil_edition,
    absentSinceEdition: row.absent_since_edition,
    reasons: row.reasons,
  };
}

export function presentExclusion(row: ExclusionRow, names: RegionNames) {
  return {
    householdId: Number(row.household_id),
    kk: maskKk(row.kk),
    headNik: maskNik(row.head_nik),
    headName: row.head_name,
    regionCode: row.region_code,
    kecamatanCode: row.region_code.slice(0, 6),
    regionName: names.get(row.region_code) ?? null,
    desil: row.desil,
    desilEdition: row.desil_edition,
    livingMembers: Number(row.living),
    components: row.components,
  };
}

export function countsToRecord(rows: readonly CountRow[]): Record<string, number> {
  return Object.fromEntries(rows.map((r) => [r.key, r.n]));
}

export function regionCounts(rows: readonly CountRow[], names: RegionNames) {
  return rows.map((r) => ({ code: r.key, name: names.get(r.key) ?? null, count: r.n }));
}

export type InclusionItem = ReturnType<typeof presentInclusion>;
export type ExclusionItem = ReturnType<typeof presentExclusion>;
