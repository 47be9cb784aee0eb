import type { Stream } from 'node:stream';
import ExcelJS from 'exceljs';
import type { SyncStatus } from '../../db/types';
import { formatDateId } from '../../domain/format';
import { formatRegionCode } from '../../domain/region-code';
import { DTSEN_FIELD_LABELS } from '../registry/import/fields';
import type { Difference, PresentedItem } from './present';

export interface RegionRow {
  code: string;
  name: string | null;
  kecamatanCode: string;
  counts: Record<SyncStatus, number> & { total: number };
}

export interface SyncExportContent {
  fileName: string;
  createdAt: Date;
  kecamatanNames: Map<string, string | null>;
  kelurahan: RegionRow[];
  /** Items already presented (NIK masked or not), in report order. */
  items: AsyncIterable<PresentedItem>;
}

const STATUSES: readonly SyncStatus[] = ['SINKRON', 'BEDA_DATA', 'HANYA_LOKAL', 'HANYA_PUSAT'];

const SUMMARY_COLUMNS = [
  ['KODE_KECAMATAN', 14],
  ['KECAMATAN', 24],
  ['KODE_WILAYAH', 16],
  ['DESA_KELURAHAN', 24],
  ...STATUSES.map((s) => [s, 13] as const),
  ['JUMLAH', 10],
] as const;

const ITEM_COLUMNS = [
  ['NIK', 20],
  ['NAMA', 28],
  ['STATUS', 14],
  ['KODE_WILAYAH', 16],
  ['DESA_KELURAHAN', 24],
  ['STATUS_LOKAL', 13],
  ['BIDANG_BERBEDA', 28],
  ['DATA_LOKAL', 40],
  ['DATA_PUSAT', 40],
] as const;

/**
 * The check as a workbook: a summary per desa/kelurahan, then one row per person. Written row
 * by row with exceljs's streaming writer, every cell as text (a NIK must not become a number).
 */
export async function writeSyncXlsx(out: NodeJS.WritableStream, content: SyncExportContent): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out as unknown as Stream,
    useSharedStrings: false,
    useStyles: true,
  });
  workbook.created = content.createdAt;
  workbook.title = `Cek sinkron: ${content.fileName}`;

  const summary = workbook.addWorksheet('Ringkasan');
  setColumns(summary, SUMMARY_COLUMNS);
  for (const row of content.kelurahan) {
    summary
      .addRow([
        formatRegionCode(row.kecamatanCode),
        content.kecamatanNames.get(row.kecamatanCode) ?? '',
        formatRegionCode(row.code),
        row.name ?? '',
        ...STATUSES.map((s) => row.counts[s]),
        row.counts.total,
      ])
      .commit();
  }
  summary.commit();

  const names = new Map(content.kelurahan.map((r) => [r.code, r.name ?? '']));
  const list = workbook.addWorksheet('Daftar');
  setColumns(list, ITEM_COLUMNS);
  for (let i = 1; i <= ITEM_COLUMNS.length; i++) list.getColumn(i).numFmt = '@';
  for await (const item of content.items) {
    list
      .addRow([
        item.nik,
        item.name,
        item.status,
        formatRegionCode(item.regionCode),
        names.get(item.regionCode) ?? '',
        item.localStatus ?? '',
        item.differences.map((d) => DTSEN_FIELD_LABELS[d.field]).join('; '),
        describe(item.differences, 'local'),
        describe(item.differences, 'central'),
      ])
      .commit();
  }
  list.commit();
  await workbook.commit();
}

function setColumns(sheet: ExcelJS.Worksheet, columns: ReadonlyArray<readonly [string, number]>): void {
  sheet.columns = columns.map(([header, width]) => ({ header, key: header, width }));
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).commit();
}

function describe(differences: readonly Difference[], side: 'local' | 'central'): string {
  return differences
    .map((d) => {
      const value = d[side];
      return `${DTSEN_FIELD_LABELS[d.field]}: ${value === null ? '(kosong)' : shownValue(d.field, value)}`;
    })
    .join('; ');
}

function shownValue(field: Difference['field'], value: string): string {
  if (field === 'regionCode') return formatRegionCode(value);
  if (field === 'birthDate' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return formatDateId(value);
  return value;
}
