import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { canonicalRegionCode, type RegionLevel } from '../../domain/region-code';

/**
 * The Kemendagri 2025 region list as shipped by the npm package `idn-area-data` (code MIT,
 * data ODbL). Files are small (≈3 MB in all), so reading them whole is fine.
 */
export const REGION_SOURCE = 'idn-area-data@4.0.1 (Kepmendagri 2025)';

export interface ReferenceRegion {
  code: string;
  parentCode: string | null;
  level: RegionLevel;
  name: string;
}

const FILES: Array<{ file: string; level: RegionLevel; parentColumn: string | null }> = [
  { file: 'provinces.csv', level: 'provinsi', parentColumn: null },
  { file: 'regencies.csv', level: 'kabupaten', parentColumn: 'province_code' },
  { file: 'districts.csv', level: 'kecamatan', parentColumn: 'regency_code' },
  { file: 'villages.csv', level: 'desa', parentColumn: 'district_code' },
];

function dataDir(): string {
  const require = createRequire(import.meta.url);
  return path.join(path.dirname(require.resolve('idn-area-data/package.json')), 'data');
}

let cache: ReferenceRegion[] | undefined;

/** Every region of the reference list, parents before children, codes canonical. */
export function readReferenceRegions(): ReferenceRegion[] {
  if (cache) return cache;
  const dir = dataDir();
  const all: ReferenceRegion[] = [];
  for (const { file, level, parentColumn } of FILES) {
    const rows = parse(fs.readFileSync(path.join(dir, file)), { columns: true }) as Record<string, string>[];
    for (const row of rows) {
      const code = canonicalRegionCode(row.code);
      if (!code) throw new Error(`idn-area-data: bad code ${row.code} in ${file}`);
      const parent = parentColumn ? canonicalRegionCode(row[parentColumn]) : null;
      all.push({ code, parentCode: parent, level, name: row.name!.trim() });
    }
  }
  cache = all;
  return all;
}

/** Name lookup by canonical code, for commands that run without a database (`salur nik`). */
export function referenceRegionIndex(): Map<string, ReferenceRegion> {
  return new Map(readReferenceRegions().map((region) => [region.code, region]));
}
