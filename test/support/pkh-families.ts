import { encodeNik } from '../../src/domain/nik';
import type { Services } from '../../src/platform/services';

/**
 * Registry households with the member attributes the PKH check reads (age, schooling,
 * pregnancy, severe disability, status), inserted directly. The first member is the head.
 */
export interface PkhMemberInput {
  birthDate: string;
  sex?: 'L' | 'P';
  schooling?: string | null;
  pregnancyDueDate?: string | null;
  severeDisability?: boolean;
  status?: 'HIDUP' | 'MENINGGAL' | 'PINDAH';
}

let serial = 5000;

export async function buildPkhFamily(services: Services, desa: string, members: readonly PkhMemberInput[]) {
  const db = services.database.db;
  const kecamatan = desa.slice(0, 6);
  const n = ++serial;
  const kk = `${kecamatan}020320${String(n).padStart(4, '0')}`;
  const household = await db
    .insertInto('household')
    .values({ kk, kabupaten_code: desa.slice(0, 4), region_code: desa, address: `Jl. PKH ${n}` })
    .returning('id')
    .executeTakeFirstOrThrow();
  const rows = members.map((m, i) => ({
    nik: encodeNik({ kecamatanCode: kecamatan, birthDate: m.birthDate, sex: m.sex ?? 'P', serial: ++serial }),
    household_id: household.id,
    kabupaten_code: desa.slice(0, 4),
    region_code: desa,
    name: `${i === 0 ? 'Ibu' : 'Anggota'} ${n}-${i + 1}`,
    birth_date: m.birthDate,
    sex: m.sex ?? 'P',
    relationship: i === 0 ? 'KEPALA_KELUARGA' : 'ANAK',
    status: m.status ?? 'HIDUP',
    schooling: m.schooling ?? null,
    pregnancy_due_date: m.pregnancyDueDate ?? null,
    severe_disability: m.severeDisability ?? false,
  }));
  const persons = await db.insertInto('person').values(rows).returning(['id', 'nik', 'name']).execute();
  return {
    id: household.id,
    kk,
    members: persons.map((p, i) => ({ ...p, relationship: i === 0 ? 'KEPALA_KELUARGA' : 'ANAK' })),
    headNik: persons[0]!.nik,
  };
}

/** A small deterministic generator (mulberry32): the same families on every run. */
export function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let x = Math.imul(a ^ (a >>> 15), 1 | a);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

const EDGE_BIRTHS = [
  '2019-07-01', // 7 at the start: no longer anak usia dini
  '2019-07-02', // 6 at the start
  '2004-07-01', // 22: too old for the SMA component
  '2004-07-02', // 21
  '1956-07-01', // 70: lanjut usia
  '1956-07-02', // 69
  '2020-02-29', // a leap-day child, 6 at the start
  '1956-02-29', // a leap-day elder
  '2026-07-01', // born on the first day of the period
  '2026-07-02', // born after the start: not a member yet
];
const SCHOOLING = [null, null, 'PAUD_TK', 'SD', 'SMP', 'SMA', 'SMA'];
const DUE = [null, null, null, '2026-06-01', '2026-05-20', '2026-05-19', '2027-07-07', '2027-07-08'];

function day(next: () => number, from: number, to: number) {
  const ms = Date.UTC(from, 0, 1) + Math.floor(next() * (Date.UTC(to, 0, 1) - Date.UTC(from, 0, 1)));
  return new Date(ms).toISOString().slice(0, 10);
}

/**
 * A family of 1–9 members drawn to sit on the PKH rule's edges (PERIOD 2026-T3): birthdays on
 * the day a child turns 7, a youth 22 or an elder 70, pregnancies ending around the period,
 * members who died or moved.
 */
export function edgeFamily(next: () => number): PkhMemberInput[] {
  const size = 1 + Math.floor(next() * 9);
  return Array.from({ length: size }, () => {
    const r = next();
    return {
      birthDate:
        r < 0.3
          ? EDGE_BIRTHS[Math.floor(next() * EDGE_BIRTHS.length)]!
          : day(next, r < 0.6 ? 2005 : 1940, 2026),
      schooling: SCHOOLING[Math.floor(next() * SCHOOLING.length)] ?? null,
      pregnancyDueDate: DUE[Math.floor(next() * DUE.length)] ?? null,
      severeDisability: next() < 0.15,
      status: r > 0.92 ? 'MENINGGAL' : r > 0.88 ? 'PINDAH' : 'HIDUP',
    };
  });
}
