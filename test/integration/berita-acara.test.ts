import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../src/db/types';
import { maskNik } from '../../src/domain/nik';
import { beritaAcaraDocument } from '../../src/modules/reconciliation/berita-acara-pdf';
import { DETAIL_SHEET, UNALLOCATED_SHEET } from '../../src/modules/reconciliation/berita-acara-xlsx';
import { SYSTEM_ACTOR } from '../../src/platform/auth/actor';
import { createTestApp, type LoggedIn, login, type TestApp } from '../support/app';
import {
  type BuiltAllocation,
  buildAllocations,
  buildReport,
  nikIn,
} from '../support/distribution-factories';
import { buildUser, PASSWORD } from '../support/factories';

// Two kelurahan of Padang Selatan (13.71.01), one of Koto Tangah (13.71.11).
const KEL_A = '1371011001';
const KEL_B = '1371011002';
const KEL_C = '1371111001';
const BASE = '/api/programs/PKH/periods/2026-T2';
const admin = { ...SYSTEM_ACTOR, username: 'uji', fullName: 'Admin Uji', regionCode: '1371' };

let t: TestApp;
const sessions: Partial<Record<string, LoggedIn>> = {};
const a: BuiltAllocation[] = [];
const unallocatedNik = nikIn('137101');

const get = (key: string, url: string) =>
  t.app.inject({ method: 'GET', url, headers: sessions[key]!.headers });
const db = () => t.services.database.db;
const readXlsx = async (body: Buffer) => {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(body as unknown as ArrayBuffer);
  return workbook;
};
/** Data rows of a sheet as arrays of cell values (row 1 is the header). */
const rowsOf = (sheet: ExcelJS.Worksheet | undefined) => {
  const rows: unknown[][] = [];
  sheet?.eachRow((row, n) => {
    if (n > 1) rows.push((row.values as unknown[]).slice(1));
  });
  return rows;
};
const lastAudit = () =>
  db().selectFrom('audit_log').selectAll().orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow();

beforeAll(async () => {
  t = await createTestApp();
  let ip = 1;
  const users: Array<[string, Role, string]> = [
    ['admin', 'admin_dinsos', '1371'],
    ['auditor', 'auditor', '1371'],
    ['kecA', 'operator_kecamatan', '137101'],
    ['kelA', 'operator_kelurahan', KEL_A],
    ['kelC', 'operator_kelurahan', KEL_C],
  ];
  for (const [key, role, region] of users) {
    await buildUser(t.services, role, region, `ba.${key.toLowerCase()}`);
    sessions[key] = await login(t.app, `ba.${key.toLowerCase()}`, PASSWORD, `10.41.0.${ip++}`);
  }
  a.push(
    ...(await buildAllocations(t.services, [
      { scopeCode: KEL_A, amount: 750_000 }, // TERSALUR
      { scopeCode: KEL_A, amount: 750_000 }, // GANDA
      { scopeCode: KEL_B, amount: 750_000 }, // SELISIH_NOMINAL (500.000)
      { scopeCode: KEL_B, amount: 600_000 }, // GAGAL_SALUR
      { scopeCode: KEL_C, amount: 225_000, channel: 'POS' }, // TERSALUR
      { scopeCode: KEL_C, amount: 300_000, channel: 'POS' }, // BELUM_ADA_LAPORAN
    ])),
  );
  await buildReport(t.services, [
    { allocation: a[0]!, amount: 750_000 },
    { allocation: a[1]!, amount: 750_000 },
    { allocation: a[1]!, amount: 750_000, paidOn: '2026-05-20' },
    { allocation: a[2]!, amount: 500_000 },
    { allocation: a[3]!, amount: 600_000, status: 'GAGAL', reason: 'Rekening belum dibuka' },
    { nik: unallocatedNik, amount: 600_000 },
  ]);
  await buildReport(t.services, [{ allocation: a[4]!, amount: 225_000 }], { channel: 'POS' });
  await t.services.reconciliation.run(admin, 'PKH', '2026-T2');
  // Tahap I has allocations but was never reconciled.
  await buildAllocations(t.services, [{ scopeCode: KEL_A, amount: 750_000 }], { period: '2026-T1' });
});
afterAll(async () => {
  await t.dispose();
});

describe('Berita Acara PDF', () => {
  it('is a real PDF named after the programme and period, DRAF while the period is open', async () => {
    const response = await get('admin', `${BASE}/berita-acara.pdf`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    expect(response.headers['content-disposition']).toContain('berita-acara-rekonsiliasi-PKH-2026-T2.pdf');
    const body = response.rawPayload;
    expect(body.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    // The document information dictionary is never compressed.
    const text = body.toString('latin1');
    expect(text).toContain('Berita Acara Rekonsiliasi PKH 2026-T2');
    expect(text).toContain('PKH 2026-T2 DRAF');
  });

  it('records each download in the audit log, and pins the chain with that very entry', async () => {
    const result = await t.services.beritaAcara.pdf(admin, 'PKH', '2026-T2', { compress: false });
    const entry = await lastAudit();
    expect(entry).toMatchObject({
      action: 'report.berita_acara.pdf',
      entity_type: 'program_period',
      entity_id: 'PKH/2026-T2',
      actor_username: 'uji',
    });
    const count = await db()
      .selectFrom('audit_log')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(result.content.audit).toEqual({
      lastId: entry.id,
      lastHash: entry.hash,
      entries: Number(count.n),
    });
    expect(result.body.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });

  it('shows totals by status, realisasi, unallocated payments, channels and signature blocks', async () => {
    const { content } = await t.services.beritaAcara.pdf(admin, 'PKH', '2026-T2');
    expect(content.byStatus.map((r) => [r.status, r.allocatedKpm, r.allocated, r.paid])).toEqual([
      ['TERSALUR', 2, 975_000, 975_000],
      ['SELISIH_NOMINAL', 1, 750_000, 500_000],
      ['GANDA', 1, 750_000, 1_500_000],
      ['GAGAL_SALUR', 1, 600_000, 0],
      ['BELUM_ADA_LAPORAN', 1, 300_000, 0],
    ]);
    expect(content.total).toEqual({ kpm: 4, paid: 2_975_000, allocatedKpm: 6, allocated: 3_375_000 });
    expect(content.unallocated).toEqual([{ channel: 'BRI', lines: 1, paidLines: 1, paid: 600_000 }]);
    expect(content.channels.sort()).toEqual(['BRI', 'POS']);
    expect(content.office.kabupatenName).toBe('Kota Padang');

    // The figures are those of the stored reconciliation summary.
    const stored = await t.services.reconciliation.summary(admin, 'PKH', '2026-T2');
    expect(stored.summary?.realisasi).toEqual({ kpm: content.total.kpm, paid: content.total.paid });

    const doc = JSON.stringify(beritaAcaraDocument(content));
    expect(doc).toContain(
      'BERITA ACARA REKONSILIASI PENYALURAN BANTUAN SOSIAL PROGRAM KELUARGA HARAPAN (PKH) TAHAP II 2026',
    );
    expect(doc).toContain('PEMERINTAH KOTA PADANG');
    expect(doc).toContain('Rp3.375.000');
    expect(doc).toContain('Realisasi PKH Tahap II 2026: 4 KPM dengan nilai Rp2.975.000');
    expect(doc).toContain('Rp600.000. Nilai ini tidak termasuk realisasi');
    expect(doc).toContain('Kepala Dinas Sosial Kota Padang');
    expect(doc).toContain('PT Bank Rakyat Indonesia (Persero) Tbk');
    expect(doc).toContain('PT Pos Indonesia (Persero)');
    expect(doc).toContain('DRAF');
    expect(doc).toContain(content.audit.lastHash);
  });

  it('takes the office figures from the stored summary, equal to the figures of the stored lines', async () => {
    const fromSummary = (await t.services.beritaAcara.pdf(admin, 'PKH', '2026-T2')).content;
    const setSummary = (summary: unknown) =>
      db()
        .updateTable('program_period')
        .set({ summary: JSON.stringify(summary) })
        .where('program_code', '=', 'PKH')
        .where('period', '=', '2026-T2')
        .execute();
    const stored = await db()
      .selectFrom('program_period')
      .select('summary')
      .where('program_code', '=', 'PKH')
      .where('period', '=', '2026-T2')
      .executeTakeFirstOrThrow();
    // A summary without the expected shape: the lines are aggregated instead.
    await setSummary({ old: true });
    const fromLines = (await t.services.beritaAcara.pdf(admin, 'PKH', '2026-T2')).content;
    await setSummary(stored.summary);
    for (const key of ['byStatus', 'total', 'byChannel', 'byKecamatan'] as const)
      expect(fromLines[key], key).toEqual(fromSummary[key]);
  });

  it('may be downloaded by the auditor, not by a regional operator', async () => {
    expect((await get('auditor', `${BASE}/berita-acara.pdf`)).statusCode).toBe(200);
    const refused = await get('kelA', `${BASE}/berita-acara.pdf`);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('FORBIDDEN');
  });

  it('refuses a period never reconciled with 409 NOT_RECONCILED, and an unknown period', async () => {
    for (const file of ['berita-acara.pdf', 'berita-acara.xlsx']) {
      const response = await get('admin', `/api/programs/PKH/periods/2026-T1/${file}`);
      expect(response.statusCode).toBe(409);
      expect(response.json().error.code).toBe('NOT_RECONCILED');
      expect(response.json().error.message).toContain('belum pernah direkonsiliasi');
    }
    const unknown = await get('admin', '/api/programs/PKH/periods/2026-T4/berita-acara.pdf');
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.code).toBe('PERIOD_UNKNOWN');
  });
});

describe('Berita Acara XLSX', () => {
  it('lists every allocation line with its status and integer money, and the unallocated report lines', async () => {
    const response = await get('admin', `${BASE}/berita-acara.xlsx`);
    expect(response.statusCode).toBe(200);
    const workbook = await readXlsx(response.rawPayload);
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['Ringkasan', DETAIL_SHEET, UNALLOCATED_SHEET]);
    const header = (workbook.getWorksheet(DETAIL_SHEET)!.getRow(1).values as unknown[]).slice(1);
    const col = (name: string) => header.indexOf(name);
    const rows = rowsOf(workbook.getWorksheet(DETAIL_SHEET));
    expect(rows).toHaveLength(6);
    // The admin reads full NIK (nik.full).
    expect(rows.map((r) => r[col('NIK')])).toEqual(a.map((x) => x.nik));
    expect(rows.map((r) => r[col('STATUS')])).toEqual([
      'TERSALUR',
      'GANDA',
      'SELISIH_NOMINAL',
      'GAGAL_SALUR',
      'TERSALUR',
      'BELUM_ADA_LAPORAN',
    ]);
    expect(rows.map((r) => r[col('NOMINAL_ALOKASI')])).toEqual([
      750_000, 750_000, 750_000, 600_000, 225_000, 300_000,
    ]);
    expect(rows.map((r) => r[col('NOMINAL_TERSALUR')])).toEqual([750_000, 1_500_000, 500_000, 0, 225_000, 0]);
    for (const r of rows) expect(Number.isInteger(r[col('NOMINAL_TERSALUR')])).toBe(true);
    expect(rows[3]![col('ALASAN')]).toBe('Rekening belum dibuka');
    expect(rows[0]![col('DESA_KELURAHAN')]).toBeTruthy();

    const unallocated = rowsOf(workbook.getWorksheet(UNALLOCATED_SHEET));
    expect(unallocated).toHaveLength(1);
    expect(unallocated[0]).toContain(600_000);
    expect(unallocated[0]).toContain(unallocatedNik);
  });

  it('gives a kelurahan operator only their lines; the auditor reads masked NIK', async () => {
    const kelA = await readXlsx((await get('kelA', `${BASE}/berita-acara.xlsx`)).rawPayload);
    const rows = rowsOf(kelA.getWorksheet(DETAIL_SHEET));
    expect(rows).toHaveLength(2);
    expect(rows.every((r) => r.includes('13.71.01.1001'))).toBe(true);
    // The unallocated line of kecamatan 13.71.01 lies outside one kelurahan's scope.
    expect(rowsOf(kelA.getWorksheet(UNALLOCATED_SHEET))).toHaveLength(0);

    const kecA = await readXlsx((await get('kecA', `${BASE}/berita-acara.xlsx`)).rawPayload);
    expect(rowsOf(kecA.getWorksheet(DETAIL_SHEET))).toHaveLength(4);
    expect(rowsOf(kecA.getWorksheet(UNALLOCATED_SHEET))).toHaveLength(1);

    const kelC = await readXlsx((await get('kelC', `${BASE}/berita-acara.xlsx`)).rawPayload);
    const cRows = rowsOf(kelC.getWorksheet(DETAIL_SHEET));
    expect(cRows).toHaveLength(2);
    expect(JSON.stringify(cRows)).not.toContain('13.71.01');

    const auditor = await readXlsx((await get('auditor', `${BASE}/berita-acara.xlsx`)).rawPayload);
    const aRows = rowsOf(auditor.getWorksheet(DETAIL_SHEET));
    expect(aRows.map((r) => r[2])).toEqual(a.map((x) => maskNik(x.nik)));
    expect(JSON.stringify(aRows)).not.toContain(a[0]!.nik);
  });

  it('records the export in the audit log with the reader region and whether NIK were full', async () => {
    await get('kelC', `${BASE}/berita-acara.xlsx`);
    const entry = await lastAudit();
    expect(entry.action).toBe('export.xlsx');
    expect(entry.entity_id).toBe('PKH/2026-T2');
    expect(entry.details).toMatchObject({
      report: 'berita_acara.detail',
      program: 'PKH',
      period: '2026-T2',
      regionCode: KEL_C,
      fullIdentifiers: true,
    });
  });
});

describe('finalised period', () => {
  it('prints FINAL with who finalised it, no DRAF mark', async () => {
    await t.services.reconciliation.finalise(admin, 'PKH', '2026-T2');
    const response = await get('admin', `${BASE}/berita-acara.pdf`);
    expect(response.statusCode).toBe(200);
    expect(response.rawPayload.toString('latin1')).toContain('PKH 2026-T2 FINAL');
    const { content, draft } = await t.services.beritaAcara.pdf(admin, 'PKH', '2026-T2');
    expect(draft).toBe(false);
    expect(content.period.status).toBe('FINAL');
    const doc = beritaAcaraDocument(content);
    expect(doc.watermark).toBeUndefined();
    expect(JSON.stringify(doc)).toContain('telah difinalkan pada');
    // Finalised without a user row (CLI, system): the name kept with the period says who.
    expect(JSON.stringify(doc)).toContain('Admin Uji (uji)');
    expect(JSON.stringify(doc)).not.toContain('DRAF');
  });
});
