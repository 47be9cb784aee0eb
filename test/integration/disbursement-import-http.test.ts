import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openDatabase } from '../../src/db/database';
import { ADMIN_PASSWORD, type LoggedIn, login, type TestApp } from '../support/app';
import {
  finalisePeriod,
  reportLine,
  reportNik,
  seedAllocations,
  tempDir,
  writeReportCsv,
} from '../support/disbursement-factories';
import { buildUser, PASSWORD } from '../support/factories';
import { withDatabase } from '../support/global-setup';
import { postFile, startImportApp, stopImportApp } from '../support/import-http';

const DESA = '1371031001';
const OTHER_DESA = '1371111001';
const root = path.resolve(import.meta.dirname, '../..');
let t: TestApp;
let admin: LoggedIn;
let dir: string;

beforeAll(async () => {
  ({ t, admin, dir } = await startImportApp());
});
afterAll(() => stopImportApp({ t, admin, dir }));

const upload = (
  file: string,
  query: { period: string; channel?: string; program?: string },
  session: LoggedIn = admin,
) =>
  postFile(
    t,
    `/api/programs/${query.program ?? 'PKH'}/periods/${query.period}/disbursement-reports` +
      `?channel=${encodeURIComponent(query.channel ?? 'BRI')}&fileName=${encodeURIComponent(path.basename(file))}`,
    file,
    session,
  );
const get = (url: string, session: LoggedIn = admin) =>
  t.app.inject({ method: 'GET', url, headers: session.headers });
const jobCount = async () =>
  Number(
    (
      await t.services.database.db
        .selectFrom('job')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('kind', '=', 'disbursement.import')
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('channel report import over HTTP', () => {
  const period = '2026-T2';
  const mine = reportNik(DESA);
  const theirs = reportNik(OTHER_DESA);
  const stranger = reportNik(DESA);
  let reportId = 0;

  it('uploads a report as a job, lists it, and serves its rejected lines', async () => {
    await seedAllocations(t.services.database.db, [
      { nik: mine, amount: 750000, scopeCode: DESA },
      { nik: theirs, amount: 750000, scopeCode: OTHER_DESA },
    ]);
    const file = writeReportCsv(dir, 'bri-minggu1.csv', [
      reportLine({ NIK: mine }),
      reportLine({ NIK: theirs, STATUS: 'GAGAL', KETERANGAN: 'Rekening pasif' }),
      reportLine({ NIK: stranger }),
      reportLine({ NIK: mine, NOMINAL: '1,500' }),
    ]);
    const started = await upload(file, { period });
    expect(started.statusCode).toBe(202);
    await t.services.jobs.runUntilIdle();
    const job = (await get(`/api/jobs/${started.json().id}`)).json();
    expect(job).toMatchObject({
      state: 'succeeded',
      result: { accepted: 3, rejected: 1, matched: 2, unallocated: 1, channel: 'BRI' },
    });
    reportId = job.result.reportId;

    const list = await get(`/api/programs/PKH/periods/${period}/disbursement-reports`);
    expect(list.statusCode).toBe(200);
    expect(list.json().items[0]).toMatchObject({
      id: reportId,
      channel: 'BRI',
      fileName: 'bri-minggu1.csv',
      rowsRead: 4,
      accepted: 3,
      rejected: 1,
      createdBy: 'admin',
      byStatus: { BERHASIL: { lines: 2, amount: 1500000 }, GAGAL: { lines: 1, amount: 750000 } },
    });

    const csv = await get(
      `/api/programs/PKH/periods/${period}/disbursement-reports/${reportId}/rejected.csv`,
    );
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-disposition']).toContain('bri-minggu1.ditolak.csv');
    expect(csv.body).toContain('5,AMOUNT_AMBIGUOUS');
    const xlsx = await get(
      `/api/programs/PKH/periods/${period}/disbursement-reports/${reportId}/rejected.xlsx`,
    );
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });

  it('answers the same file again at once with 409 REPORT_ALREADY_IMPORTED, without a job', async () => {
    const before = await jobCount();
    const again = await upload(path.join(dir, 'bri-minggu1.csv'), { period });
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toMatchObject({ code: 'REPORT_ALREADY_IMPORTED', details: { reportId } });
    expect(await jobCount()).toBe(before);
  });

  it('answers an unknown period, an unknown programme and a wrong channel at once, without a job', async () => {
    const file = writeReportCsv(dir, 'salah.csv', [reportLine({ NIK: mine })]);
    const before = await jobCount();
    const unknown = await upload(file, { period: '2026-T4' });
    expect([unknown.statusCode, unknown.json().error.code]).toEqual([400, 'PERIOD_UNKNOWN']);
    const program = await upload(file, { period, program: 'TIDAKADA' });
    expect([program.statusCode, program.json().error.code]).toEqual([400, 'PROGRAM_UNKNOWN']);
    const channel = await upload(file, { period, channel: 'DANA' });
    expect([channel.statusCode, channel.json().error.code]).toEqual([400, 'CHANNEL_UNKNOWN']);
    expect(await jobCount()).toBe(before);
  });

  it('answers a finalised period with 409 PERIOD_FINAL', async () => {
    await seedAllocations(t.services.database.db, [{ nik: reportNik(DESA), amount: 1, scopeCode: DESA }], {
      period: '2026-T1',
    });
    await finalisePeriod(t.services.database.db, 'PKH', '2026-T1');
    const file = writeReportCsv(dir, 'final.csv', [reportLine({ NIK: mine })]);
    const response = await upload(file, { period: '2026-T1' });
    expect([response.statusCode, response.json().error.code]).toEqual([409, 'PERIOD_FINAL']);
  });

  it('shows each operator only the lines of their region, NIK masked', async () => {
    await buildUser(t.services, 'operator_kelurahan', DESA, 'op.desa.salur');
    await buildUser(t.services, 'operator_kelurahan', '1371011001', 'op.lain.salur');
    await buildUser(t.services, 'operator_kecamatan', '137111', 'op.kec.salur');
    const own = await login(t.app, 'op.desa.salur', PASSWORD, '10.60.0.1');
    const other = await login(t.app, 'op.lain.salur', PASSWORD, '10.60.0.2');
    const kecamatan = await login(t.app, 'op.kec.salur', PASSWORD, '10.60.0.3');
    const url = `/api/programs/PKH/periods/${period}/disbursements`;

    const all = (await get(url)).json();
    expect(all.items).toHaveLength(3);
    expect(JSON.stringify(all)).not.toContain(mine);
    expect(all.items[0].nikMasked).toBe(`${mine.slice(0, 4)}********${mine.slice(12)}`);

    // The kelurahan operator sees the allocated line of the village only: the unallocated
    // stranger line is scoped by its NIK's kecamatan, not by a village.
    const ownLines = (await get(url, own)).json().items;
    expect(ownLines.map((l: { regionCode: string }) => l.regionCode)).toEqual([DESA]);
    expect((await get(url, other)).json().items).toEqual([]);
    expect((await get(`${url}?allocated=no`, own)).json().items).toEqual([]);
    const kec = (await get(url, kecamatan)).json().items;
    expect(kec.map((l: { status: string; reason: string }) => [l.status, l.reason])).toEqual([
      ['GAGAL', 'Rekening pasif'],
    ]);
    // Rejected lines (full NIKs, no region) are for those who import only.
    const rejected = await get(
      `/api/programs/PKH/periods/${period}/disbursement-reports/${reportId}/rejected.csv`,
      own,
    );
    expect(rejected.statusCode).toBe(403);
    const refused = await upload(path.join(dir, 'salah.csv'), { period }, own);
    expect(refused.statusCode).toBe(403);
  });
});

describe('salur import penyaluran --json', () => {
  const template = inject('testTemplate');
  it('imports a report from the command line and prints the summary', async () => {
    const cliDir = tempDir();
    let env: NodeJS.ProcessEnv;
    let dropDatabase = async () => {};
    if (template.kind === 'pglite') {
      const dataDir = path.join(cliDir, 'data');
      fs.cpSync(template.dataDir, dataDir, { recursive: true });
      env = { SALUR_DATA_DIR: dataDir, DATABASE_URL: '' };
    } else {
      const name = `salur_t_${randomBytes(6).toString('hex')}`;
      const client = new pg.Client({ connectionString: template.url });
      await client.connect();
      await client.query(`CREATE DATABASE ${name} TEMPLATE ${template.template}`);
      await client.end();
      env = { DATABASE_URL: withDatabase(template.url, name) };
      dropDatabase = async () => {
        const c = new pg.Client({ connectionString: template.url });
        await c.connect();
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await c.end();
      };
    }
    try {
      const nik = reportNik(DESA);
      const database = await openDatabase({
        dataDir: env.SALUR_DATA_DIR,
        databaseUrl: env.DATABASE_URL || undefined,
      });
      await seedAllocations(database.db, [{ nik, amount: 600000, scopeCode: DESA, channel: 'POS' }], {
        program: 'SEMBAKO',
        period: '2026-Q2',
      });
      await database.close();
      const file = writeReportCsv(cliDir, 'pos.csv', [
        reportLine({ NIK: nik, NOMINAL: 'Rp 600.000', STATUS: 'TERSALUR' }),
        reportLine({ NIK: nik, STATUS: 'ENTAH' }),
      ]);
      const run = spawnSync(
        'node',
        [
          'bin/salur.mjs',
          'import',
          'penyaluran',
          '--program',
          'SEMBAKO',
          '--period',
          '2026-Q2',
          '--channel',
          'POS',
          file,
          '--json',
        ],
        {
          cwd: root,
          env: {
            ...process.env,
            ...env,
            SALUR_ADMIN_PASSWORD: ADMIN_PASSWORD,
            SALUR_FILES_DIR: `${cliDir}/files`,
          },
          encoding: 'utf8',
        },
      );
      expect(run.status, run.stderr).toBe(0);
      const summary = JSON.parse(run.stdout);
      expect(summary).toMatchObject({
        program: 'SEMBAKO',
        period: '2026-Q2',
        channel: 'POS',
        rowsRead: 2,
        accepted: 1,
        rejected: 1,
        alreadyReported: 0,
        matched: 1,
        byStatus: { BERHASIL: { lines: 1, amount: 600000 } },
        rejectedByReason: { STATUS_UNKNOWN: 1 },
        errorReport: path.join(cliDir, 'pos.ditolak.csv'),
      });
      expect(fs.readFileSync(summary.errorReport, 'utf8')).toContain('STATUS_UNKNOWN');
      // The same file again: refused, exit code 2, the code on stderr.
      const again = spawnSync(
        'node',
        [
          'bin/salur.mjs',
          'import',
          'penyaluran',
          '--program',
          'SEMBAKO',
          '--period',
          '2026-Q2',
          '--channel',
          'POS',
          file,
        ],
        {
          cwd: root,
          env: {
            ...process.env,
            ...env,
            SALUR_ADMIN_PASSWORD: ADMIN_PASSWORD,
            SALUR_FILES_DIR: `${cliDir}/files`,
          },
          encoding: 'utf8',
        },
      );
      expect(again.status).toBe(2);
      expect(again.stderr).toContain('REPORT_ALREADY_IMPORTED');
    } finally {
      await dropDatabase();
      fs.rmSync(cliDir, { recursive: true, force: true });
    }
  }, 120_000);
});
