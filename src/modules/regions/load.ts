import { csvRow } from '../../db/copy-csv';
import type { SalurDatabase } from '../../db/database';
import { REGION_SOURCE, readReferenceRegions } from './reference-data';

export interface RegionLoadResult {
  source: string;
  loaded: boolean;
  counts: Record<string, number>;
}

/**
 * Loads the reference region list once per source version: COPY into a staging table, then
 * one upsert and one statement retiring codes the new list no longer has (never deleted: records
 * may point to them, DOMAIN.md "Region code").
 */
export async function loadReferenceRegions(database: SalurDatabase): Promise<RegionLoadResult> {
  const already = await database.db
    .selectFrom('region_source')
    .select(['counts'])
    .where('source', '=', REGION_SOURCE)
    .executeTakeFirst();
  if (already)
    return { source: REGION_SOURCE, loaded: false, counts: already.counts as Record<string, number> };

  const regions = readReferenceRegions();
  const counts: Record<string, number> = {};
  for (const region of regions) counts[region.level] = (counts[region.level] ?? 0) + 1;
  const csv = regions.map((r) => csvRow([r.code, r.parentCode, r.level, r.name])).join('');

  await database.transaction(async ({ raw }) => {
    await raw.exec(`CREATE TEMP TABLE region_stage (code text, parent_code text, level text, name text)
      ON COMMIT DROP`);
    await raw.copyCsv('region_stage', ['code', 'parent_code', 'level', 'name'], csv);
    // Parents sort before children (shorter codes first), which the foreign key needs.
    await raw.query(
      `INSERT INTO region (code, parent_code, level, name, source)
       SELECT code, nullif(parent_code, ''), level, name, $1 FROM region_stage ORDER BY length(code), code
       ON CONFLICT (code) DO UPDATE SET name = excluded.name, parent_code = excluded.parent_code,
         source = excluded.source, retired_in = NULL`,
      [REGION_SOURCE],
    );
    await raw.query(
      `UPDATE region SET retired_in = $1
       WHERE retired_in IS NULL AND code NOT IN (SELECT code FROM region_stage)`,
      [REGION_SOURCE],
    );
    await raw.query('INSERT INTO region_source (source, counts) VALUES ($1, $2)', [
      REGION_SOURCE,
      JSON.stringify(counts),
    ]);
  });
  return { source: REGION_SOURCE, loaded: true, counts };
}
