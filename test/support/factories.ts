import type { Role } from '../../src/db/types';
import { encodeNik } from '../../src/domain/nik';
import { SYSTEM_ACTOR } from '../../src/platform/auth/actor';
import type { Services } from '../../src/platform/services';

let counter = 0;
const next = () => ++counter;

export const PASSWORD = 'kata-sandi-uji-1';

/** A user of the given role and region (canonical or dotted code), password PASSWORD. */
export async function buildUser(services: Services, role: Role, regionCode: string, username?: string) {
  const user = await services.users.create(
    { ...SYSTEM_ACTOR, regionCode: services.config.kabupatenCode },
    {
      username: username ?? `${role.replace('_', '')}${next()}`,
      fullName: `Pengguna ${role}`,
      role,
      regionCode,
      password: PASSWORD,
      // Tests log in without the forced first change of password.
      mustChangePassword: false,
    },
  );
  return user;
}

/** A household in the given kelurahan with a head and one child; returns ids and numbers. */
export async function buildHousehold(services: Services, regionCode: string) {
  const n = next();
  const kecamatan = regionCode.slice(0, 6);
  const kk = `${kecamatan}010120${String(n).padStart(4, '0')}`;
  const db = services.database.db;
  const household = await db
    .insertInto('household')
    .values({
      kk,
      kabupaten_code: regionCode.slice(0, 4),
      region_code: regionCode,
      address: `Jl. Uji No. ${n}`,
      rt: '001',
      rw: '002',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const headNik = encodeNik({ kecamatanCode: kecamatan, birthDate: '1980-05-17', sex: 'L', serial: n });
  const childNik = encodeNik({ kecamatanCode: kecamatan, birthDate: '2015-03-02', sex: 'P', serial: n });
  await db
    .insertInto('person')
    .values([
      {
        nik: headNik,
        household_id: household.id,
        kabupaten_code: regionCode.slice(0, 4),
        region_code: regionCode,
        name: `Kepala ${n}`,
        birth_date: '1980-05-17',
        sex: 'L',
        relationship: 'KEPALA_KELUARGA',
      },
      {
        nik: childNik,
        household_id: household.id,
        kabupaten_code: regionCode.slice(0, 4),
        region_code: regionCode,
        name: `Anak ${n}`,
        birth_date: '2015-03-02',
        sex: 'P',
        relationship: 'ANAK',
      },
    ])
    .execute();
  await db
    .insertInto('household_desil')
    .values({ household_id: household.id, edition: '2026-01', desil: 2 })
    .execute();
  return { id: household.id, kk, headNik, childNik };
}
