import type { Db } from '../../db/database';

export interface RegionSets {
  /** Kecamatan codes (6 digits), retired ones included: a NIK keeps the code it was issued under. */
  kecamatan: Set<string>;
  /** Desa/kelurahan codes (10 digits), retired ones included. */
  villages: Set<string>;
}

/** The region codes as sets (≈91 k short strings), for checking every row of a file in memory. */
export async function loadRegionSets(db: Db): Promise<RegionSets> {
  const rows = await db
    .selectFrom('region')
    .select(['code', 'level'])
    .where('level', 'in', ['kecamatan', 'desa'])
    .execute();
  const sets: RegionSets = { kecamatan: new Set(), villages: new Set() };
  for (const r of rows) (r.level === 'kecamatan' ? sets.kecamatan : sets.villages).add(r.code);
  return sets;
}

/**
 * The kecamatan codes only (≈7 k, retired ones included: a NIK keeps the code it was issued
 * under), for files whose rows name no village. Loading the villages too (≈84 k) cost a
 * channel report import 0.25–0.35 s on PGlite for nothing.
 */
export async function loadKecamatanCodes(db: Db): Promise<string[]> {
  const rows = await db.selectFrom('region').select('code').where('level', '=', 'kecamatan').execute();
  return rows.map((r) => r.code);
}
