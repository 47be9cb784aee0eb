import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium, launchBrowser, logIn, screenshot } from './support/browser';
import { type SalurServer, startSalur } from './support/server';

const ADMIN_PASSWORD = 'admin-rahasia-e2e-1';
const OPERATOR = {
  username: 'op.belakangpondok',
  fullName: 'Rina Operator Belakang Pondok',
  firstPassword: 'sementara-123',
  newPassword: 'sandi-baru-rina-2026',
};

/**
 * Whether the navbar is on screen. On a phone Mantine slides the collapsed navbar out of the
 * viewport (translateX) instead of hiding it, so Playwright's visibility does not tell.
 */
async function waitForNavbar(page: Page, shown: boolean): Promise<void> {
  const navbar = page.getByTestId('navbar');
  const deadline = Date.now() + 5_000;
  for (;;) {
    const box = await navbar.boundingBox();
    const onScreen = box !== null && box.x + box.width > 1;
    if (onScreen === shown) return;
    if (Date.now() > deadline) throw new Error(`navbar ${shown ? 'did not open' : 'did not close'}`);
    await page.waitForTimeout(50);
  }
}

/** Picks an option of a Mantine Select: open it, then click the option whose name matches. */
async function choose(page: Page, select: Locator, option: string | RegExp): Promise<void> {
  await select.click();
  await page.getByRole('option', { name: option }).click();
}

describe.skipIf(!hasChromium)('web app against a real Salur server', () => {
  let server: SalurServer | undefined;
  let browser: Browser | undefined;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startSalur({ adminPassword: ADMIN_PASSWORD }), launchBrowser()]);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('admin creates a kelurahan operator, who must change the password and sees only their modules', async () => {
    const base = server!.baseUrl;
    const context = await browser!.newContext({
      viewport: { width: 1280, height: 860 },
      timezoneId: 'Asia/Jakarta',
    });
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);

    // Admin logs in (created with SALUR_ADMIN_PASSWORD: no forced change).
    await page.goto(`${base}/`);
    await page.waitForURL(`${base}/masuk`);
    await logIn(page, 'admin', ADMIN_PASSWORD);
    await page.waitForURL(`${base}/`);

    // Pengguna → Tambah pengguna, with the region chosen through the cascading picker.
    await page.getByTestId('nav-users').click();
    await page.waitForURL(`${base}/pengguna`);
    await page.getByTestId('user-row-admin').waitFor();
    await page.getByTestId('add-user').click();
    const form = page.getByTestId('user-form');
    await form.getByLabel(/^Nama pengguna/).fill(OPERATOR.username);
    await form.getByLabel(/^Nama lengkap/).fill(OPERATOR.fullName);
    await choose(page, form.getByTestId('user-role'), 'Operator Kelurahan/Desa');
    await choose(page, form.getByTestId('region-kecamatan'), /^Padang Selatan/);
    await choose(page, form.getByTestId('region-kelurahan'), /13\.71\.01\.1001/);
    await form.getByText('Wilayah terpilih: Kel. Belakang Pondok (13.71.01.1001)').waitFor();
    await form.getByLabel(/^Kata sandi awal/).fill(OPERATOR.firstPassword);
    await form.getByTestId('user-form-submit').click();

    const row = page.getByTestId(`user-row-${OPERATOR.username}`);
    await row.getByText('Kel. Belakang Pondok').waitFor();
    expect(await row.textContent()).toContain('Wajib ganti sandi');
    await page.getByTestId('user-form').waitFor({ state: 'detached' });
    await screenshot(page, 'users-page');

    // Log out, log in as the operator: the temporary password must be replaced first.
    await page.getByRole('button', { name: 'Keluar', exact: true }).click();
    await page.waitForURL(`${base}/masuk`);
    await logIn(page, OPERATOR.username, OPERATOR.firstPassword);
    await page.waitForURL(`${base}/ganti-sandi`);
    await page.getByTestId('forced-password-title').waitFor();
    await page.getByLabel(/^Kata sandi saat ini/).fill(OPERATOR.firstPassword);
    await page.getByLabel(/^Kata sandi baru/).fill(OPERATOR.newPassword);
    await page.getByLabel(/^Ulangi kata sandi baru/).fill(OPERATOR.newPassword);
    await page.getByRole('button', { name: 'Ganti kata sandi' }).click();
    await page.waitForURL(`${base}/`);

    // The shell shows the operator's kelurahan, and no Pengguna/Audit entries.
    await page.getByTestId('shell-region').filter({ hasText: 'Kel. Belakang Pondok' }).waitFor();
    expect(await page.getByTestId('shell-region').textContent()).toBe(
      'Kel. Belakang Pondok / Kec. Padang Selatan / Kota Padang',
    );
    expect(await page.getByTestId('shell-role').textContent()).toBe('Operator Kelurahan/Desa');
    await page.getByTestId('nav-households').waitFor();
    expect(await page.getByTestId('nav-users').count()).toBe(0);
    expect(await page.getByTestId('nav-audit').count()).toBe(0);

    // Typing the address of a module the role may not open shows a clear "no access".
    await page.goto(`${base}/pengguna`);
    await page.getByTestId('no-access').waitFor();
    expect(await page.getByTestId('no-access').textContent()).toContain('Tidak ada akses');
    await context.close();
  });

  it('works on a 375 px phone: login page and burger menu', async () => {
    const base = server!.baseUrl;
    const context = await browser!.newContext({
      viewport: { width: 375, height: 812 },
      isMobile: true,
      hasTouch: true,
      deviceScaleFactor: 2,
    });
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    await page.goto(`${base}/masuk`);
    await page.getByRole('button', { name: 'Masuk', exact: true }).waitFor();
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(375);
    await screenshot(page, 'phone-login');

    await logIn(page, 'admin', ADMIN_PASSWORD);
    await page.waitForURL(`${base}/`);
    const burger = page.getByTestId('burger');
    await burger.waitFor();
    await waitForNavbar(page, false);

    await burger.click();
    await waitForNavbar(page, true);
    expect(await page.getByTestId('shell-region').textContent()).toBe('Kota Padang');
    await screenshot(page, 'phone-menu');

    // Choosing a module closes the menu and opens the page, its table scrolling sideways.
    await page.getByTestId('nav-users').click();
    await page.waitForURL(`${base}/pengguna`);
    await waitForNavbar(page, false);
    await page.getByTestId('user-row-admin').waitFor();
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(375);
    await screenshot(page, 'phone-users');
    await context.close();
  });
});
