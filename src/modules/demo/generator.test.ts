import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseKk } from '../../domain/kk';
import { parseNik } from '../../domain/nik';
import { readReferenceRegions } from '../regions/reference-data';
import { ageOn, dayNumber } from './dates';
import { DEMO_REFERENCE_DATE, type DemoHousehold, generateDemoRegistry } from './generator';

const regions = readReferenceRegions();
const kecamatanCodes = new Set(regions.filter((r) => r.level === 'kecamatan').map((r) => r.code));
const padangKelurahan = new Set(
  regions.filter((r) => r.level === 'desa' && r.code.startsWith('1371')).map((r) => r.code),
);
const referenceDay = new Date(2026, 10, 1);

function collect(seed: number, households: number, batchSize?: number): DemoHousehold[] {
  const all: DemoHousehold[] = [];
  for (const batch of generateDemoRegistry({
    seed,
    households,
    regions,
    ...(batchSize ? { batchSize } : {}),
  })) {
    all.push(...batch);
  }
  return all;
}

function hashOf(households: readonly DemoHousehold[]): string {
  const hash = createHash('sha256');
  for (const household of households) hash.update(JSON.stringify(household));
  return hash.digest('hex');
}

describe('generateDemoRegistry determinism', () => {
  it('gives the same rows for the same seed', () => {
    expect(hashOf(collect(7, 1_500))).toBe(hashOf(collect(7, 1_500)));
  });

  it('gives other rows for another seed', () => {
    expect(hashOf(collect(7, 300))).not.toBe(hashOf(collect(8, 300)));
  });

  it('does not depend on the batch size or the order of the region list', () => {
    const reference = hashOf(collect(7, 1_200));
    expect(hashOf(collect(7, 1_200, 7))).toBe(reference);
    const shuffled = [...regions].reverse();
    const fromShuffled: DemoHousehold[] = [];
    for (const batch of generateDemoRegistry({ seed: 7, households: 1_200, regions: shuffled })) {
      fromShuffled.push(...batch);
    }
    expect(hashOf(fromShuffled)).toBe(reference);
  });

  it('yields batches of the requested size', () => {
    const sizes = [...generateDemoRegistry({ seed: 1, households: 12, regions, batchSize: 5 })].map(
      (b) => b.length,
    );
    expect(sizes).toEqual([5, 5, 2]);
  });
});

describe('a full-size demo registry (25,000 households)', () => {
  let households: DemoHousehold[];
  let persons: Array<DemoHousehold['members'][number] & { household: DemoHousehold }>;

  beforeAll(() => {
    households = collect(2026, 25_000);
    persons = households.flatMap((household) => household.members.map((m) => ({ ...m, household })));
  });

  it('has about four people per household', () => {
    expect(persons.length).toBeGreaterThan(95_000);
    expect(persons.length).toBeLessThan(105_000);
  });

  it('gives every person a unique NIK that parses, matching sex and birth date except the flagged ones', () => {
    expect(new Set(persons.map((p) => p.nik)).size).toBe(persons.length);
    let mismatches = 0;
    for (const person of persons) {
      const parsed = parseNik(person.nik, {
        kecamatanExists: (code) => kecamatanCodes.has(code),
        today: referenceDay,
        recordedBirthDate: person.birthDate,
        recordedSex: person.sex,
      });
      expect(parsed.errors, person.nik).toEqual([]);
      expect(parsed.sex).toBe(person.sex);
      expect(parsed.warnings).toEqual(person.nikWarnings);
      if (person.nikWarnings.includes('NIK_BIRTHDATE_MISMATCH')) mismatches++;
      else expect(parsed.birthDate).toBe(person.birthDate);
    }
    // About 0.5 % on purpose, for the data-quality features.
    expect(mismatches / persons.length).toBeGreaterThan(0.003);
    expect(mismatches / persons.length).toBeLessThan(0.007);
  });

  it('issues most NIKs in the household kecamatan and the rest in Sumatera Barat', () => {
    const local = persons.filter((p) => p.nik.slice(0, 6) === p.household.regionCode.slice(0, 6)).length;
    expect(local / persons.length).toBeGreaterThan(0.8);
    expect(persons.every((p) => p.nik.startsWith('13'))).toBe(true);
    expect(persons.some((p) => p.nik.startsWith('1306') || p.nik.startsWith('1375'))).toBe(true);
  });

  it('gives every household a unique KK issued in a Padang kecamatan', () => {
    expect(new Set(households.map((h) => h.kk)).size).toBe(households.length);
    for (const household of households) {
      expect(parseKk(household.kk, { kecamatanExists: (code) => kecamatanCodes.has(code) }).valid).toBe(true);
      expect(household.kk.startsWith('1371')).toBe(true);
    }
  });

  it('places every household in a real Padang kelurahan, most in the big kecamatan', () => {
    for (const household of households) {
      expect(padangKelurahan.has(household.regionCode)).toBe(true);
      expect(household.kabupatenCode).toBe('1371');
      expect(household.rt).toMatch(/^\d{3}$/);
      expect(household.rw).toMatch(/^\d{3}$/);
    }
    expect(new Set(households.map((h) => h.regionCode)).size).toBe(padangKelurahan.size);
    const inKecamatan = (code: string) => households.filter((h) => h.regionCode.startsWith(code)).length;
    expect(inKecamatan('137111')).toBeGreaterThan(inKecamatan('137103')); // Koto Tangah > Padang Barat
    expect(inKecamatan('137109')).toBeGreaterThan(inKecamatan('137105')); // Kuranji > Bungus Teluk Kabung
  });

  it('has exactly one KEPALA_KELUARGA per household, listed first, aged 25–80', () => {
    for (const household of households) {
      expect(household.members.filter((m) => m.relationship === 'KEPALA_KELUARGA')).toHaveLength(1);
      const head = household.members[0]!;
      expect(head.relationship).toBe('KEPALA_KELUARGA');
      expect(ageOn(head.birthDate, DEMO_REFERENCE_DATE)).toBeGreaterThanOrEqual(25);
      expect(ageOn(head.birthDate, DEMO_REFERENCE_DATE)).toBeLessThanOrEqual(80);
    }
  });

  it('has children born when their mother in the household was 18–45', () => {
    for (const household of households) {
      const mother = household.members.find(
        (m) => m.sex === 'P' && (m.relationship === 'ISTRI' || m.relationship === 'KEPALA_KELUARGA'),
      );
      if (!mother) continue;
      for (const child of household.members.filter((m) => m.relationship === 'ANAK')) {
        expect(child.motherName).toBe(mother.name);
        const age = ageOn(mother.birthDate, child.birthDate);
        expect(age).toBeGreaterThanOrEqual(18);
        expect(age).toBeLessThanOrEqual(45);
      }
    }
  });

  it('records deaths with a date, pregnancies due within nine months, school by age', () => {
    const reference = dayNumber(DEMO_REFERENCE_DATE);
    for (const person of persons) {
      expect(person.deathDate !== null).toBe(person.status === 'MENINGGAL');
      if (person.deathDate) expect(person.deathDate > person.birthDate).toBe(true);
      if (person.pregnancyDueDate) {
        expect(person.sex).toBe('P');
        expect(dayNumber(person.pregnancyDueDate)).toBeGreaterThan(reference);
        expect(dayNumber(person.pregnancyDueDate)).toBeLessThanOrEqual(reference + 273);
      }
      const age = ageOn(person.birthDate, DEMO_REFERENCE_DATE);
      if (person.schooling === 'SD') expect(age).toBeGreaterThanOrEqual(6);
      if (person.schooling === 'SD') expect(age).toBeLessThanOrEqual(12);
      if (person.schooling === 'SMP') expect([13, 14, 15]).toContain(age);
    }
    const share = (test: (p: (typeof persons)[number]) => boolean) =>
      persons.filter(test).length / persons.length;
    expect(share((p) => p.status === 'HIDUP')).toBeGreaterThan(0.95);
    expect(share((p) => p.status === 'MENINGGAL')).toBeGreaterThan(0);
    expect(share((p) => p.status === 'PINDAH')).toBeGreaterThan(0);
    expect(share((p) => p.pregnancyDueDate !== null)).toBeGreaterThan(0.002);
    expect(share((p) => p.severeDisability)).toBeGreaterThan(0.002);
  });

  it('includes single mothers and elderly people living alone', () => {
    const femaleHeaded = households.filter(
      (h) => h.members[0]!.sex === 'P' && !h.members.some((m) => m.relationship === 'SUAMI'),
    );
    expect(femaleHeaded.length / households.length).toBeGreaterThan(0.1);
    const elderlyAlone = households.filter(
      (h) => h.members.length === 1 && ageOn(h.members[0]!.birthDate, DEMO_REFERENCE_DATE) >= 60,
    );
    expect(elderlyAlone.length / households.length).toBeGreaterThan(0.03);
  });

  it('spreads desil mostly over 1–5', () => {
    const poor = households.filter((h) => h.desil <= 5).length;
    expect(poor / households.length).toBeGreaterThan(0.65);
    expect(new Set(households.map((h) => h.desil))).toEqual(new Set([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]));
  });
});
