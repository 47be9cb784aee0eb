import type { Stream } from 'node:stream';
import ExcelJS from 'exceljs';
import { PKH_COMPONENT_LABELS, type PkhComponent } from '../../domain/pkh-benefit';
import { formatRegionCode } from '../../domain/region-code';
import type { ExclusionItem, InclusionItem, RegionNames } from './present';
import { INCLUSION_REASON_LABELS, type InclusionReason } from './reasons';
import type { TargetingMeta } from './scopes';

export interface TargetingExportContent {
  kind: 'inclusion' | 'exclusion';
  meta: TargetingMeta;
  prefix: string;
  createdAt: Date;
  names: (codes: Iterable<string>) => Promise<RegionNames>;
  inclusion?: AsyncIterable<InclusionItem> | undefined;
  exclusion?: AsyncIterable<ExclusionItem> | undefined;
}

const INCLUSION_COLUMNS = [
  ['KODE_KECAMATAN', 14],
  ['KODE_WILAYAH', 16],
  ['DESA_KELURAHAN', 24],
  ['BARIS', 8],
  ['NIK', 20],
  ['NAMA', 28],
  ['NO_KK', 20],
  ['NOMINAL', 14],
  ['PENYALUR', 10],
  ['DESIL', 7],
  ['ALASAN', 40],
  ['KETERANGAN', 80],
] as const;

const EXCLUSION_COLUMNS = [
  ['KODE_KECAMATAN', 14],
  ['KODE_WILAYAH', 16],
  ['DESA_KELURAHAN', 24],
  ['NO_KK', 20],
  ['NIK_KEPALA', 20],
  ['NAMA_KEPALA', 28],
  ['DESIL', 7],
  ['EDISI_DESIL', 11],
  ['ANGGOTA_HIDUP', 14],
  ['KOMPONEN_PKH', 50],
] as const;

/**
 * The list as a workbook: one row per candidate (sheet "Daftar"), then the count per
 * desa/kelurahan (sheet "Ringkasan", counted while the list is written). Streamed row by row;
 * identifiers as text and masked.
 */
export async function writeTargetingXlsx(
  out: NodeJS.WritableStream,
  content: TargetingExportContent,
): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out as unknown as Stream,
    useSharedStrings: false,
    useStyles: true,
  });
  workbook.created = content.createdAt;
  const word = content.kind === 'inclusion' ? 'inklusi' : 'eksklusi';
  workbook.title = `Kesalahan ${word} ${content.meta.program} ${content.meta.periodLabel}`;
  const perVillage = new Map<string, number>();

  const list = workbook.addWorksheet('Daftar');
  const columns = content.kind === 'inclusion' ? INCLUSION_COLUMNS : EXCLUSION_COLUMNS;
  setColumns(list, columns);
  for (let i = 1; i <= columns.length; i++) list.getColumn(i).numFmt = '@';
  for await (const item of content.inclusion ?? []) {
    perVillage.set(item.regionCode, (perVillage.get(item.regionCode) ?? 0) + 1);
    list
      .addRow([
        formatRegionCode(item.kecamatanCode),
        formatRegionCode(item.regionCode),
        item.regionName ?? '',
        item.line,
        item.nik,
        item.name ?? '',
        item.kk ?? '',
        item.amount,
        item.channel,
        item.desil ?? '',
        item.reasons.join(', '),
        item.reasons.map((r) => INCLUSION_REASON_LABELS[r as InclusionReason] ?? r).join('; '),
      ])
      .commit();
  }
  for await (const item of content.exclusion ?? []) {
    perVillage.set(item.regionCode, (perVillage.get(item.regionCode) ?? 0) + 1);
    list
      .addRow([
        formatRegionCode(item.kecamatanCode),
        formatRegionCode(item.regionCode),
        item.regionName ?? '',
        item.kk,
        item.headNik,
        item.headName,
        item.desil,
        item.desilEdition,
        item.livingMembers,
        item.components.map((c) => PKH_COMPONENT_LABELS[c as PkhComponent] ?? c).join('; '),
      ])
      .commit();
  }
  list.commit();

  const summary = workbook.addWorksheet('Ringkasan');
  setColumns(summary, [
    ['KODE_KECAMATAN', 14],
    ['KODE_WILAYAH', 16],
    ['DESA_KELURAHAN', 24],
    ['JUMLAH', 10],
  ]);
  const codes = [...perVillage.keys()].sort();
  const names = await content.names(codes);
  for (const code of codes) {
    summary
      .addRow([
        formatRegionCode(code.slice(0, 6)),
        formatRegionCode(code),
        names.get(code) ?? '',
        perVillage.get(code),
      ])
      .commit();
  }
  const rule = content.meta.desilMax === null ? '' : `; batas desil ${content.meta.desilMax}`;
  summary
    .addRow([`Program ${content.meta.program}, ${content.meta.periodLabel}${rule}; NIK/KK tersamar.`])
    .commit();
  summary.commit();
  await workbook.commit();
}

function setColumns(sheet: ExcelJS.Worksheet, columns: ReadonlyArray<readonly [string, number]>): void {
  sheet.columns = columns.map(([header, width]) => ({ header, key: header, width }));
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).commit();
}
