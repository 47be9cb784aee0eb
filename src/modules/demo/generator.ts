import { draftFamily, type HouseholdKind, type Relationship } from './households';
import { IdentityIssuer, type IdentityRegions } from './identity';
import { lifeEventsFor, type PersonStatus, type Schooling } from './life-events';
import type { Sex } from './names';
import { addressIn, type Kelurahan, KelurahanPicker } from './places';
import { createRandom, type Random } from './random';

/**
 * A deterministic synthetic registry of poor families of Kota Padang (13.71) for the demo
 * office, tests and benchmarks. Pure: no I/O, no clock — the same seed, household count and
 * region list always give the same data, whatever the batch size.
 */
export const DEMO_KOTA_CODE = '1371';
/** Ages, pregnancies and deaths are computed relative to this day, not to today. */
export const DEMO_REFERENCE_DATE = '2026-11-01';
export const DEMO_DESIL_EDITION = '2026-01';
const DEFAULT_BATCH_SIZE = 5_000;

export interface DemoRegion {
  code: string;
  level: 'provinsi' | 'kabupaten' | 'kecamatan' | 'desa';
  name: string;
}

export interface DemoRegistryOptions {
  seed: number;
  households: number;
  /** The region list (canonical codes): the kota's kecamatan and kelurahan and Sumatera Barat's kecamatan. */
  regions: readonly DemoRegion[];
  /** Households per yielded batch; does not change the data. */
  batchSize?: number;
}

export interface DemoPerson {
  nik: string;
  name: string;
  birthPlace: string;
  birthDate: string;
  sex: Sex;
  relationship: Relationship;
  motherName: string;
  status: PersonStatus;
  deathDate: string | null;
  schooling: Schooling | null;
  pregnancyDueDate: string | null;
  severeDisability: boolean;
  nikWarnings: string[];
  idDtsen: string;
}

export interface DemoHousehold {
  kk: string;
  kabupatenCode: string;
  /** 10-digit kelurahan code. */
  regionCode: string;
  address: string;
  rt: string;
  rw: string;
  idDtsen: string;
  /** DTSEN desil in edition DEMO_DESIL_EDITION. */
  desil: number;
  kind: HouseholdKind;
  /** The head (KEPALA_KELUARGA) first. */
  members: DemoPerson[];
}

export function* generateDemoRegistry(
  options: DemoRegistryOptions,
): Generator<DemoHousehold[], void, undefined> {
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  if (!Number.isInteger(options.households) || options.households < 0) {
    throw new RangeError(`households must be a whole number ≥ 0, got ${options.households}`);
  }
  if (!Number.isInteger(batchSize) || batchSize < 1)
    throw new RangeError(`batchSize must be ≥ 1, got ${batchSize}`);
  const random = createRandom(options.seed);
  const { kelurahan, identityRegions } = demoRegions(options.regions);
  const picker = new KelurahanPicker(random, kelurahan);
  const issuer = new IdentityIssuer(random, identityRegions, DEMO_REFERENCE_DATE);
  const dtsenSerials = new Map<string, number>();

  let batch: DemoHousehold[] = [];
  for (let i = 0; i < options.households; i++) {
    batch.push(nextHousehold(random, picker, issuer, dtsenSerials));
    if (batch.length === batchSize) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}

function nextHousehold(
  random: Random,
  picker: KelurahanPicker,
  issuer: IdentityIssuer,
  dtsenSerials: Map<string, number>,
): DemoHousehold {
  const kelurahan = picker.pick(random);
  const kecamatan = kelurahan.code.slice(0, 6);
  const family = draftFamily(random, DEMO_REFERENCE_DATE);
  const { address, rt, rw } = addressIn(random, kelurahan);
  const kk = issuer.kk(kecamatan, family.members);
  const serial = (dtsenSerials.get(kelurahan.code) ?? 0) + random.int(1, 3);
  dtsenSerials.set(kelurahan.code, serial);
  // A made-up DTSEN family id (the real format is not public): kelurahan code and a serial.
  const idDtsen = `DT${kelurahan.code}${String(serial).padStart(6, '0')}`;
  const members = family.members.map((member, index): DemoPerson => {
    const identity = issuer.nik(member, kecamatan);
    const events = lifeEventsFor(random, member, DEMO_REFERENCE_DATE);
    return {
      nik: identity.nik,
      name: member.name,
      birthPlace: identity.birthPlace,
      birthDate: member.birthDate,
      sex: member.sex,
      relationship: member.relationship,
      motherName: member.motherName,
      ...events,
      nikWarnings: identity.nikWarnings,
      idDtsen: `${idDtsen}${String(index + 1).padStart(2, '0')}`,
    };
  });
  return {
    kk,
    kabupatenCode: kelurahan.code.slice(0, 4),
    regionCode: kelurahan.code,
    address,
    rt,
    rw,
    idDtsen,
    desil: desilFor(random, family.kind),
    kind: family.kind,
    members,
  };
}

/**
 * Desil spread of a registry of poor families: most in 1–5 (the PKH and Sembako thresholds,
 * DOMAIN.md "Targeting"), a tail up to 10 (the inclusion errors the office must find).
 * Widows alone and single mothers are poorer on average.
 */
const DESIL_WEIGHTS: readonly (readonly [number, number])[] = [
  [1, 22],
  [2, 18],
  [3, 15],
  [4, 13],
  [5, 11],
  [6, 8],
  [7, 6],
  [8, 4],
  [9, 2],
  [10, 1],
];

function desilFor(random: Random, kind: HouseholdKind): number {
  const desil = random.weighted(DESIL_WEIGHTS);
  const poorer = kind === 'elderly_alone' || kind === 'single_mother';
  return poorer && desil > 1 && random.chance(0.4) ? desil - 1 : desil;
}

/** Splits the region list into what the generator needs; fails clearly when the kota is missing. */
export function demoRegions(regions: readonly DemoRegion[]): {
  kelurahan: Kelurahan[];
  identityRegions: IdentityRegions;
} {
  // Sumatera Barat (13) only, in code order so that the input's order does not change the output.
  const sorted = regions
    .filter((r) => r.code.startsWith('13'))
    .sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  const kelurahan = sorted
    .filter((r) => r.level === 'desa' && r.code.startsWith(DEMO_KOTA_CODE))
    .map((r) => ({ code: r.code, name: r.name }));
  const kotaKecamatan = sorted
    .filter((r) => r.level === 'kecamatan' && r.code.startsWith(DEMO_KOTA_CODE))
    .map((r) => r.code);
  if (kelurahan.length === 0 || kotaKecamatan.length === 0) {
    throw new Error(`demo registry: the region list has no kecamatan/kelurahan of ${DEMO_KOTA_CODE}`);
  }
  const originKecamatan = new Map<string, string[]>();
  for (const region of sorted) {
    if (region.level !== 'kecamatan' || region.code.startsWith(DEMO_KOTA_CODE)) continue;
    const kabupaten = region.code.slice(0, 4);
    originKecamatan.set(kabupaten, [...(originKecamatan.get(kabupaten) ?? []), region.code]);
  }
  return { kelurahan, identityRegions: { kotaKecamatan, originKecamatan } };
}
