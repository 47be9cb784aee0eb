import { type Insertable, sql } from 'kysely';
import type { Db } from '../../db/database';
import type { UsulanBatchTable, UsulanKind } from '../../db/types';

const BATCH_META = [
  'id',
  'file_name',
  'count',
  'file_sha256',
  'created_by_name',
  'created_at',
  'region_code',
] as const;

/**
 * Queries of the way out (batches for SIKS-NG) and back (a DTSEN edition that contains the
 * change), one statement each. Registry tables are only read.
 */
export function createBatchRepository() {
  return {
    /**
     * Every proposal approved by Dinsos in the scope, locked (a second batch made at the same
     * moment waits, then finds them sent), with what the SIKS-NG file needs about each.
     */
    lockApproved(db: Db, regionPrefix: string) {
      return db
        .selectFrom('usulan as u')
        .leftJoin('person as p', 'p.id', 'u.person_id')
        .leftJoin('household as h', (join) =>
          join.on((eb) => eb('h.id', '=', eb.fn.coalesce('u.household_id', 'p.household_id'))),
        )
        .leftJoin('region as d', 'd.code', 'u.region_code')
        .leftJoin('region as k', (join) => join.on('k.code', '=', sql<string>`substr(u.region_code, 1, 6)`))
        .select([
          'u.id',
          'u.kind',
          'u.status',
          'u.region_code',
          'u.nik',
          'u.subject_name',
          'u.payload',
          'u.reason',
          'p.name as person_name',
          'h.kk as household_kk',
          'd.name as desa_name',
          'k.name as kecamatan_name',
        ])
        .where('u.status', '=', 'DISETUJUI_DINSOS')
        .where('u.region_code', 'like', `${regionPrefix}%`)
        .orderBy('u.kind')
        .orderBy('u.region_code')
        .orderBy('u.id')
        .forUpdate('u')
        .execute();
    },

    markSent(db: Db, ids: number[], batchId: number, at: Date) {
      return db
        .updateTable('usulan')
        .set({ status: 'DIKIRIM', batch_id: batchId, updated_at: at })
        .where('id', 'in', ids)
        .where('status', '=', 'DISETUJUI_DINSOS')
        .execute();
    },

    insertBatch(db: Db, values: Insertable<UsulanBatchTable>) {
      return db.insertInto('usulan_batch').values(values).returning(BATCH_META).executeTakeFirstOrThrow();
    },

    updateBatchFile(
      db: Db,
      id: number,
      file: { file_name: string; file_sha256: string; content: Uint8Array },
    ) {
      return db
        .updateTable('usulan_batch')
        .set(file)
        .where('id', '=', id)
        .returning(BATCH_META)
        .executeTakeFirstOrThrow();
    },

    listBatches(db: Db, regionPrefix: string) {
      return db
        .selectFrom('usulan_batch')
        .select(BATCH_META)
        .where('region_code', 'like', `${regionPrefix}%`)
        .orderBy('id', 'desc')
        .limit(200)
        .execute();
    },

    findBatch(db: Db, id: number) {
      return db
        .selectFrom('usulan_batch')
        .select([...BATCH_META, 'content'])
        .where('id', '=', id)
        .executeTakeFirst();
    },

    /**
     * Sent proposals whose change the import's edition contains (issue 3), locked:
     * - TAMBAH_KELUARGA: the new head's NIK is in the registry, seen in this edition;
     * - HAPUS_ORANG: the person is gone (absent from an edition, deceased or moved);
     * - HAPUS_KELUARGA: no member is still living and listed in the family;
     * - UBAH_DATA: the person, seen in this edition, has every proposed value (names compared
     *   without regard to case: DTSEN writes names in capitals).
     */
    lockFulfilled(db: Db, importId: number) {
      return db
        .selectFrom('usulan as u')
        .innerJoin('registry_import as i', (join) => join.on('i.id', '=', importId))
        .select(['u.id', 'u.kind', 'u.region_code', 'u.status', 'u.batch_id', 'i.edition'])
        .where('u.status', '=', 'DIKIRIM')
        .where(
          sql<boolean>`CASE u.kind
            WHEN 'TAMBAH_KELUARGA' THEN EXISTS (
              SELECT 1 FROM person p WHERE p.nik = u.nik AND p.last_seen_edition = i.edition)
            WHEN 'HAPUS_ORANG' THEN EXISTS (
              SELECT 1 FROM person p WHERE p.id = u.person_id
                AND (p.absent_since_edition IS NOT NULL OR p.status IN ('MENINGGAL', 'PINDAH')))
            WHEN 'HAPUS_KELUARGA' THEN NOT EXISTS (
              SELECT 1 FROM person p WHERE p.household_id = u.household_id
                AND p.status = 'HIDUP' AND p.absent_since_edition IS NULL)
            WHEN 'UBAH_DATA' THEN EXISTS (
              SELECT 1 FROM person p WHERE p.id = u.person_id AND p.last_seen_edition = i.edition
                AND NOT EXISTS (
                  SELECT 1 FROM jsonb_each_text(u.payload -> 'changes') c (field, value)
                  WHERE upper(c.value) IS DISTINCT FROM upper(CASE c.field
                    WHEN 'name' THEN p.name WHEN 'birthDate' THEN p.birth_date::text
                    WHEN 'birthPlace' THEN p.birth_place WHEN 'sex' THEN p.sex
                    WHEN 'relationship' THEN p.relationship WHEN 'motherName' THEN p.mother_name END)))
            ELSE false END`,
        )
        .orderBy('u.id')
        .forUpdate('u')
        .execute();
    },

    markFulfilled(db: Db, ids: number[], importId: number, at: Date) {
      return db
        .updateTable('usulan')
        .set({ status: 'SELESAI', fulfilled_import_id: importId, updated_at: at })
        .where('id', 'in', ids)
        .execute();
    },
  };
}

export type BatchLine = Awaited<ReturnType<ReturnType<typeof createBatchRepository>['lockApproved']>>[number];
export type { UsulanKind };
