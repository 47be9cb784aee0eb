import { type RawBuilder, sql } from 'kysely';
import type { Db } from '../../db/database';
import {
  EXCLUSION_TABLE_COLUMNS,
  type ExclusionRow,
  type ExclusionScope,
  exclusionSql,
  scopedHouseholdsSql,
} from './exclusion-sql';
import {
  type InclusionRow,
  type InclusionScope,
  inclusionCandidatesSql,
  LINES_TABLE_COLUMNS,
  scopedLinesSql,
} from './inclusion-sql';

type Chunk = { after: number; size: number };

const INCLUSION_TABLE_COLUMNS = `id bigint, line integer, nik text, kk text, name text, amount bigint, channel text,
  household_id bigint, scope_code text, desil smallint, desil_edition text, absent_since_edition text, rep_status text,
  reasons text[]`;

export interface Page {
  limit: number;
  offset: number;
}

export interface CountRow {
  key: string;
  n: number;
}

/**
 * Queries of the targeting lists. Each request computes the candidates once into temporary
 * tables of its transaction (`db` must be a transaction's: they drop at commit), then reads the
 * page, the total and the counts from them; exports do the same chunk by chunk, one short
 * transaction per chunk.
 */
export function createTargetingRepository() {
  async function fill(db: Db, table: string, columns: string, select: RawBuilder<unknown>, analyze = false) {
    await sql`CREATE TEMP TABLE ${sql.raw(table)} (${sql.raw(columns)}) ON COMMIT DROP`.execute(db);
    await sql`INSERT INTO ${sql.raw(table)} ${select}`.execute(db);
    // Statistics let the planner pick hash joins for a kabupaten and index lookups for a desa.
    if (analyze) await sql`ANALYZE ${sql.raw(table)}`.execute(db);
  }

  /** `tgt_inclusion`: the candidates among the scoped lines (all of them, or one chunk). */
  async function fillInclusion(db: Db, scope: InclusionScope, chunk?: Chunk) {
    await sql`SET LOCAL work_mem = '64MB'`.execute(db);
    await fill(db, 'tgt_lines', LINES_TABLE_COLUMNS, scopedLinesSql(scope, chunk), true);
    await fill(db, 'tgt_inclusion', INCLUSION_TABLE_COLUMNS, inclusionCandidatesSql(scope));
  }

  /** `tgt_exclusion`: the candidates among the scoped households (all of them, or one chunk). */
  async function fillExclusion(db: Db, scope: ExclusionScope, chunk?: Chunk) {
    await sql`SET LOCAL work_mem = '64MB'`.execute(db);
    await fill(db, 'tgt_households', 'id bigint', scopedHouseholdsSql(scope.prefix, chunk), true);
    await fill(db, 'tgt_exclusion', EXCLUSION_TABLE_COLUMNS, exclusionSql(scope));
  }

  async function counts(db: Db, query: RawBuilder<CountRow>): Promise<CountRow[]> {
    return (await query.execute(db)).rows.map((r) => ({ key: String(r.key), n: Number(r.n) }));
  }

  return {
    async inclusionList(db: Db, scope: InclusionScope, reason: string | undefined, page: Page) {
      await fillInclusion(db, scope);
      const where = reason ? sql`WHERE ${reason} = ANY (reasons)` : sql``;
      const rows = (
        await sql<InclusionRow>`SELECT * FROM tgt_inclusion ${where}
          ORDER BY scope_code, line, id LIMIT ${page.limit} OFFSET ${page.offset}`.execute(db)
      ).rows;
      const total = Number(
        (await sql<{ n: number }>`SELECT count(*) AS n FROM tgt_inclusion ${where}`.execute(db)).rows[0]?.n ??
          0,
      );
      return {
        rows,
        total,
        all: Number(
          (await sql<{ n: number }>`SELECT count(*) AS n FROM tgt_inclusion`.execute(db)).rows[0]?.n ?? 0,
        ),
        byReason: await counts(
          db,
          sql<CountRow>`SELECT r AS key, count(*) AS n FROM tgt_inclusion, unnest(reasons) r GROUP BY r`,
        ),
        byKecamatan: await counts(
          db,
          sql<CountRow>`SELECT substr(scope_code, 1, 6) AS key, count(*) AS n FROM tgt_inclusion GROUP BY 1 ORDER BY 1`,
        ),
        byKelurahan: await counts(
          db,
          sql<CountRow>`SELECT scope_code AS key, count(*) AS n FROM tgt_inclusion GROUP BY 1 ORDER BY 1`,
        ),
      };
    },

    async exclusionList(db: Db, scope: ExclusionScope, page: Page) {
      await fillExclusion(db, scope);
      const rows = (
        await sql<ExclusionRow>`SELECT * FROM tgt_exclusion
          ORDER BY region_code, desil, living DESC, kk LIMIT ${page.limit} OFFSET ${page.offset}`.execute(db)
      ).rows;
      const total = Number(
        (await sql<{ n: number }>`SELECT count(*) AS n FROM tgt_exclusion`.execute(db)).rows[0]?.n ?? 0,
      );
      return {
        rows,
        total,
        byDesil: await counts(
          db,
          sql<CountRow>`SELECT desil::text AS key, count(*) AS n FROM tgt_exclusion GROUP BY desil ORDER BY desil`,
        ),
        byComponent: await counts(
          db,
          sql<CountRow>`SELECT c AS key, count(*) AS n FROM tgt_exclusion, unnest(components) c GROUP BY c`,
        ),
        byKecamatan: await counts(
          db,
          sql<CountRow>`SELECT substr(region_code, 1, 6) AS key, count(*) AS n FROM tgt_exclusion GROUP BY 1 ORDER BY 1`,
        ),
        byKelurahan: await counts(
          db,
          sql<CountRow>`SELECT region_code AS key, count(*) AS n FROM tgt_exclusion GROUP BY 1 ORDER BY 1`,
        ),
      };
    },

    /** One export chunk: candidates among the next `size` allocation lines, and where the chunk ended. */
    async inclusionChunk(db: Db, scope: InclusionScope, after: number, size: number, reason?: string) {
      await fillInclusion(db, scope, { after, size });
      const where = reason ? sql`WHERE ${reason} = ANY (reasons)` : sql``;
      const rows = (await sql<InclusionRow>`SELECT * FROM tgt_inclusion ${where} ORDER BY id`.execute(db))
        .rows;
      const end = await sql<{ id: number }>`SELECT max(id) AS id, count(*) AS n FROM tgt_lines`.execute(db);
      const last = end.rows[0] as { id: number | null; n: number } | undefined;
      return { rows, next: last && Number(last.n) === size ? last.id : null };
    },

    async exclusionChunk(db: Db, scope: ExclusionScope, after: number, size: number) {
      await fillExclusion(db, scope, { after, size });
      const rows = (await sql<ExclusionRow>`SELECT * FROM tgt_exclusion ORDER BY household_id`.execute(db))
        .rows;
      const end = await sql<{ id: number }>`SELECT max(id) AS id, count(*) AS n FROM tgt_households`.execute(
        db,
      );
      const last = end.rows[0] as { id: number | null; n: number } | undefined;
      return { rows, next: last && Number(last.n) === size ? last.id : null };
    },

    /** For the enrolment: fills `tgt_exclusion` in the caller's transaction. */
    fillExclusion,

    regionNames(db: Db, codes: readonly string[]) {
      if (codes.length === 0) return Promise.resolve([] as Array<{ code: string; name: string }>);
      return db.selectFrom('region').select(['code', 'name']).where('code', 'in', codes).execute();
    },
  };
}

export type TargetingRepository = ReturnType<typeof createTargetingRepository>;
