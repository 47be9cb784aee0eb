import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeNik } from '../../src/domain/nik';
import { hasChromium, launchBrowser, logIn, logInOnPhone, screenshot } from './support/browser';
import { type SalurServer, startSalur } from './support/server';

const ADMIN_PASSWORD = 'admin-rahasia-e2e-4';
const KELURAHAN = '1371011001';
const KECAMATAN = '137101';

// Four registry families of one kelurahan; the channel also reports a NIK nobody allocated.
const heads = [1, 2, 3, 4].map((serial) => ({
  nik: encodeNik({
    kecamatanCode: KECAMATAN,
    birthDate: '1979-03-1' + serial,
    sex: 'P',
    serial: 40 + serial,
  }),
  kk: `13710101020${serial}0040`,
  name: ['Sri Wahyuni', 'Nurhayati', 'Yulia Putri', 'Marlina Sari'][serial - 1]!,
}));
const stranger = encodeNik({ kecamatanCode: KECAMATAN, birthDate: '1985-07-07', sex: 'L', serial: 99 });

const registryCsv = () =>
  `${[
    'NIK;NO_KK;NAMA;TGL_LAHIR;JENIS_KELAMIN;HUB_KELUARGA;KODE_WILAYAH;ALAMAT;RT;RW;DESIL',
    ...heads.map((h, i) =>
      [
        h.nik,
        h.kk,
        h.name,
        `1${i + 1}/03/1979`,
        'P',
        'KEPALA_KELUARGA',
        KELURAHAN,
        'Jl. Uji',
        '001',
        '002',
        '2',
      ].join(';'),
    ),
  ].join('\n')}\n`;

// The centre's allocation for PKH tahap II 2026, and BRI's report of what it paid.
const allocationCsv = () =>
  `${[
    'NIK,NO_KK,NAMA,NOMINAL,BANK',
    `${heads[0]!.nik},${heads[0]!.kk},${heads[0]!.name},750000,BRI`,
    `${heads[1]!.nik},${heads[1]!.kk},${heads[1]!.name},750000,BRI`,
    `${heads[2]!.nik},${heads[2]!.kk},${heads[2]!.name},600000,BRI`,
    `${heads[3]!.nik},${heads[3]!.kk},${heads[3]!.name},750000,BRI`,
  ].join('\n')}\n`;
const reportCsv = () =>
  `${[
    'NIK,JUMLAH_DISALURKAN,TANGGAL,STATUS,KETERANGAN',
    `${heads[0]!.nik},750000,2026-05-10,BERHASIL,`,
    `${heads[1]!.nik},750000,2026-05-10,GAGAL,Rekening belum dibuka`,
    `${heads[3]!.nik},500000,2026-05-11,BERHASIL,`,
    `${stranger},600000,2026-05-11,BERHASIL,`,
  ].join('\n')}\n`;

/** The registry is set up through the API, as the DTSEN import journey already covers its page. */
async function importRegistry(base: string, file: string): Promise<void> {
  const login = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }),
  });
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const headers = { cookie, 'x-csrf-token': csrfToken };
  const upload = (await (
    await fetch(`${base}/api/registry/uploads?fileName=dtsen.csv`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/octet-stream' },
      body: fs.readFileSync(file),
    })
  ).json()) as { uploadId: string };
  const job = (await (
    await fetch(`${base}/api/registry/imports`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body: JSON.stringify({ uploadId: upload.uploadId, fileName: 'dtsen.csv' }),
    })
  ).json()) as { id: number };
  for (let i = 0; i < 100; i++) {
    const state = (
      (await (await fetch(`${base}/api/jobs/${job.id}`, { headers })).json()) as { state: string }
    ).state;
    if (state === 'succeeded') return;
    if (state === 'failed') throw new Error('registry import failed');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error('registry import did not finish');
}

async function chooseOption(page: Page, testId: string, option: string): Promise<void> {
  await page.getByTestId(testId).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

describe.skipIf(!hasChromium)('programme period in the browser', () => {
  let server: SalurServer | undefined;
  let browser: Browser | undefined;
  let dir = '';

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'salur-e2e-distribution-'));
    [server, browser] = await Promise.all([startSalur({ adminPassword: ADMIN_PASSWORD }), launchBrowser()]);
    fs.writeFileSync(path.join(dir, 'dtsen.csv'), registryCsv());
    fs.writeFileSync(path.join(dir, 'alokasi-pkh-2026-t2.csv'), allocationCsv());
    fs.writeFileSync(path.join(dir, 'laporan-bri-2026-t2.csv'), reportCsv());
    await importRegistry(server.baseUrl, path.join(dir, 'dtsen.csv'));
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('admin imports the allocation and the channel report, reconciles, and downloads the Berita Acara', async () => {
    const base = server!.baseUrl;
    const context = await browser!.newContext({
      viewport: { width: 1280, height: 900 },
      timezoneId: 'Asia/Jakarta',
      acceptDownloads: true,
    });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    await page.goto(`${base}/masuk`);
    await logIn(page, 'admin', ADMIN_PASSWORD);
    await page.waitForURL(`${base}/`);

    // /program → a new period of PKH: 2026-T2.
    await page.getByTestId('nav-programs').click();
    await page.waitForURL(`${base}/program`);
    const newPeriod = page.getByTestId('new-period-PKH');
    await newPeriod.getByRole('textbox').fill('2026-T2');
    await newPeriod.getByRole('button').click();
    await page.waitForURL(`${base}/program/PKH/2026-T2`);

    // Before the first allocation file, the other tabs say what comes first (no error, no form).
    await page.getByTestId('tab-penyaluran').click();
    await page.getByTestId('disbursements-no-allocation').waitFor();
    expect(await page.getByTestId('disbursement-import').count()).toBe(0);
    await page.getByTestId('tab-rekonsiliasi').click();
    await page.getByTestId('reconciliation-no-allocation').waitFor();
    await page.getByTestId('tab-alokasi').click();

    // Alokasi: the centre's file.
    await page
      .getByTestId('allocation-import')
      .locator('input[type=file]')
      .setInputFiles(path.join(dir, 'alokasi-pkh-2026-t2.csv'));
    await page.getByTestId('allocation-start').click();
    await page.getByTestId('allocation-result').waitFor({ timeout: 30_000 });
    expect((await page.getByTestId('allocation-accepted').textContent())?.trim()).toBe('4');
    await screenshot(page, 'distribution-allocation');

    // Penyaluran: BRI's report.
    await page.getByTestId('tab-penyaluran').click();
    await chooseOption(page, 'disbursement-channel', 'BRI');
    await page
      .getByTestId('disbursement-import')
      .locator('input[type=file]')
      .setInputFiles(path.join(dir, 'laporan-bri-2026-t2.csv'));
    await page.getByTestId('disbursement-start').click();
    await page.getByTestId('disbursement-result').waitFor({ timeout: 30_000 });
    await screenshot(page, 'distribution-report');

    // Rekonsiliasi: run it, see one status per allocation line.
    await page.getByTestId('tab-rekonsiliasi').click();
    await page.getByTestId('reconciliation-run').click();
    await page.getByTestId('reconciliation-run-result').waitFor({ timeout: 30_000 });
    await page.getByTestId('reconciliation-by-status').waitFor();
    await expect.poll(() => page.getByTestId('reconciliation-line-row').count()).toBe(4);
    // One row per family, in allocation order, each with the label of its status.
    const rows = await page.getByTestId('reconciliation-line-row').allTextContents();
    const statusOf = (name: string) => rows.find((r) => r.includes(name)) ?? '';
    expect(statusOf('Sri Wahyuni')).toContain('Tersalur');
    expect(statusOf('Nurhayati')).toContain('Gagal salur');
    expect(statusOf('Nurhayati')).toContain('Rekening belum dibuka');
    expect(statusOf('Yulia Putri')).toContain('Belum ada laporan');
    expect(statusOf('Marlina Sari')).toContain('Selisih nominal');
    await page.getByTestId('reconciliation-unallocated-paid').waitFor();
    await screenshot(page, 'distribution-reconciliation');

    // The Berita Acara: a PDF (DRAF: the period is still open) and its XLSX detail.
    await page.getByTestId('berita-acara').scrollIntoViewIfNeeded();
    const [pdf] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('berita-acara-pdf').click(),
    ]);
    expect(pdf.suggestedFilename()).toBe('berita-acara-rekonsiliasi-PKH-2026-T2.pdf');
    const bytes = fs.readFileSync((await pdf.path())!);
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(bytes.toString('latin1')).toContain('Berita Acara Rekonsiliasi PKH 2026-T2');
    const [xlsx] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('berita-acara-xlsx').click(),
    ]);
    expect(xlsx.suggestedFilename()).toBe('rincian-rekonsiliasi-PKH-2026-T2.xlsx');
    expect(
      fs
        .readFileSync((await xlsx.path())!)
        .subarray(0, 2)
        .toString('latin1'),
    ).toBe('PK');

    // Finalise: the header says Final at once, and the import tabs say why they offer no import.
    await page.getByTestId('reconciliation-finalise').click();
    await page.getByRole('dialog').getByRole('button', { name: 'Finalkan periode' }).click();
    await page.getByTestId('reconciliation-frozen').waitFor({ timeout: 30_000 });
    await expect.poll(() => page.getByTestId('period-status').textContent()).toBe('Final');
    await page.getByTestId('tab-alokasi').click();
    await page.getByTestId('imports-closed').waitFor();
    expect(await page.getByTestId('allocation-import').count()).toBe(0);
    await page.getByTestId('tab-penyaluran').click();
    await page.getByTestId('imports-closed').waitFor();
    expect(await page.getByTestId('disbursement-import').count()).toBe(0);

    // The realisation dashboard: 2 KPM paid (Rp750.000 + Rp500.000).
    await page.getByTestId('nav-realisasi').click();
    await page.waitForURL(/\/realisasi/);
    const headline = page.getByTestId('realisasi-headline');
    await headline.waitFor();
    expect(await headline.textContent()).toContain('PKH 2026: 2 KPM, Rp1.250.000');
    await page.getByTestId('realisasi-chart-kecamatan').locator('svg').first().waitFor();
    expect(await page.getByTestId('realisasi-failures').textContent()).toContain('Rekening belum dibuka');
    await screenshot(page, 'distribution-realisasi');

    // Beranda sums up the same realisation per programme, with a link to the dashboard.
    await page.getByTestId('nav-dashboard').click();
    await expect
      .poll(() => page.getByTestId('dashboard-realisasi-PKH').textContent())
      .toContain('2 KPM, Rp1.250.000');
    await context.close();

    // The dashboard on a 375 px phone: nothing scrolls sideways but the tables inside.
    const { context: phone, page: mobile } = await logInOnPhone(browser!, base, {
      username: 'admin',
      password: ADMIN_PASSWORD,
      timeoutMs: 15_000,
    });
    await mobile.goto(`${base}/realisasi?program=PKH&year=2026&upTo=2026-T2`);
    expect(await mobile.getByTestId('realisasi-headline').textContent()).toContain(
      'PKH 2026 sampai Tahap II: 2 KPM, Rp1.250.000',
    );
    await mobile.getByTestId('realisasi-by-kelurahan').waitFor();
    expect(await mobile.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(375);
    await screenshot(mobile, 'phone-realisasi');
    await phone.close();
  });
});
