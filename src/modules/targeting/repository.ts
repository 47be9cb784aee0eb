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
  CANDIDATES_TABLE_COLUMNS,
  type InclusionRow,
  type InclusionScope,
  inclusionCandidatesSql,
  inclusionDetailsSql,
  LINES_TABLE_COLUMNS,
  scopedLinesSql,
} from './inclusion-sql';
import { INCLUSION_REASONS } from './reasons';

type Chunk = { after: number; size: number };

// Above this many scoped lines the duplicate NIKs are found by one grouping of the period's NIKs
// rather than one index probe per line (measured: about even at 50,000 of 1,000,000).
const WIDE_LINES = 50_000;

/** Candidates per desa/kelurahan (scope_code), per reason and with the filter's reason. */
interface InclusionCountRow {
  key: string;
  n: number;
  matching: number;
  [reason: string]: string | number;
}

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
 * page and the counts from them. An inclusion export computes the candidates once the same way,
 * then reads their rows in batches outside the transaction; an exclusion export goes chunk by
 * chunk, one short transaction per chunk.
 */
export function createTargetingRepository() {
  async function fill(db: Db, table: string, columns: string, select: RawBuilder<unknown>, analyze = false) {
    await sql`CREATE TEMP TABLE ${sql.raw(table)} (${sql.raw(columns)}) ON COMMIT DROP`.execute(db);
    const inserted = await sql`INSERT INTO ${sql.raw(table)} ${select}`.execute(db);
    // Statistics let the planner pick hash joins for a kabupaten and index lookups for a desa.
    if (analyze) await sql`ANALYZE ${sql.raw(table)}`.execute(db);
    return Number(inserted.numAffectedRows ?? 0);
  }

  /** `tgt_inclusion` (id, line, scope_code, reasons): the candidates among the scoped lines. */
  async function fillInclusion(db: Db, scope: InclusionScope) {
    await sql`SET LOCAL work_mem = '64MB'`.execute(db);
    // Compiling these plans (JIT) costs more than it saves: seconds on a kabupaten.
    await sql`SET LOCAL jit = off`.execute(db);
    const lines = await fill(db, 'tgt_lines', LINES_TABLE_COLUMNS, scopedLinesSql(scope), true);
    await fill(
      db,
      'tgt_inclusion',
      CANDIDATES_TABLE_COLUMNS,
      inclusionCandidatesSql(scope, { wide: lines > WIDE_LINES }),
    );
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
      const pageSql = sql`SELECT id, reasons FROM tgt_inclusion ${where}
        ORDER BY scope_code, line, id LIMIT ${page.limit} OFFSET ${page.offset}`;
      const rows = (
        await sql<InclusionRow>`SELECT * FROM (${inclusionDetailsSql(pageSql)}) d
          ORDER BY scope_code, line, id`.execute(db)
      ).rows;
      // All the counts in one pass over the candidates, per desa/kelurahan.
      const perReason = INCLUSION_REASONS.map(
        (r) => sql`count(*) FILTER (WHERE ${r} = ANY (reasons)) AS ${sql.ref(r)}`,
      );
      const matching = reason ? sql`count(*) FILTER (WHERE ${reason} = ANY (reasons))` : sql`count(*)`;
      const perVillage = (
        await sql<InclusionCountRow>`SELECT scope_code AS key, count(*) AS n, ${matching} AS matching,
            ${sql.join(perReason)}
          FROM tgt_inclusion GROUP BY scope_code ORDER BY scope_code`.execute(db)
      ).rows;
      const byKecamatan = new Map<string, number>();
      const byReason = new Map<string, number>();
      let total = 0;
      let all = 0;
      // Per region, the lines the list shows (the reason filter applied, as the export's summary);
      // per reason, every line: those counts are the filter's choices.
      for (const row of perVillage) {
        const kecamatan = String(row.key).slice(0, 6);
        if (Number(row.matching) > 0)
          byKecamatan.set(kecamatan, (byKecamatan.get(kecamatan) ?? 0) + Number(row.matching));
        for (const r of INCLUSION_REASONS) byReason.set(r, (byReason.get(r) ?? 0) + Number(row[r]));
        total += Number(row.matching);
        all += Number(row.n);
      }
      return {
        rows,
        total,
        all,
        byReason: [...byReason].filter(([, n]) => n > 0).map(([key, n]) => ({ key, n })),
        byKecamatan: [...byKecamatan].sort(([x], [y]) => compare(x, y)).map(([key, n]) => ({ key, n })),
        byKelurahan: perVillage
          .filter((r) => Number(r.matching) > 0)
          .map((r) => ({ key: String(r.key), n: Number(r.matching) })),
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

    /**
     * Exports, step 1: every candidate of the scope (with the filter's reason), in id order, as
     * compact arrays (8 bytes of id and 1 byte of reasons per candidate): the reasons are
     * computed once for the whole scope, then the transaction ends and the rows are read in
     * batches (inclusionDetails) while the workbook is written.
     */
    async inclusionCandidateIds(db: Db, scope: InclusionScope, reason?: string) {
      await fillInclusion(db, scope);
      const where = reason ? sql`WHERE ${reason} = ANY (reasons)` : sql``;
      const bits = INCLUSION_REASONS.map(
        (r, i) => sql`CASE WHEN ${r} = ANY (reasons) THEN ${sql.lit(1 << i)} ELSE 0 END`,
      );
      // Groups of ids as text: a few strings instead of one JS object per candidate.
      const groups = (
        await sql<{ ids: string; masks: string; n: number }>`
          SELECT string_agg(id::text, ',' ORDER BY id) AS ids, string_agg(mask::text, ',' ORDER BY id) AS masks, count(*) AS n
          FROM (SELECT id, ${sql.join(bits, sql` + `)} AS mask, (row_number() OVER (ORDER BY id) - 1) / 50000 AS g
                FROM tgt_inclusion ${where}) c
          GROUP BY g ORDER BY g`.execute(db)
      ).rows;
      const total = groups.reduce((sum, g) => sum + Number(g.n), 0);
      const ids = new Float64Array(total);
      const masks = new Uint8Array(total);
      let at = 0;
      for (const g of groups) {
        const masksOfGroup = g.masks.split(',');
        g.ids.split(',').forEach((id, i) => {
          ids[at + i] = Number(id);
          masks[at + i] = Number(masksOfGroup[i]);
        });
        at += masksOfGroup.length;
      }
      return { ids, masks };
    },

    /** Exports, step 2: the shown fields of some candidates (ids with their reasons), in id order. */
    async inclusionDetails(db: Db, ids: Float64Array, masks: Uint8Array) {
      const reasons = new Map<number, string[]>();
      for (const [i, id] of ids.entries()) {
        reasons.set(
          id,
          INCLUSION_REASONS.filter((_, bit) => (masks[i]! & (1 << bit)) !== 0),
        );
      }
      const list = sql`SELECT c.id, NULL::text[] AS reasons FROM unnest(${[...ids]}::bigint[]) AS c(id)`;
      const rows = (
        await sql<InclusionRow>`SELECT * FROM (${inclusionDetailsSql(list)}) d ORDER BY id`.execute(db)
      ).rows;
      for (const row of rows) row.reasons = reasons.get(Number(row.id)) ?? [];
      return rows;
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

/** Codes and region codes are digits and capitals: plain code-unit order, as in SQL. */
function compare(x: string, y: string): number {
  return x < y ? -1 : x > y ? 1 : 0;
}

export type TargetingRepository = ReturnType<typeof createTargetingRepository>;
