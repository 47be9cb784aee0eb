import { maskKk } from '../../domain/kk';
import { maskNik } from '../../domain/nik';
import { COMPARED_FIELDS, type ComparedField } from './compare-sql';
import type { SyncCheckRecord, SyncItemRecord } from './repository';
import type { StatusCounts, SyncCheckSummary } from './run-check';

/**
 * Presenters: whitelist the fields that leave the server. NIK and KK are masked unless the
 * caller says the role may see them (DOMAIN.md "Personal data"); a KK inside the differences
 * is an identifier like any other.
 */
export interface Difference {
  field: ComparedField;
  local: string | null;
  central: string | null;
}

export function differencesOf(stored: unknown, full: boolean): Difference[] {
  const diff = (stored ?? {}) as Partial<Record<ComparedField, [unknown, unknown]>>;
  const shown = (field: ComparedField, value: unknown): string | null => {
    if (value === null || value === undefined) return null;
    const text = String(value);
    return field === 'kk' && !full ? maskKk(text) : text;
  };
  return COMPARED_FIELDS.filter((field) => diff[field] !== undefined).map((field) => {
    const [local, central] = diff[field]!;
    return { field, local: shown(field, local), central: shown(field, central) };
  });
}

export function presentItem(row: SyncItemRecord, full: boolean) {
  return {
    id: row.id,
    nik: full ? row.nik : maskNik(row.nik),
    name: row.name,
    status: row.status,
    regionCode: row.region_code,
    kecamatanCode: row.kecamatan_code,
    localStatus: row.local_status,
    differences: differencesOf(row.differences, full),
  };
}

export function presentCheck(row: SyncCheckRecord, counts: StatusCounts) {
  const summary = row.summary as Partial<SyncCheckSummary>;
  return {
    id: row.id,
    fileName: row.file_name,
    fileFormat: row.file_format,
    rowsRead: row.rows_read,
    accepted: row.accepted,
    rejected: row.rejected,
    rejectedByReason: (summary.rejectedByReason ?? {}) as Record<string, number>,
    comparedFields: summary.comparedFields ?? [],
    kecamatanCovered: summary.kecamatanCovered ?? [],
    createdBy: row.created_by_name,
    createdAt: row.created_at.toISOString(),
    counts,
  };
}

export type PresentedItem = ReturnType<typeof presentItem>;
