import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CANDIDATES_TABLE_COLUMNS,
  type InclusionScope,
  inclusionCandidatesSql,
  LINES_TABLE_COLUMNS,
  scopedLinesSql,
} from '../../src/modules/targeting/inclusion-sql';
import { createTestApp, type TestApp } from '../support/app';
import { buildFamily, insertAllocation, insertImport } from '../support/targeting-factories';

/**
 * The inclusion candidates are computed in one of two shapes: for a few scoped lines, one index
 * probe per line finds the NIKs allocated twice in the period; for many (a kabupaten of a large
 * period), one grouping of the whole period's NIKs does. Both must give the same lines the same
 * reasons — here on a period with the same NIK on two lines (one family, two families, unknown
 * to the registry), next to lines of another period that must not count.
 */

const KEL_A = '1371011001';
const KEL_B = '1371021001';
const P = 'PKH';
const Q = '2025-T3';
let t: TestApp;
const keys = new Map<number, string>();

beforeAll(async () => {
  t = await createTestApp();
  const d = t.services.database.db;
  const importId = await insertImport(d, P, Q);
  const add = async (key: string, line: Parameters<typeof insertAllocation>[4], period = Q, id = importId) =>
    keys.set(await insertAllocation(d, id, P, period, line), key);

  const ok = await buildFamily(d, KEL_A, { desil: 2 });
  await add('ok', { nik: ok.members[0]!.nik, family: ok });
  // The same NIK on two lines of the period, both for its own family: the family twice.
  const same = await buildFamily(d, KEL_A, { desil: 2 });
  await add('same1', { nik: same.members[0]!.nik, family: same });
  await add('same2', { nik: same.members[0]!.nik, family: same });
  // The same NIK on two lines for two different families: one person in two KPM.
  const first = await buildFamily(d, KEL_A, { desil: 3 });
  const second = await buildFamily(d, KEL_B, { desil: 3 });
  await add('two1', { nik: first.members[0]!.nik, family: first });
  await add('two2', { nik: first.members[0]!.nik, family: second });
  // A NIK unknown to the registry, twice.
  const unknown = {
    nik: '1371015708900091',
    householdId: null,
    scopeCode: '137101',
    flags: ['NIK_NOT_IN_REGISTRY'],
  };
  await add('unknown1', unknown);
  await add('unknown2', unknown);
  // A NIK on one line of this period and one of another period: no duplicate here.
  const once = await buildFamily(d, KEL_B, { desil: 1 });
  await add('once', { nik: once.members[0]!.nik, family: once });
  const otherImport = await insertImport(d, P, '2025-T4');
  await add('otherPeriod', { nik: once.members[0]!.nik, family: once }, '2025-T4', otherImport);
});

afterAll(async () => {
  await t?.dispose();
});

async function candidates(scope: InclusionScope, wide: boolean) {
  return t.services.database.transaction(async ({ db }) => {
    await sql`CREATE TEMP TABLE tgt_lines (${sql.raw(LINES_TABLE_COLUMNS)}) ON COMMIT DROP`.execute(db);
    await sql`INSERT INTO tgt_lines ${scopedLinesSql(scope)}`.execute(db);
    await sql`ANALYZE tgt_lines`.execute(db);
    await sql`CREATE TEMP TABLE tgt_inclusion (${sql.raw(CANDIDATES_TABLE_COLUMNS)}) ON COMMIT DROP`.execute(
      db,
    );
    await sql`INSERT INTO tgt_inclusion ${inclusionCandidatesSql(scope, { wide })}`.execute(db);
    const { rows } = await sql<{ id: number; reasons: string[] }>`
      SELECT id, reasons FROM tgt_inclusion ORDER BY id`.execute(db);
    return Object.fromEntries(rows.map((r) => [keys.get(Number(r.id)) ?? String(r.id), r.reasons]));
  });
}

describe('inclusion candidates in both shapes', () => {
  it('gives the same reasons whether duplicate NIKs are probed per line or grouped per period', async () => {
    for (const prefix of ['1371', '137101']) {
      const scope = { program: P, period: Q, prefix, desilMax: 4 };
      const narrow = await candidates(scope, false);
      const wide = await candidates(scope, true);
      expect(wide).toEqual(narrow);
    }
    expect(await candidates({ program: P, period: Q, prefix: '1371', desilMax: 4 }, true)).toEqual({
      same1: ['HOUSEHOLD_TWICE'],
      same2: ['HOUSEHOLD_TWICE'],
      two1: ['PERSON_IN_TWO_KPM'],
      two2: ['PERSON_IN_TWO_KPM'],
      unknown1: ['NOT_IN_DTSEN', 'HOUSEHOLD_TWICE'],
      unknown2: ['NOT_IN_DTSEN', 'HOUSEHOLD_TWICE'],
    });
  });
});
