import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeNik } from '../../src/domain/nik';
import { hasChromium, launchBrowser, logIn, logInOnPhone, screenshot } from './support/browser';
import { type SalurServer, startSalur } from './support/server';

const ADMIN_PASSWORD = 'admin-rahasia-e2e-2';
const KELURAHAN = '13.71.01.1001';
const KECAMATAN = '137101';

// "NOMOR KARTU KELUARGA" is no header the server knows: the admin maps it to No. KK by hand.
const HEADER =
  'NIK;NOMOR KARTU KELUARGA;NAMA;TGL_LAHIR;JENIS_KELAMIN;HUB_KELUARGA;KODE_WILAYAH;ALAMAT;RT;RW;DESIL';
const KK_COLUMN = 1;

interface Row {
  nik: string;
  kk: string;
  name: string;
  birth: string;
  sex: 'L' | 'P';
  relationship: string;
  region: string;
}

function nik(birthDate: string, sex: 'L' | 'P', serial: number): string {
  return encodeNik({ kecamatanCode: KECAMATAN, birthDate, sex, serial });
}

const KK_1 = '1371010101090001';
const KK_2 = '1371010202150002';
const BUDI: Row = {
  nik: nik('1980-05-12', 'L', 1),
  kk: KK_1,
  name: 'Budi Santoso',
  birth: '12/05/1980',
  sex: 'L',
  relationship: 'KEPALA_KELUARGA',
  region: KELURAHAN,
};
const SITI: Row = {
  nik: nik('1983-08-20', 'P', 2),
  kk: KK_1,
  name: 'Siti Rahmawati',
  birth: '20/08/1983',
  sex: 'P',
  relationship: 'ISTRI',
  region: KELURAHAN,
};
const ANDI: Row = {
  nik: nik('2010-01-15', 'L', 3),
  kk: KK_1,
  name: 'Andi Pratama',
  birth: '15/01/2010',
  sex: 'L',
  relationship: 'ANAK',
  region: KELURAHAN,
};
const DEWI: Row = {
  nik: nik('2012-03-03', 'P', 4),
  kk: KK_1,
  name: 'Dewi Lestari',
  birth: '03/03/2012',
  sex: 'P',
  relationship: 'ANAK',
  region: KELURAHAN,
};
const YUSUF: Row = {
  nik: nik('1975-11-02', 'L', 5),
  kk: KK_2,
  name: 'Yusuf Hamzah',
  birth: '02/11/1975',
  sex: 'L',
  relationship: 'KEPALA_KELUARGA',
  region: '13.71.99.9999',
};
const RINA: Row = {
  nik: nik('1990-02-14', 'P', 6),
  kk: KK_2,
  name: 'Rina Marlina',
  birth: '14/02/1990',
  sex: 'P',
  relationship: 'KEPALA_KELUARGA',
  region: KELURAHAN,
};

/** The month after the current one, `YYYY-MM`: a newer edition than the default. */
function nextEdition(): string {
  const now = new Date();
  const next = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1));
  return next.toISOString().slice(0, 7);
}

function csv(rows: Row[]): string {
  const lines = rows.map((r) =>
    [
      r.nik,
      r.kk,
      r.name,
      r.birth,
      r.sex,
      r.relationship,
      r.region,
      'Jl. Samudera No. 5',
      '001',
      '002',
      '2',
    ].join(';'),
  );
  return `${[HEADER, ...lines].join('\n')}\n`;
}

/** Uploads a file, checks the mapping step blocks until No. KK is mapped, maps it, starts. */
async function importFile(page: Page, file: string, edition?: string): Promise<void> {
  await page.locator('input[type=file]').setInputFiles(file);
  await page.getByTestId('import-upload').click();
  await page.getByTestId('mapping-table').waitFor();
  expect(await page.getByTestId('mapping-missing').textContent()).toContain('No. KK');
  expect(await page.getByTestId('import-start').isDisabled()).toBe(true);
  await page.getByTestId(`mapping-select-${KK_COLUMN}`).click();
  await page.getByRole('option', { name: 'No. KK *' }).click();
  await page.getByTestId('mapping-missing').waitFor({ state: 'detached' });
  if (edition) await page.getByTestId('import-edition').fill(edition);
  await page.getByTestId('import-start').click();
  await page.getByTestId('import-progress').waitFor();
  await page.getByTestId('import-result').waitFor({ timeout: 30_000 });
}

async function text(page: Page, testId: string): Promise<string> {
  return ((await page.getByTestId(testId).textContent()) ?? '').trim();
}

async function noSidewaysScroll(page: Page): Promise<void> {
  expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(375);
}

describe.skipIf(!hasChromium)('DTSEN import in the browser', () => {
  let server: SalurServer | undefined;
  let browser: Browser | undefined;
  let dir = '';

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'salur-e2e-import-'));
    [server, browser] = await Promise.all([startSalur({ adminPassword: ADMIN_PASSWORD }), launchBrowser()]);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('admin imports a file with errors, downloads the rejected rows, re-imports the fixed file, then opens a person', async () => {
    const base = server!.baseUrl;
    // File lines: 1 header, 2 Budi, 3 Siti, 4 Andi (NIK mangled by a spreadsheet), 5 Dewi,
    // 6 Yusuf (unknown kelurahan), 7 Rina.
    const withErrors = path.join(dir, 'dtsen-padang-selatan.csv');
    const mangled = { ...ANDI, nik: '1,37101E+15' };
    fs.writeFileSync(withErrors, csv([BUDI, SITI, mangled, DEWI, YUSUF, RINA]));
    const fixed = path.join(dir, 'dtsen-padang-selatan-perbaikan.csv');
    fs.writeFileSync(fixed, csv([BUDI, SITI, ANDI, DEWI, RINA]));
    // Next month's file: Siti's name completed, her birth date now one day off her NIK.
    const nextMonth = path.join(dir, 'dtsen-padang-selatan-bulan-depan.csv');
    const sitiChanged = { ...SITI, name: 'Siti Rahmawati Putri', birth: '21/08/1983' };
    fs.writeFileSync(nextMonth, csv([BUDI, sitiChanged, ANDI, DEWI, RINA]));
    const edition = nextEdition();

    const context = await browser!.newContext({
      viewport: { width: 1280, height: 900 },
      timezoneId: 'Asia/Jakarta',
      acceptDownloads: true,
    });
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    await page.goto(`${base}/masuk`);
    await logIn(page, 'admin', ADMIN_PASSWORD);
    await page.waitForURL(`${base}/`);

    await page.getByTestId('nav-registryImport').click();
    await page.waitForURL(`${base}/registri/impor`);
    await importFile(page, withErrors);
    expect(await text(page, 'result-rows')).toBe('6');
    expect(await text(page, 'result-accepted')).toBe('4');
    expect(await text(page, 'result-rejected')).toBe('2');
    expect(await text(page, 'persons-inserted')).toBe('4');
    expect(await page.getByTestId('reason-NIK_NUMERIC_CELL').textContent()).toContain('spreadsheet');
    await page.getByTestId('reason-WILAYAH_UNKNOWN').waitFor();
    await screenshot(page, 'registry-import-result');

    // The rejected-rows report, as the file's maker would receive it.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('download-rejected-csv').click(),
    ]);
    const report = fs.readFileSync((await download.path())!, 'utf8');
    expect(download.suggestedFilename()).toMatch(/\.ditolak\.csv$/);
    expect(report).toMatch(/^4,NIK_NUMERIC_CELL,/m);
    expect(report).toMatch(/^6,WILAYAH_UNKNOWN,/m);

    // The corrected file: nothing rejected, the people already loaded unchanged.
    await page.getByTestId('import-another').click();
    await importFile(page, fixed);
    expect(await text(page, 'result-rejected')).toBe('0');
    expect(await text(page, 'persons-unchanged')).toBe('4');
    expect(await text(page, 'persons-inserted')).toBe('1');
    expect(await page.getByTestId('download-rejected-csv').count()).toBe(0);
    await expect.poll(() => page.getByTestId('import-history-row').count()).toBe(2);
    await screenshot(page, 'registry-import-second');

    await page.getByTestId('import-another').click();
    await importFile(page, nextMonth, edition);
    expect(await text(page, 'persons-updated')).toBe('1');
    expect(await text(page, 'persons-unchanged')).toBe('4');
    expect(await text(page, 'result-warnings')).toBe('1');
    await page.getByTestId('reason-NIK_BIRTHDATE_MISMATCH').waitFor();

    // Find a person by name, open the record.
    await page.getByTestId('nav-persons').click();
    await page.waitForURL(`${base}/penduduk`);
    await page.getByTestId('person-search').fill('Rahmawati');
    const row = page.getByTestId('person-row').filter({ hasText: 'Siti Rahmawati Putri' });
    await row.waitFor();
    expect(await row.textContent()).toContain('1371********0002');
    await row.getByRole('link', { name: 'Siti Rahmawati Putri' }).click();
    await page.waitForURL(/\/penduduk\/\d+$/);
    expect(await text(page, 'person-name')).toBe('Siti Rahmawati Putri');
    expect(await text(page, 'person-nik')).toBe(SITI.nik);
    expect(await text(page, 'person-kk')).toBe(KK_1);
    await page.getByTestId('person-nik-warnings').waitFor();
    const entries = page.getByTestId('history-entry');
    expect(await entries.count()).toBe(2);
    const update = entries.first();
    expect(await update.textContent()).toContain(`Data berubah`);
    expect(await update.textContent()).toContain(`edisi ${edition}`);
    expect(await update.getByTestId('change-name').textContent()).toBe(
      'Nama:Siti Rahmawati→Siti Rahmawati Putri',
    );
    expect(await update.getByTestId('change-birthDate').textContent()).toBe(
      'Tanggal lahir:20 Agustus 1983→21 Agustus 1983',
    );
    expect(await entries.last().textContent()).toContain('Tercatat pertama kali');
    const personUrl = page.url();
    await screenshot(page, 'person-page');

    await page.getByTestId('nav-quality').click();
    expect(await text(page, 'quality-count-warnedNik')).toBe('1');
    await page.getByTestId('quality-card-warnedNik').click();
    await page.getByTestId('quality-person-row').filter({ hasText: 'Siti Rahmawati Putri' }).waitFor();
    await screenshot(page, 'quality-page');
    await context.close();

    // The same pages on a 375 px phone: nothing scrolls sideways but the tables inside.
    const { context: phone, page: mobile } = await logInOnPhone(browser!, base, {
      username: 'admin',
      password: ADMIN_PASSWORD,
      timeoutMs: 10_000,
    });
    await mobile.goto(`${base}/registri/impor`);
    await mobile.getByTestId('import-history-row').first().waitFor();
    await noSidewaysScroll(mobile);
    await screenshot(mobile, 'phone-registry-import');
    await mobile.locator('input[type=file]').setInputFiles(fixed);
    await mobile.getByTestId('import-upload').click();
    await mobile.getByTestId('mapping-table').waitFor();
    await noSidewaysScroll(mobile);
    await screenshot(mobile, 'phone-registry-mapping');
    await mobile.goto(personUrl);
    await mobile.getByTestId('person-history').waitFor();
    await noSidewaysScroll(mobile);
    await screenshot(mobile, 'phone-person');
    await mobile.goto(`${base}/kualitas-data?kategori=warnedNik`);
    await mobile.getByTestId('quality-person-row').waitFor();
    await noSidewaysScroll(mobile);
    await screenshot(mobile, 'phone-quality');
    await phone.close();
  });
});
