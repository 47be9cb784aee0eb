import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LoggedIn, login, type TestApp } from '../support/app';
import { allocationCsvLines, writeLines } from '../support/distribution-files';
import { buildUser, PASSWORD } from '../support/factories';
import { postFile, startImportApp, stopImportApp } from '../support/import-http';
import { buildPkhFamily } from '../support/pkh-families';

const DESA = '1371031001';
const OTHER_DESA = '1371031002';
const BASE = '/api/programs/PKH/periods/2026-T2';
let t: TestApp;
let admin: LoggedIn;
let dir: string;

beforeAll(async () => {
  ({ t, admin, dir } = await startImportApp());
});
afterAll(() => stopImportApp({ t, admin, dir }));

const upload = (file: string, query: string, session = admin, base = BASE) =>
  postFile(
    t,
    `${base}/allocation-imports?fileName=${encodeURIComponent(path.basename(file))}${query}`,
    file,
    session,
  );

async function jobResult(jobId: number) {
  await t.services.jobs.runUntilIdle();
  const job = await t.app.inject({ method: 'GET', url: `/api/jobs/${jobId}`, headers: admin.headers });
  return job.json();
}

describe('allocation import over HTTP', () => {
  let allocationId: number;
  let otherId: number;

  it('uploads, runs as a job, lists the import and serves the rejected lines', async () => {
    const family = await buildPkhFamily(t.services, DESA, [
      { birthDate: '1985-01-01' },
      { birthDate: '2022-06-01' },
      { birthDate: '2014-01-01', schooling: 'SD' },
    ]);
    const other = await buildPkhFamily(t.services, OTHER_DESA, [{ birthDate: '1985-01-01' }]);
    const lines = [...allocationCsvLines([family, other], { amount: 975_000, channel: 'BRI' })];
    const file = await writeLines(path.join(dir, 'alokasi web.csv'), [...lines, '12345,,Rusak,975000,BRI,']);
    const started = await upload(file, '&channel=BRI');
    expect(started.statusCode).toBe(202);
    const job = await jobResult(started.json().id);
    expect(job).toMatchObject({
      kind: 'allocation.import',
      state: 'succeeded',
      result: {
        accepted: 2,
        rejected: 1,
        rejectedByReason: { NIK_FORMAT: 1 },
        flaggedByReason: { AMOUNT_MISMATCH: 1 },
      },
    });

    const history = await t.app.inject({
      method: 'GET',
      url: `${BASE}/allocation-imports`,
      headers: admin.headers,
    });
    expect(history.json().items[0]).toMatchObject({ fileName: 'alokasi web.csv', accepted: 2, rejected: 1 });

    const report = await t.app.inject({
      method: 'GET',
      url: `/api/allocation-imports/${job.result.importId}/rejected.csv`,
      headers: admin.headers,
    });
    expect(report.statusCode).toBe(200);
    expect(report.headers['content-disposition']).toContain('alokasi_web.ditolak.csv');
    expect(report.body).toContain('4,NIK_FORMAT');
    const xlsx = await t.app.inject({
      method: 'GET',
      url: `/api/allocation-imports/${job.result.importId}/rejected.xlsx`,
      headers: admin.headers,
    });
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');

    const list = await t.app.inject({ method: 'GET', url: `${BASE}/allocations`, headers: admin.headers });
    expect(list.json().total).toBe(2);
    allocationId = list.json().items.find((i: { scopeCode: string }) => i.scopeCode === DESA).id;
    otherId = list.json().items.find((i: { scopeCode: string }) => i.scopeCode === OTHER_DESA).id;

    const again = await upload(file, '&channel=BRI');
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toMatchObject({
      code: 'ALLOCATION_FILE_ALREADY_IMPORTED',
      details: { importId: job.result.importId },
    });
  });

  it('answers a bad start at once: missing column, unknown programme, finalised period — no job', async () => {
    const file = await writeLines(path.join(dir, 'kurang.csv'), ['NIK,NOMINAL', '1371031705800001,750000']);
    const missing = await upload(file, '');
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.code).toBe('COLUMN_MISSING');
    const unknown = await upload(file, '&channel=BRI', admin, '/api/programs/BLT/periods/2026-T2');
    expect(unknown.json().error.code).toBe('PROGRAM_UNKNOWN');
    const kind = await upload(file, '&channel=BRI', admin, '/api/programs/PKH/periods/2026-03');
    expect(kind.json().error.code).toBe('PERIOD_KIND_MISMATCH');
    await t.services.database.db
      .updateTable('program_period')
      .set({ status: 'FINAL' })
      .where('period', '=', '2026-T2')
      .execute();
    const final = await upload(file, '&channel=BRI');
    expect(final.statusCode).toBe(409);
    expect(final.json().error.code).toBe('PERIOD_FINAL');
    await t.services.database.db
      .updateTable('program_period')
      .set({ status: 'OPEN' })
      .where('period', '=', '2026-T2')
      .execute();
    expect(fs.readdirSync(`${dir}/files/uploads`)).toEqual([]);
  });

  it('shows an operator only the lines of their kelurahan, NIK masked, and 404 on another kelurahan', async () => {
    await buildUser(t.services, 'operator_kelurahan', DESA, 'op.alokasi');
    const operator = await login(t.app, 'op.alokasi', PASSWORD, '10.81.0.1');
    const list = await t.app.inject({ method: 'GET', url: `${BASE}/allocations`, headers: operator.headers });
    expect(list.statusCode).toBe(200);
    expect(list.json().total).toBe(1);
    expect(list.json().items[0]).toMatchObject({
      id: allocationId,
      nikMasked: expect.stringMatching(/^\d{4}\*{8}\d{4}$/),
    });
    const elsewhere = await t.app.inject({
      method: 'GET',
      url: `${BASE}/allocations?regionCode=${OTHER_DESA}`,
      headers: operator.headers,
    });
    expect(elsewhere.json().total).toBe(0);
    const detail = await t.app.inject({
      method: 'GET',
      url: `/api/allocations/${allocationId}`,
      headers: operator.headers,
    });
    expect(detail.statusCode).toBe(200);
    // The amount matched: no calculation was kept at import, the page explains it from today's registry.
    expect(detail.json()).toMatchObject({ calculationSource: 'REGISTRY_NOW', expectedAmount: 975_000 });
    expect(detail.json().calculation).toMatchObject({ kind: 'PKH', subtotal: 975_000, expected: 975_000 });
    expect(detail.json().calculation.members.map((m: { component: string }) => m.component)).toEqual([
      'anak_usia_dini',
      'anak_sd',
    ]);
    const hidden = await t.app.inject({
      method: 'GET',
      url: `/api/allocations/${otherId}`,
      headers: operator.headers,
    });
    expect(hidden.statusCode).toBe(404);
    expect(hidden.json().error.code).toBe('NOT_FOUND');
    const upload403 = await upload(path.join(dir, 'kurang.csv'), '&channel=BRI', operator);
    expect(upload403.statusCode).toBe(403);
  });

  it('searches by NIK only in the body, never in the URL, and by flag', async () => {
    const line = await t.services.database.db
      .selectFrom('allocation')
      .select(['nik'])
      .where('id', '=', otherId)
      .executeTakeFirstOrThrow();
    const inUrl = await t.app.inject({
      method: 'GET',
      url: `${BASE}/allocations?name=${line.nik}`,
      headers: admin.headers,
    });
    expect(inUrl.statusCode).toBe(400);
    expect(inUrl.json().error.code).toBe('IDENTIFIER_IN_URL');
    const found = await t.app.inject({
      method: 'POST',
      url: `${BASE}/allocations/search`,
      headers: admin.headers,
      payload: { nik: line.nik },
    });
    expect(found.json()).toMatchObject({ total: 1, items: [{ id: otherId }] });
    // The search only reads: the auditor (who may change nothing) searches the whole office too.
    await buildUser(t.services, 'auditor', '1371', 'auditor.alokasi');
    const auditor = await login(t.app, 'auditor.alokasi', PASSWORD, '10.81.0.2');
    const audited = await t.app.inject({
      method: 'POST',
      url: `${BASE}/allocations/search`,
      headers: auditor.headers,
      payload: { nik: line.nik },
    });
    expect([audited.statusCode, audited.json().error?.code]).toEqual([200, undefined]);
    expect(audited.json()).toMatchObject({ total: 1, items: [{ id: otherId }] });
    const flagged = await t.app.inject({
      method: 'GET',
      url: `${BASE}/allocations?flag=AMOUNT_MISMATCH`,
      headers: admin.headers,
    });
    expect(flagged.json()).toMatchObject({ total: 1, items: [{ id: otherId, expectedAmount: 0 }] });
    const mismatch = await t.app.inject({
      method: 'GET',
      url: `/api/allocations/${otherId}`,
      headers: admin.headers,
    });
    expect(mismatch.json()).toMatchObject({
      calculationSource: 'IMPORT',
      nik: line.nik,
      flags: [{ code: 'AMOUNT_MISMATCH' }],
      calculation: { kind: 'PKH', members: [], expected: 0 },
    });
  });
});
