import type { Db, SalurDatabase } from '../../db/database';
import { canonicalRegionCode, parentRegionCode } from '../../domain/region-code';
import type { Config } from '../../platform/config';
import { NotFoundError, ValidationError } from '../../platform/errors';
import { createRegionsRepository } from './repository';

export interface Region {
  code: string;
  parentCode: string | null;
  level: 'provinsi' | 'kabupaten' | 'kecamatan' | 'desa';
  name: string;
  retired: boolean;
}

type RegionRecord = {
  code: string;
  parent_code: string | null;
  level: Region['level'];
  name: string;
  retired_in: string | null;
};

export function toRegion(row: RegionRecord): Region {
  return {
    code: row.code,
    parentCode: row.parent_code,
    level: row.level,
    name: row.name,
    retired: row.retired_in !== null,
  };
}

/** The region reference list is public information: reading it needs a login, not a scope. */
export function createRegionsService(deps: { database: SalurDatabase; config: Config }) {
  const repo = createRegionsRepository();
  const db = deps.database.db;

  /** Parses a code given with or without dots; unknown codes are a 404 (REGION_UNKNOWN). */
  async function get(input: string, executor: Db = db): Promise<Region> {
    const code = canonicalRegionCode(input);
    if (!code)
      throw new ValidationError(
        'REGION_CODE_FORMAT',
        `Kode wilayah "${input}" tidak sesuai format Kemendagri.`,
      );
    const row = await repo.findByCode(executor, code);
    if (!row) throw new NotFoundError(`Wilayah ${input}`, { code: 'REGION_UNKNOWN' });
    return toRegion(row);
  }

  return {
    get,

    /** A region and its ancestors up to the province, e.g. for "Kel. X, Kec. Y, Kota Padang". */
    async path(code: string): Promise<Region[]> {
      const codes: string[] = [];
      for (let c: string | null = code; c; c = parentRegionCode(c)) codes.unshift(c);
      const rows = await repo.findByCodes(db, codes);
      return codes
        .map((c) => rows.find((r) => r.code === c))
        .filter((r) => r !== undefined)
        .map(toRegion);
    },

    async children(code: string | null): Promise<Region[]> {
      if (code !== null) await get(code);
      const canonical = code === null ? null : canonicalRegionCode(code);
      return (await repo.children(db, canonical)).map(toRegion);
    },

    async search(q: string, within: string | undefined, limit = 20): Promise<Region[]> {
      const prefix = within ? (await get(within)).code : '';
      return (await repo.search(db, q, prefix, limit)).map(toRegion);
    },

    /** The office's own kabupaten/kota (SALUR_KABUPATEN). */
    office(): Promise<Region> {
      return get(deps.config.kabupatenCode);
    },
  };
}

export type RegionsService = ReturnType<typeof createRegionsService>;
