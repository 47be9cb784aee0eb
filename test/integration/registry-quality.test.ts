import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeNik } from '../../src/domain/nik';
import { ADMIN_PASSWORD, createTestApp, type LoggedIn, login, type TestApp } from '../support/app';
import { buildHousehold, buildUser, PASSWORD } from '../support/factories';

const DESA = '1371011001';
let t: TestApp;
let admin: LoggedIn;
let otherKelurahan: LoggedIn;

beforeAll(async () => {
  t = await createTestApp();
  const db = t.services.database.db;
  const a = await buildHousehold(t.services, DESA);
  const b = await buildHousehold(t.services, DESA);
  const person = (nik: string, householdId: number | null, extra: Record<string, unknown> = {}) => ({
    nik,
    household_id: householdId,
    kabupaten_code: '1371',
    region_code: DESA,
    name: 'Siti Aisyah',
    birth_date: '1990-07-01',
    sex: 'P' as const,
    relationship: 'ANAK',
    ...extra,
  });
  await db
    .insertInto('person')
    .values([
      // Same name and birth date, different NIK, in two households.
      person(encodeNik({ kecamatanCode: '137101', birthDate: '1990-07-01', sex: 'P', serial: 501 }), a.id),
      person(encodeNik({ kecamatanCode: '137101', birthDate: '1990-07-01', sex: 'P', serial: 502 }), b.id),
      // A NIK with serial 0000, a warned NIK, a deceased and an absent member.
      person('1371014107900000', a.id, { name: 'Serial Nol' }),
      person(encodeNik({ kecamatanCode: '137101', birthDate: '1990-07-01', sex: 'P', serial: 503 }), a.id, {
        name: 'Beda Tanggal',
        birth_date: '1991-07-01',
        nik_warnings: ['NIK_BIRTHDATE_MISMATCH'],
      }),
      person(encodeNik({ kecamatanCode: '137101', birthDate: '1940-01-01', sex: 'L', serial: 504 }), b.id, {
        name: 'Almarhum',
        sex: 'L',
        birth_date: '1940-01-01',
        status: 'MENINGGAL',
      }),
      person(encodeNik({ kecamatanCode: '137101', birthDate: '1950-01-01', sex: 'L', serial: 505 }), b.id, {
        name: 'Pergi',
        sex: 'L',
        birth_date: '1950-01-01',
        absent_since_edition: '2026-04',
      }),
    ])
    .execute();
  // Household b loses its head.
  await db.updateTable('person').set({ status: 'MENINGGAL' }).where('nik', '=', b.headNik).execute();
  admin = await login(t.app, 'admin', ADMIN_PASSWORD);
  await buildUser(t.services, 'operator_kelurahan', '1371011002', 'kel.lain');
  otherKelurahan = await login(t.app, 'kel.lain', PASSWORD, '10.70.0.2');
});
afterAll(() => t.dispose());

describe('data quality', () => {
  it('counts each finding within the region', async () => {
    const response = await t.app.inject({
      method: 'GET',
      url: '/api/registry/quality',
      headers: admin.headers,
    });
    expect(response.json().counts).toEqual({
      invalidNik: 1,
      warnedNik: 1,
      possibleDuplicates: 1,
      personInTwoHouseholds: 1,
      householdsWithoutHead: 1,
      deceasedMembers: 2,
      absentMembers: 1,
    });
  });

  it('lists a duplicate group with both people, NIKs masked', async () => {
    const response = await t.app.inject({
      method: 'GET',
      url: '/api/registry/quality/personInTwoHouseholds',
      headers: admin.headers,
    });
    const [group] = response.json().items;
    expect(group).toMatchObject({ kind: 'group', name: 'Siti Aisyah', birthDate: '1990-07-01' });
    expect(group.persons).toHaveLength(2);
    expect(group.persons[0].nik).toMatch(/^\d{4}\*{8}\d{4}$/);
  });

  it('shows nothing of another kelurahan', async () => {
    const response = await t.app.inject({
      method: 'GET',
      url: '/api/registry/quality',
      headers: otherKelurahan.headers,
    });
    expect(Object.values(response.json().counts).every((n) => n === 0)).toBe(true);
  });

  it('exports a real xlsx and records the export in the audit log', async () => {
    const response = await t.app.inject({
      method: 'GET',
      url: '/api/registry/quality/deceasedMembers/export.xlsx',
      headers: admin.headers,
    });
    expect(response.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    expect(workbook.worksheets[0]!.rowCount).toBe(3);
    const entry = await t.services.database.db
      .selectFrom('audit_log')
      .select(['entity_id'])
      .where('action', '=', 'export.xlsx')
      .executeTakeFirstOrThrow();
    expect(entry.entity_id).toBe('deceasedMembers');
  });
});
