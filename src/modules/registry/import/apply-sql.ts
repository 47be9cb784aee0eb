import type { RawConnection } from '../../../db/raw-connection';

/**
 * The set-based statements that turn a staged file into registry changes (ARCHITECTURE.md
 * "Set-based SQL for bulk work"). Each function is one statement (or one temp-table build);
 * all run inside the import's single transaction, so a crash at any point leaves nothing.
 * Valid on PostgreSQL 15 and PGlite.
 */

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
  'address',
  'rt',
  'rw',
  'desil',
  'id_dtsen',
  'id_dtks',
  'mother_name',
  'status',
  'nik_warnings',
] as const;

export async function createStage(raw: RawConnection): Promise<void> {
  await raw.exec(`
    CREATE TEMP TABLE stage_person (
      line integer NOT NULL, nik text NOT NULL, kk text NOT NULL, name text NOT NULL, birth_date date,
      birth_place text, sex text, relationship text, region_code text NOT NULL, address text, rt text, rw text,
      desil smallint, id_dtsen text, id_dtks text, mother_name text, status text NOT NULL, nik_warnings text[] NOT NULL
    ) ON COMMIT DROP;
    CREATE TEMP TABLE stage_rejection (line integer NOT NULL, reasons text[] NOT NULL, fields text[] NOT NULL,
      original jsonb NOT NULL) ON COMMIT DROP;
    CREATE TEMP TABLE stage_kk_raw (kk text NOT NULL, region_code text NOT NULL, address text, rt text, rw text,
      id_dtsen text, id_dtks text, desil smallint, rep_nik text NOT NULL, ord integer NOT NULL) ON COMMIT DROP;`);
}

/** One row per KK of the file, chosen while reading (see stage-csv.ts, KkRepresentatives). */
export const STAGE_KK_COLUMNS = [
  'kk',
  'region_code',
  'address',
  'rt',
  'rw',
  'id_dtsen',
  'id_dtks',
  'desil',
  'rep_nik',
  'ord',
] as const;

export async function indexStage(raw: RawConnection): Promise<void> {
  // Temp tables are never analysed automatically: without statistics the planner expects a few
  // thousand rows and picks nested loops over a million (work_mem: db/bulk-settings.ts).
  // No index on the stage: every statement below reads all of it, and hash joins do that
  // better than a million index probes (NIKs are unique already: DUPLICATE_IN_FILE).
  await raw.exec(`
    SET LOCAL maintenance_work_mem = '256MB';
    ANALYZE stage_person (nik, kk);
    ANALYZE stage_kk_raw (kk, rep_nik);`);
}

/**
 * One pass of the file against the registry (a full join on NIK); `person_change` keeps the
 * rows with something to do (a re-import of an unchanged file keeps none):
 * - each staged person already in the registry with anything to write (`in_file`, `person_id`,
 *   `touch`): what changed, against the registry as it was before this import. The
 *   field-by-field diff is built only for rows that differ: on a re-import nearly all rows are
 *   equal, and one row comparison is far cheaper than eleven jsonb pieces;
 * - each staged person not in it yet (`in_file`, no `person_id`): to insert;
 * - each registry person the file leaves out who is to be flagged absent (`absent`): alive, not
 *   flagged yet, of this kabupaten and of a kecamatan the file covers (coveredKecamatan, so a
 *   partial file does not mark the rest of the kabupaten absent).
 * One hash of the registry for all three (measured on a 1 M-person re-import: the separate
 * anti-join for the absent people cost another 0.45 s), and no million unchanged rows written.
 */
export async function buildPersonChanges(
  raw: RawConnection,
  edition: string,
  scope: { kabupatenCode: string; coveredKecamatan: readonly string[] },
): Promise<void> {
  // Literals, as a script takes no parameters: the edition is checked as YYYY-MM before the
  // import starts, the codes are digits (checked again here).
  if (!/^\d{4}-\d{2}$/.test(edition)) throw new Error(`edition ${edition}`);
  const codes = [scope.kabupatenCode, ...scope.coveredKecamatan];
  if (codes.some((code) => !/^\d+$/.test(code))) throw new Error('region codes are digits');
  const covered = `'{${scope.coveredKecamatan.join(',')}}'::text[]`;
  await raw.exec(`
    CREATE TEMP TABLE person_change ON COMMIT DROP AS
    SELECT * FROM (
    SELECT c.nik, c.kk, c.person_id, c.in_file, c.absent, c.was_absent, c.household_id, c.diff,
      (c.in_file AND c.person_id IS NOT NULL AND (c.diff <> '{}'::jsonb
        OR c.old_household_id IS DISTINCT FROM c.household_id OR c.old_nik_warnings IS DISTINCT FROM c.nik_warnings
        OR c.last_seen_edition IS DISTINCT FROM '${edition}' OR c.was_absent IS NOT NULL)) AS touch
    FROM (
    SELECT s.nik IS NOT NULL AS in_file, coalesce(s.nik, p.nik) AS nik, s.kk, p.id AS person_id,
      s.nik IS NULL AND p.kabupaten_code = '${scope.kabupatenCode}' AND p.status = 'HIDUP'
        AND p.absent_since_edition IS NULL AND substr(p.region_code, 1, 6) = ANY(${covered}) AS absent,
      CASE WHEN s.nik IS NOT NULL THEN p.absent_since_edition END AS was_absent,
      p.household_id AS old_household_id, k.household_id, p.nik_warnings AS old_nik_warnings, s.nik_warnings,
      p.last_seen_edition,
      CASE WHEN s.nik IS NULL OR p.id IS NULL THEN '{}'::jsonb
        WHEN (c0.old_kk, p.name, p.birth_date, p.birth_place, p.sex, p.relationship, p.mother_name, p.status,
                 p.region_code, COALESCE(s.id_dtsen, p.id_dtsen), COALESCE(s.id_dtks, p.id_dtks))
             IS NOT DISTINCT FROM
                (s.kk, s.name, s.birth_date, s.birth_place, s.sex, s.relationship, s.mother_name, s.status,
                 s.region_code, p.id_dtsen, p.id_dtks)
      THEN '{}'::jsonb ELSE jsonb_strip_nulls(jsonb_build_object(
        'kk', CASE WHEN c0.old_kk IS DISTINCT FROM s.kk THEN jsonb_build_array(c0.old_kk, s.kk) END,
        'name', CASE WHEN p.name IS DISTINCT FROM s.name THEN jsonb_build_array(p.name, s.name) END,
        'birthDate', CASE WHEN p.birth_date IS DISTINCT FROM s.birth_date THEN jsonb_build_array(p.birth_date, s.birth_date) END,
        'birthPlace', CASE WHEN p.birth_place IS DISTINCT FROM s.birth_place THEN jsonb_build_array(p.birth_place, s.birth_place) END,
        'sex', CASE WHEN p.sex IS DISTINCT FROM s.sex THEN jsonb_build_array(p.sex, s.sex) END,
        'relationship', CASE WHEN p.relationship IS DISTINCT FROM s.relationship THEN jsonb_build_array(p.relationship, s.relationship) END,
        'motherName', CASE WHEN p.mother_name IS DISTINCT FROM s.mother_name THEN jsonb_build_array(p.mother_name, s.mother_name) END,
        'status', CASE WHEN p.status IS DISTINCT FROM s.status THEN jsonb_build_array(p.status, s.status) END,
        'regionCode', CASE WHEN p.region_code IS DISTINCT FROM s.region_code THEN jsonb_build_array(p.region_code, s.region_code) END,
        'idDtsen', CASE WHEN s.id_dtsen IS NOT NULL AND p.id_dtsen IS DISTINCT FROM s.id_dtsen THEN jsonb_build_array(p.id_dtsen, s.id_dtsen) END,
        'idDtks', CASE WHEN s.id_dtks IS NOT NULL AND p.id_dtks IS DISTINCT FROM s.id_dtks THEN jsonb_build_array(p.id_dtks, s.id_dtks) END
      )) END AS diff
    FROM stage_person s
    FULL JOIN person p ON p.nik = s.nik
    LEFT JOIN stage_kk k ON k.kk = s.kk
    -- The person's KK before this import: their household's, which is this KK (or, renumbered,
    -- its old KK) unless they moved; only movers need the household looked up.
    CROSS JOIN LATERAL (SELECT CASE WHEN s.nik IS NULL OR p.id IS NULL THEN NULL
      WHEN p.household_id = k.household_id THEN COALESCE(k.old_kk, k.kk)
      ELSE (SELECT oh.kk FROM household oh WHERE oh.id = p.household_id) END AS old_kk) c0
    ) c
    ) d
    -- Only the rows with something to do: on a re-import of an unchanged file, none (counts: countChanges).
    WHERE d.touch OR (d.in_file AND d.person_id IS NULL) OR d.absent;
    ANALYZE person_change (nik, person_id, touch);`);
}

/**
 * One row per KK in the file (described by its head's row, else its first row: picked while
 * reading), with its household: the one holding that KK, else — a KK not known yet whose
 * representative belongs to a household whose KK is absent from this file — the same family
 * under a new KK number (move, new head; one new KK per old household, any further new KK
 * from it is a split, pecah KK), else a new household with its id taken now from the
 * household sequence, so that households and people insert without a round trip back.
 */
export async function buildStageKk(raw: RawConnection): Promise<void> {
  const { rows } = await raw.query<{ seq: string }>(
    "SELECT pg_get_serial_sequence('household', 'id') AS seq",
  );
  const sequence = rows[0]!.seq.replaceAll("'", "''");
  await raw.exec(`
    CREATE TEMP TABLE stage_kk ON COMMIT DROP AS
    WITH matched AS (
      SELECT r.*, h.id AS known_id FROM stage_kk_raw r LEFT JOIN household h ON h.kk = r.kk
    ),
    renumbered AS (
      SELECT DISTINCT ON (p.household_id) m.kk, p.household_id, h.kk AS old_kk
      FROM matched m
      JOIN person p ON p.nik = m.rep_nik
      JOIN household h ON h.id = p.household_id
      WHERE m.known_id IS NULL AND NOT EXISTS (SELECT 1 FROM stage_kk_raw o WHERE o.kk = h.kk)
      ORDER BY p.household_id, m.kk
    )
    SELECT m.kk, m.region_code, m.address, m.rt, m.rw, m.id_dtsen, m.id_dtks, m.desil, m.rep_nik,
      COALESCE(m.known_id, n.household_id, nextval('${sequence}'::regclass)) AS household_id,
      m.known_id IS NULL AND n.household_id IS NULL AS is_new, n.old_kk
    FROM matched m LEFT JOIN renumbered n ON n.kk = m.kk
    -- New households numbered in order of first appearance in the file, whatever join the
    -- planner picks: a volatile output (nextval) is computed after the sort (PostgreSQL ≥ 9.6).
    ORDER BY m.ord;
    ANALYZE stage_kk (kk, household_id, is_new);`);
}

export async function recordKkHistory(raw: RawConnection, importId: number): Promise<number> {
  const result = await raw.query(
    `INSERT INTO household_kk_history (household_id, kk, valid_from, valid_to, import_id)
     SELECT s.household_id, s.old_kk,
       COALESCE((SELECT max(x.valid_to) FROM household_kk_history x WHERE x.household_id = s.household_id), h.created_at),
       now(), $1::bigint
     FROM stage_kk s JOIN household h ON h.id = s.household_id
     WHERE s.old_kk IS NOT NULL`,
    [importId],
  );
  return result.rowCount;
}

export async function updateHouseholds(raw: RawConnection): Promise<number> {
  const result = await raw.query(`
    UPDATE household h SET kk = s.kk, region_code = s.region_code, kabupaten_code = substr(s.region_code, 1, 4),
      address = s.address, rt = s.rt, rw = s.rw,
      id_dtsen = COALESCE(s.id_dtsen, h.id_dtsen), id_dtks = COALESCE(s.id_dtks, h.id_dtks), updated_at = now()
    FROM stage_kk s
    WHERE h.id = s.household_id
      AND (h.kk, h.region_code, h.address, h.rt, h.rw, h.id_dtsen, h.id_dtks)
        IS DISTINCT FROM (s.kk, s.region_code, s.address, s.rt, s.rw, COALESCE(s.id_dtsen, h.id_dtsen), COALESCE(s.id_dtks, h.id_dtks))`);
  return result.rowCount;
}

export async function insertHouseholds(raw: RawConnection): Promise<number> {
  const result = await raw.query(`
    INSERT INTO household (id, kk, kabupaten_code, region_code, address, rt, rw, id_dtsen, id_dtks)
    OVERRIDING SYSTEM VALUE
    SELECT household_id, kk, substr(region_code, 1, 4), region_code, address, rt, rw, id_dtsen, id_dtks
    FROM stage_kk WHERE is_new`);
  return result.rowCount;
}

/** Updates changed people, and stamps everyone in the file as seen in this edition. */
export async function updatePersons(raw: RawConnection, edition: string): Promise<void> {
  await raw.query(
    `UPDATE person p SET name = s.name, birth_date = s.birth_date, birth_place = s.birth_place, sex = s.sex,
       relationship = s.relationship, mother_name = s.mother_name, status = s.status,
       region_code = s.region_code, kabupaten_code = substr(s.region_code, 1, 4), household_id = c.household_id,
       id_dtsen = COALESCE(s.id_dtsen, p.id_dtsen), id_dtks = COALESCE(s.id_dtks, p.id_dtks),
       nik_warnings = s.nik_warnings, last_seen_edition = $1, absent_since_edition = NULL,
       updated_at = CASE WHEN c.diff <> '{}'::jsonb THEN now() ELSE p.updated_at END
     FROM person_change c
     JOIN stage_person s ON s.nik = c.nik
     WHERE c.touch AND p.id = c.person_id`,
    [edition],
  );
}

export async function recordPersonUpdates(raw: RawConnection, importId: number): Promise<void> {
  await raw.query(
    `INSERT INTO person_history (person_id, import_id, change, fields)
     SELECT person_id, $1::bigint, 'UPDATE', diff FROM person_change WHERE in_file AND person_id IS NOT NULL AND diff <> '{}'::jsonb
     UNION ALL
     SELECT person_id, $1::bigint, 'RETURNED', jsonb_build_object('absentSince', was_absent)
     FROM person_change WHERE in_file AND person_id IS NOT NULL AND was_absent IS NOT NULL`,
    [importId],
  );
}

export async function insertPersons(raw: RawConnection, importId: number, edition: string): Promise<number> {
  const result = await raw.query(
    `INSERT INTO person (nik, household_id, kabupaten_code, region_code, name, birth_place, birth_date, sex,
       relationship, mother_name, status, nik_warnings, id_dtsen, id_dtks, last_seen_edition, created_import_id)
     SELECT s.nik, k.household_id, substr(s.region_code, 1, 4), s.region_code, s.name, s.birth_place, s.birth_date,
       s.sex, s.relationship, s.mother_name, s.status, s.nik_warnings, s.id_dtsen, s.id_dtks, $2, $1::bigint
     FROM stage_person s
     JOIN person_change c ON c.nik = s.nik AND c.in_file AND c.person_id IS NULL
     JOIN stage_kk k ON k.kk = s.kk
     ORDER BY s.line`,
    [importId, edition],
  );
  return result.rowCount;
}

// The person and household tables' secondary indexes and foreign keys, exactly as migration
// 0002 made them, and the foreign key checked row by row when household desil are inserted.
export const BULK_DDL = {
  drop: `ALTER TABLE person DROP CONSTRAINT person_household_id_fkey;
    ALTER TABLE person DROP CONSTRAINT person_region_code_fkey;
    DROP INDEX person_name_trgm_idx; DROP INDEX person_region_idx; DROP INDEX person_household_idx;
    DROP INDEX person_nik_idx;
    ALTER TABLE household DROP CONSTRAINT household_region_code_fkey;
    DROP INDEX household_kk_idx; DROP INDEX household_region_idx;
    ALTER TABLE household_desil DROP CONSTRAINT household_desil_household_id_fkey;`,
  create: `CREATE UNIQUE INDEX person_nik_idx ON person (nik);
    CREATE INDEX person_household_idx ON person (household_id);
    CREATE INDEX person_region_idx ON person (region_code text_pattern_ops);
    CREATE INDEX person_name_trgm_idx ON person USING gin (lower(name) gin_trgm_ops);
    CREATE UNIQUE INDEX household_kk_idx ON household (kk);
    CREATE INDEX household_region_idx ON household (region_code text_pattern_ops);
    ALTER TABLE person ADD CONSTRAINT person_household_id_fkey FOREIGN KEY (household_id) REFERENCES household (id);
    ALTER TABLE person ADD CONSTRAINT person_region_code_fkey FOREIGN KEY (region_code) REFERENCES region (code);
    ALTER TABLE household ADD CONSTRAINT household_region_code_fkey FOREIGN KEY (region_code) REFERENCES region (code);
    ALTER TABLE household_desil ADD CONSTRAINT household_desil_household_id_fkey
      FOREIGN KEY (household_id) REFERENCES household (id);`,
};

/** Rows below which indexes are kept up row by row; above, and when the import at least doubles the table, they are rebuilt. */
export const BULK_MIN_ROWS = 50_000;

/**
 * A large load into a small registry (a kabupaten's first DTSEN file) drops the person
 * table's secondary indexes and the foreign keys of person, household and household_desil,
 * and `endBulkLoad` builds them again after the inserts: measured on 1 M people, the trigram
 * index alone is 2.3 s to build but most of a minute to maintain row by row, and a foreign
 * key checks (and locks) its referenced row once per inserted row. Inside the import's
 * transaction, so a failure restores them; on PostgreSQL the tables are locked against
 * other sessions until the import commits.
 */
export async function startBulkLoad(raw: RawConnection, newPersons: number): Promise<boolean> {
  const { rows } = await raw.query<{ n: number }>(
    "SELECT greatest(reltuples, 0)::bigint AS n FROM pg_class WHERE oid = 'person'::regclass",
  );
  const bulk = newPersons >= BULK_MIN_ROWS && newPersons >= Number(rows[0]?.n ?? 0);
  if (bulk) await raw.exec(BULK_DDL.drop);
  return bulk;
}

export async function endBulkLoad(raw: RawConnection): Promise<void> {
  await raw.exec(BULK_DDL.create);
}

/**
 * The people the file leaves out (person_change.absent: of the kecamatan the file covers,
 * alive, not flagged yet): flagged, never deleted (issue 3), with a history row each.
 */
export async function flagAbsent(raw: RawConnection, importId: number, edition: string): Promise<number> {
  const result = await raw.query(
    `WITH absent AS (
       UPDATE person p SET absent_since_edition = $2, updated_at = now()
       FROM person_change c WHERE c.absent AND p.id = c.person_id
       RETURNING p.id
     )
     INSERT INTO person_history (person_id, import_id, change, fields)
     SELECT id, $1::bigint, 'ABSENT', jsonb_build_object('edition', $2::text) FROM absent`,
    [importId, edition],
  );
  return result.rowCount;
}

/** New households cannot have a desil yet: a plain insert for them, an upsert for the rest. Returns the rows written. */
export async function upsertDesil(raw: RawConnection, edition: string): Promise<number> {
  const inserted = await raw.query(
    `INSERT INTO household_desil (household_id, edition, desil)
     SELECT household_id, $1, desil FROM stage_kk WHERE desil IS NOT NULL AND is_new`,
    [edition],
  );
  // Only the rows that are new or differ, found by one join (not an index probe per household).
  const upserted = await raw.query(
    `INSERT INTO household_desil (household_id, edition, desil)
     SELECT s.household_id, $1, s.desil FROM stage_kk s
     LEFT JOIN household_desil d ON d.household_id = s.household_id AND d.edition = $1
     WHERE s.desil IS NOT NULL AND NOT s.is_new AND d.desil IS DISTINCT FROM s.desil
     ON CONFLICT (household_id, edition) DO UPDATE SET desil = excluded.desil`,
    [edition],
  );
  return inserted.rowCount + upserted.rowCount;
}

export async function saveRejections(raw: RawConnection, importId: number): Promise<void> {
  await raw.query(
    `INSERT INTO registry_import_rejection (import_id, line, reasons, fields, original)
     SELECT $1::bigint, line, reasons, fields, original FROM stage_rejection`,
    [importId],
  );
}

/**
 * What the file changes, counted once from person_change (which holds only the rows with
 * something to do): new people, changed, unchanged (the other known ones), the rows the later
 * steps have work for (touched: anything to write; returned: flagged absent before; absent: to
 * flag) so that a step with nothing to do is skipped.
 */
export async function countChanges(raw: RawConnection, staged: number) {
  const { rows } = await raw.query<{
    inserted: number;
    updated: number;
    touched: number;
    returned: number;
    absent: number;
  }>(
    `SELECT count(*) FILTER (WHERE in_file AND person_id IS NULL)::int AS inserted,
            count(*) FILTER (WHERE in_file AND person_id IS NOT NULL AND diff <> '{}'::jsonb)::int AS updated,
            count(*) FILTER (WHERE touch)::int AS touched,
            count(*) FILTER (WHERE in_file AND was_absent IS NOT NULL)::int AS returned,
            count(*) FILTER (WHERE absent)::int AS absent
     FROM person_change`,
  );
  const r = rows[0]!;
  return { ...r, unchanged: staged - r.inserted - r.updated };
}

/**
 * Fresh planner statistics for the tables a bulk change touched. PGlite has no autovacuum:
 * without this the planner believes the tables are nearly empty and picks nested loops that
 * take minutes on a real registry (measured: 84 s for one data-quality query on the demo).
 * A table is analysed when the import wrote at least autovacuum's default share of it (50
 * rows + 10 %): a re-import that changed little spares four scans of a large registry.
 */
export async function analyzeRegistry(
  raw: RawConnection,
  written: Record<'household' | 'person' | 'household_desil' | 'person_history', number>,
): Promise<string[]> {
  const { rows } = await raw.query<{ name: string; n: number }>(
    `SELECT relname AS name, greatest(reltuples, 0)::float8 AS n FROM pg_class
     WHERE oid IN ('household'::regclass, 'person'::regclass, 'household_desil'::regclass, 'person_history'::regclass)`,
  );
  const stale = rows
    .filter((r) => written[r.name as keyof typeof written] >= 50 + 0.1 * Number(r.n))
    .map((r) => r.name)
    .sort();
  if (stale.length > 0) await raw.exec(stale.map((t) => `ANALYZE ${t};`).join(' '));
  return stale;
}
