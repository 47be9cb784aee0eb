import type { RawConnection } from '../../db/raw-connection';
import type { DtsenField } from '../registry/import/fields';

/**
 * The set-based statements of a sync check (ARCHITECTURE.md "Set-based SQL for bulk work"):
 * the extract is staged with COPY, then a single INSERT … SELECT gives every person one
 * status. They only read `person` and `household`; all run inside the check's transaction,
 * and the stage tables drop at its end. Valid on PostgreSQL 15 and PGlite.
 */

/** The fields compared, in the order the differences are shown (issue 3). */
export const COMPARED_FIELDS = [
  'name',
  'birthDate',
  'birthPlace',
  'sex',
  'relationship',
  'kk',
  'regionCode',
  'status',
  'motherName',
] as const satisfies readonly DtsenField[];

export type ComparedField = (typeof COMPARED_FIELDS)[number];

// Local value, central value, and whether case is ignored: the centre writes names in capitals
// while a local edit may not, and "BUDI" vs "Budi" is not a difference anyone has to fix.
const FIELD_SQL: Record<ComparedField, { local: string; central: string; fold?: true }> = {
  name: { local: 'p.name', central: 's.name', fold: true },
  birthDate: { local: 'p.birth_date', central: 's.birth_date' },
  birthPlace: { local: 'p.birth_place', central: 's.birth_place', fold: true },
  sex: { local: 'p.sex', central: 's.sex' },
  relationship: { local: 'p.relationship', central: 's.relationship' },
  kk: { local: 'h.kk', central: 's.kk' },
  regionCode: { local: 'p.region_code', central: 's.region_code' },
  status: { local: 'p.status', central: 's.status' },
  motherName: { local: 'p.mother_name', central: 's.mother_name', fold: true },
};

export const STAGE_COLUMNS = [
  'line',
  'nik',
  'kk',
  'name',
  'birth_date',
  'birth_place',
  'sex',
  'relationship',
  'region_code',
  'mother_name',
  'status',
] as const;

export async function createStage(raw: RawConnection): Promise<void> {
  await raw.exec(`
    CREATE TEMP TABLE stage_sync (
      line integer NOT NULL, nik text NOT NULL, kk text NOT NULL, name text NOT NULL, birth_date date,
      birth_place text, sex text, relationship text, region_code text NOT NULL, mother_name text, status text NOT NULL
    ) ON COMMIT DROP;
    CREATE TEMP TABLE stage_sync_unread (nik text NOT NULL) ON COMMIT DROP;`);
}

export async function indexStage(raw: RawConnection): Promise<void> {
  await raw.exec(`
    CREATE UNIQUE INDEX ON stage_sync (nik);
    CREATE INDEX ON stage_sync_unread (nik);
    ANALYZE stage_sync;
    ANALYZE stage_sync_unread;`);
}

/** `{ field: [local, central] }` for the fields that differ; fields absent from the file are skipped. */
function differenceExpression(fields: readonly ComparedField[]): string {
  const parts = fields.map((field) => {
    const { local, central, fold } = FIELD_SQL[field];
    const differs = fold
      ? `upper(${local}) IS DISTINCT FROM upper(${central})`
      : `${local} IS DISTINCT FROM ${central}`;
    return `'${field}', CASE WHEN ${differs} THEN jsonb_build_array(${local}, ${central}) END`;
  });
  return `jsonb_strip_nulls(jsonb_build_object(${parts.join(', ')}))`;
}

/**
 * Every person of the extract (SINKRON, BEDA_DATA, HANYA_PUSAT) and every local person of a
 * kecamatan the extract covers who is not in it (HANYA_LOKAL), in one statement. A person whose
 * row was rejected but whose NIK could be read is in the extract, only unreadable: not
 * HANYA_LOKAL. Rows are inserted by kelurahan, status and name, so id order is report order.
 */
export async function insertItems(
  raw: RawConnection,
  checkId: number,
  kabupatenCode: string,
  fields: readonly ComparedField[],
): Promise<number> {
  const result = await raw.query(
    `INSERT INTO sync_check_item
       (check_id, nik, person_id, status, region_code, kecamatan_code, name, local_status, differences)
     SELECT $1::bigint, u.nik, u.person_id, u.status, u.region_code, substr(u.region_code, 1, 6), u.name,
       u.local_status, u.diff
     FROM (
       SELECT x.nik, x.person_id, x.region_code, x.name, x.local_status, x.diff,
         CASE WHEN x.person_id IS NULL THEN 'HANYA_PUSAT'
              WHEN x.diff = '{}'::jsonb THEN 'SINKRON' ELSE 'BEDA_DATA' END AS status
       FROM (
         SELECT s.nik, p.id AS person_id, COALESCE(p.region_code, s.region_code) AS region_code,
           COALESCE(p.name, s.name) AS name, p.status AS local_status,
           CASE WHEN p.id IS NULL THEN '{}'::jsonb ELSE ${differenceExpression(fields)} END AS diff
         FROM stage_sync s
         LEFT JOIN person p ON p.nik = s.nik
         LEFT JOIN household h ON h.id = p.household_id
       ) x
       UNION ALL
       SELECT p.nik, p.id, p.region_code, p.name, p.status, '{}'::jsonb, 'HANYA_LOKAL'
       FROM person p
       WHERE p.kabupaten_code = $2
         AND substr(p.region_code, 1, 6) IN (SELECT DISTINCT substr(region_code, 1, 6) FROM stage_sync)
         AND NOT EXISTS (SELECT 1 FROM stage_sync s WHERE s.nik = p.nik)
         AND NOT EXISTS (SELECT 1 FROM stage_sync_unread r WHERE r.nik = p.nik)
     ) u
     ORDER BY u.region_code, u.status, u.name, u.nik`,
    [checkId, kabupatenCode],
  );
  // Fresh statistics, so that reading a whole kabupaten and reading one kelurahan each get
  // their index (no autovacuum has seen these rows yet).
  await raw.exec('ANALYZE sync_check_item');
  return result.rowCount;
}

/** The kecamatan the extract covers: HANYA_LOKAL is only decided inside them. */
export async function coveredKecamatan(raw: RawConnection): Promise<string[]> {
  const { rows } = await raw.query<{ code: string }>(
    'SELECT DISTINCT substr(region_code, 1, 6) AS code FROM stage_sync ORDER BY 1',
  );
  return rows.map((r) => r.code);
}
