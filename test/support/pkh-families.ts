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
