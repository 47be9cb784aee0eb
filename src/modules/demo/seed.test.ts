import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase } from '../../../test/support/database';
import { AppError } from '../../platform/errors';
import { DEMO_DESIL_EDITION } from './generator';
import { type SeedDemoProgress, type SeedDemoResult, seedDemoRegistry } from './seed';

describe('seedDemoRegistry', () => {
  let test: TestDatabase;
  let result: SeedDemoResult;
  const progress: SeedDemoProgress[] = [];

  beforeAll(async () => {
    test = await openTestDatabase();
    result = await seedDemoRegistry(test.database, {
      seed: 11,
      households: 300,
      batchSize: 120,
      onProgress: (p) => progress.push(p),
    });
  });

  afterAll(async () => {
    await test?.dispose();
  });

  const count = async (query: string): Promise<number> => {
    const { rows } = await sql<{ n: number }>`${sql.raw(query)}`.execute(test.database.db);
    return Number(rows[0]!.n);
  };

  it('writes every household, person and desil, and reports the counts', async () => {
    expect(result.households).toBe(300);
    expect(result.householdDesil).toBe(300);
    expect(result.persons).toBeGreaterThan(900);
    expect(await count('SELECT count(*) AS n FROM household')).toBe(300);
    expect(await count('SELECT count(*) AS n FROM person')).toBe(result.persons);
    expect(
      await count(`SELECT count(*) AS n FROM household_desil WHERE edition = '${DEMO_DESIL_EDITION}'`),
    ).toBe(300);
    expect(progress.map((p) => p.households)).toEqual([120, 240, 300]);
    expect(progress.at(-1)).toEqual({ households: 300, persons: result.persons, totalHouseholds: 300 });
  });

  it('links every person to a household of the same kelurahan and kabupaten', async () => {
    expect(await count('SELECT count(*) AS n FROM person WHERE household_id IS NULL')).toBe(0);
    expect(
      await count(`SELECT count(*) AS n FROM person p JOIN household h ON h.id = p.household_id
        WHERE p.region_code <> h.region_code OR p.kabupaten_code <> h.kabupaten_code`),
    ).toBe(0);
    expect(
      await count(`SELECT count(*) AS n FROM household h LEFT JOIN region r ON r.code = h.region_code
        WHERE r.code IS NULL OR r.level <> 'desa' OR h.kabupaten_code <> '1371'`),
    ).toBe(0);
  });

  it('gives every household exactly one KEPALA_KELUARGA', async () => {
    expect(
      await count(`SELECT count(*) AS n FROM household h
        WHERE (SELECT count(*) FROM person p WHERE p.household_id = h.id AND p.relationship = 'KEPALA_KELUARGA') <> 1`),
    ).toBe(0);
  });

  it('keeps dates, flags and warnings through COPY', async () => {
    const person = await test.database.db
      .selectFrom('person')
      .select(['birth_date', 'nik_warnings', 'severe_disability', 'status'])
      .orderBy('id')
      .executeTakeFirstOrThrow();
    expect(person.birth_date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(Array.isArray(person.nik_warnings)).toBe(true);
    expect(typeof person.severe_disability).toBe('boolean');
    expect(
      await count(`SELECT count(*) AS n FROM person WHERE status = 'MENINGGAL' AND death_date IS NULL`),
    ).toBe(0);
  });

  it('refuses to seed a registry that already has households, and changes nothing', async () => {
    const error = await seedDemoRegistry(test.database, { seed: 12, households: 10 }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('DEMO_REGISTRY_NOT_EMPTY');
    expect((error as AppError).message).toMatch(/sudah berisi data/);
    expect(await count('SELECT count(*) AS n FROM household')).toBe(300);
  });
});

describe('seedDemoRegistry on failure', () => {
  it('leaves nothing behind when the seed fails part-way (one transaction)', async () => {
    const test = await openTestDatabase();
    try {
      const error = await seedDemoRegistry(test.database, {
        seed: 3,
        households: 50,
        batchSize: 20,
        onProgress: (p) => {
          if (p.households >= 40) throw new Error('interrupted');
        },
      }).catch((e: unknown) => e);
      expect((error as Error).message).toBe('interrupted');
      const { rows } = await sql<{ n: number }>`SELECT count(*) AS n FROM household`.execute(
        test.database.db,
      );
      expect(Number(rows[0]!.n)).toBe(0);
    } finally {
      await test.dispose();
    }
  });
});
