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
