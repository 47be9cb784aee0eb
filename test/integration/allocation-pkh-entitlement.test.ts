import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computePkhBenefit, pkhRulesFrom } from '../../src/domain/pkh-benefit';
import { PKH_MEMBER_COLUMNS, pkhMemberOf } from '../../src/modules/allocations/repository';
import { rulesAt } from '../../src/modules/programs/period-rules';
import { SYSTEM_ACTOR } from '../../src/platform/auth/actor';
import { createTestApp, type TestApp } from '../support/app';
import { ALLOCATION_CSV_HEADERS, writeLines } from '../support/distribution-files';
import { tempDir } from '../support/dtsen-fixture';
import { buildPkhFamily, edgeFamily, random } from '../support/pkh-families';

/**
 * The import computes the PKH entitlement set-based in two ways — one aggregation over
 * component counts for every household (the expected amount), and member by member for the
 * households whose amount differs (the explanation). Both must give what computePkhBenefit
 * gives, on families built to sit on the rule's edges: birthdays on the day a child turns 7,
 * a youth 22 or an elder 70 (29 February included), pregnancies ending around the period,
 * more members of a component than its limit, more eligible members than the maximum,
 * members who died or moved, and sanctioned families.
 */

const DESA = '1371011002';
const PERIOD = { code: '2026-T3', start: '2026-07-01', end: '2026-09-30', months: 3 };
let t: TestApp;
let dir: string;
const admin = { ...SYSTEM_ACTOR, username: 'uji', regionCode: '1371' };

beforeAll(async () => {
  t = await createTestApp();
  dir = tempDir();
});
afterAll(async () => {
  await t.dispose();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('PKH entitlement of many families', () => {
  it('gives every household the amount and the explanation computePkhBenefit gives', async () => {
    const next = random(20261206);
    const families = [];
    for (let i = 0; i < 80; i++) families.push(await buildPkhFamily(t.services, DESA, edgeFamily(next)));
    const sanctioned = new Set(families.filter((_, i) => i % 7 === 3).map((f) => f.id));
    for (const id of sanctioned) {
      await t.services.database.db
        .insertInto('kpm_noncompliance')
        .values({ household_id: id, program_code: 'PKH', period: PERIOD.code, reason: 'Absen faskes' })
        .execute();
    }
    // Amount 1 differs from every entitlement: every line keeps its explanation.
    const file = await writeLines(path.join(dir, 'alokasi.csv'), [
      ALLOCATION_CSV_HEADERS.join(','),
      ...families.map((f) => `${f.headNik},${f.kk},,1,BRI,`),
    ]);
    const summary = await t.services.allocationImport.importAllocations(admin, {
      program: 'PKH',
      period: PERIOD.code,
      filePath: file,
    });
    expect(summary.accepted).toBe(families.length);

    const rules = pkhRulesFrom(await rulesAt(t.services.database.db, 'PKH', PERIOD.start));
    const lines = await t.services.database.db
      .selectFrom('allocation')
      .select(['household_id', 'expected_amount', 'calculation'])
      .where('import_id', '=', summary.importId)
      .execute();
    const persons = await t.services.database.db
      .selectFrom('person')
      .select([...PKH_MEMBER_COLUMNS, 'household_id'])
      .where(
        'household_id',
        'in',
        families.map((f) => f.id),
      )
      .execute();
    let withComponents = 0;
    for (const line of lines) {
      const members = persons.filter((p) => p.household_id === line.household_id).map(pkhMemberOf);
      const expected = computePkhBenefit(members, PERIOD, rules, {
        sanctioned: sanctioned.has(Number(line.household_id)),
      });
      if (expected.members.length > 0) withComponents++;
      expect(line.expected_amount).toBe(expected.expected);
      expect(line.calculation).toEqual(expected);
    }
    // The families do reach the rule's edges: most have eligible members, some over the limits.
    expect(withComponents).toBeGreaterThan(50);
    const outcomes = new Set(
      lines.flatMap((l) =>
        (l.calculation as { members: Array<{ outcome: string }> }).members.map((m) => m.outcome),
      ),
    );
    expect(outcomes).toEqual(new Set(['COUNTED', 'OVER_MAX_MEMBERS', 'OVER_COMPONENT_LIMIT']));
  });
});
