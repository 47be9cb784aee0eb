import { type Insertable, sql, type Updateable } from 'kysely';
import type { Db } from '../../db/database';
import type {
  UsulanEventTable,
  UsulanEvidenceTable,
  UsulanKind,
  UsulanStatus,
  UsulanTable,
} from '../../db/types';
import { PENDING_STATUSES } from './states';

const USULAN_COLUMNS = [
  'id',
  'kind',
  'region_code',
  'kabupaten_code',
  'household_id',
  'person_id',
  'nik',
  'subject_name',
  'payload',
  'reason',
  'status',
  'created_by',
  'created_by_name',
  'created_at',
  'updated_at',
  'batch_id',
  'fulfilled_import_id',
] as const;

const EVIDENCE_META = [
  'id',
  'usulan_id',
  'file_name',
  'mime_type',
  'size_bytes',
  'sha256',
  'uploaded_by_name',
  'uploaded_at',
] as const;

export interface UsulanListFilter {
  regionPrefix: string;
  status?: UsulanStatus | undefined;
  kind?: UsulanKind | undefined;
  limit: number;
  offset: number;
}

/**
 * Queries of the usulan tables, one statement each. The registry tables (person, household,
 * region) are only read here, to find who a proposal is about and whether a DTSEN edition
 * contains it; the registry module owns their changes.
 */
export function createUsulanRepository() {
  return {
    insert(db: Db, values: Insertable<UsulanTable>) {
      return db.insertInto('usulan').values(values).returning(USULAN_COLUMNS).executeTakeFirstOrThrow();
    },

    findById(db: Db, id: number) {
      return db.selectFrom('usulan').select(USULAN_COLUMNS).where('id', '=', id).executeTakeFirst();
    },

    /** The row locked for a state change, so two deciders cannot both move it. */
    lockById(db: Db, id: number) {
      return db
        .selectFrom('usulan')
        .select(USULAN_COLUMNS)
        .where('id', '=', id)
        .forUpdate()
        .executeTakeFirst();
    },

    update(db: Db, id: number, changes: Updateable<UsulanTable>) {
      return db
        .updateTable('usulan')
        .set(changes)
        .where('id', '=', id)
        .returning(USULAN_COLUMNS)
        .executeTakeFirstOrThrow();
    },

    async list(db: Db, filter: UsulanListFilter) {
      let query = db.selectFrom('usulan').where('region_code', 'like', `${filter.regionPrefix}%`);
      if (filter.status) query = query.where('status', '=', filter.status);
      if (filter.kind) query = query.where('kind', '=', filter.kind);
      const [rows, count] = await Promise.all([
        query
          .select(USULAN_COLUMNS)
          .orderBy('id', 'desc')
          .limit(filter.limit)
          .offset(filter.offset)
          .execute(),
        query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
      ]);
      return { rows, total: Number(count.n) };
    },

    /**
     * A proposal of this kind about the same subject still waiting for a decision. The subject
     * is the new head's NIK, the family, or the person (the unique index of migration 0005).
     */
    findPending(db: Db, kind: UsulanKind, subject: string) {
      return db
        .selectFrom('usulan')
        .select(['id', 'region_code'])
        .where('kind', '=', kind)
        .where(
          sql<boolean>`(CASE kind WHEN 'TAMBAH_KELUARGA' THEN nik WHEN 'HAPUS_KELUARGA' THEN household_id::text
                        ELSE person_id::text END) = ${subject}`,
        )
        .where('status', 'in', [...PENDING_STATUSES])
        .executeTakeFirst();
    },

    insertEvents(db: Db, events: Insertable<UsulanEventTable>[]) {
      return events.length === 0
        ? Promise.resolve([])
        : db.insertInto('usulan_event').values(events).execute();
    },

    events(db: Db, usulanId: number) {
      return db
        .selectFrom('usulan_event')
        .select(['at', 'actor_name', 'actor_role', 'from_status', 'to_status', 'comment'])
        .where('usulan_id', '=', usulanId)
        .orderBy('id')
        .execute();
    },

    /** Which of these 6-digit codes are kecamatan of the region list (for NIK and KK checks). */
    async knownKecamatan(db: Db, codes: string[]): Promise<Set<string>> {
      if (codes.length === 0) return new Set();
      const rows = await db
        .selectFrom('region')
        .select('code')
        .where('level', '=', 'kecamatan')
        .where('code', 'in', codes)
        .execute();
      return new Set(rows.map((r) => r.code));
    },

    findPerson(db: Db, by: { id: number } | { nik: string }) {
      const query = db
        .selectFrom('person')
        .select([
          'id',
          'nik',
          'household_id',
          'region_code',
          'name',
          'birth_date',
          'birth_place',
          'sex',
          'relationship',
          'mother_name',
          'status',
          'absent_since_edition',
        ]);
      return (
        'id' in by ? query.where('id', '=', by.id) : query.where('nik', '=', by.nik)
      ).executeTakeFirst();
    },

    findHousehold(db: Db, id: number) {
      return db
        .selectFrom('household as h')
        .select([
          'h.id',
          'h.kk',
          'h.region_code',
          (eb) =>
            eb
              .selectFrom('person as p')
              .select(['p.nik'])
              .whereRef('p.household_id', '=', 'h.id')
              .where('p.relationship', '=', 'KEPALA_KELUARGA')
              .orderBy('p.id')
              .limit(1)
              .as('head_nik'),
          (eb) =>
            eb
              .selectFrom('person as p')
              .select(['p.name'])
              .whereRef('p.household_id', '=', 'h.id')
              .where('p.relationship', '=', 'KEPALA_KELUARGA')
              .orderBy('p.id')
              .limit(1)
              .as('head_name'),
          (eb) =>
            eb
              .selectFrom('person as p')
              .select((e) => e.fn.countAll<number>().as('n'))
              .whereRef('p.household_id', '=', 'h.id')
              .where('p.status', '=', 'HIDUP')
              .where('p.absent_since_edition', 'is', null)
              .as('active_members'),
        ])
        .where('h.id', '=', id)
        .executeTakeFirst();
    },

    insertEvidence(db: Db, values: Insertable<UsulanEvidenceTable>) {
      return db
        .insertInto('usulan_evidence')
        .values(values)
        .returning(EVIDENCE_META)
        .executeTakeFirstOrThrow();
    },

    findEvidenceBySha(db: Db, usulanId: number, sha256: string) {
      return db
        .selectFrom('usulan_evidence')
        .select('id')
        .where('usulan_id', '=', usulanId)
        .where('sha256', '=', sha256)
        .executeTakeFirst();
    },

    async countEvidence(db: Db, usulanId: number): Promise<number> {
      const row = await db
        .selectFrom('usulan_evidence')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('usulan_id', '=', usulanId)
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },

    evidenceList(db: Db, usulanId: number) {
      return db
        .selectFrom('usulan_evidence')
        .select(EVIDENCE_META)
        .where('usulan_id', '=', usulanId)
        .orderBy('id')
        .execute();
    },

    /** One evidence file with its bytes and the region of its proposal (for the scope check). */
    findEvidence(db: Db, id: number) {
      return db
        .selectFrom('usulan_evidence as e')
        .innerJoin('usulan as u', 'u.id', 'e.usulan_id')
        .select([
          'e.id',
          'e.usulan_id',
          'e.file_name',
          'e.mime_type',
          'e.size_bytes',
          'e.sha256',
          'e.content',
        ])
        .select('u.region_code')
        .where('e.id', '=', id)
        .executeTakeFirst();
    },
  };
}

export type UsulanRepository = ReturnType<typeof createUsulanRepository>;
