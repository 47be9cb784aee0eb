import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
export const hasChromium = fs.existsSync(CHROMIUM);

/** Screenshots go to test-results/ (git-ignored) at the repository root. */
export const RESULTS_DIR = fileURLToPath(new URL('../../../test-results', import.meta.url));

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  const file = path.join(RESULTS_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/** Logs in through the login page (/masuk). */
export async function logIn(page: Page, username: string, password: string): Promise<void> {
  await page.getByLabel(/^Nama pengguna/).fill(username);
  await page.getByLabel(/^Kata sandi/).fill(password);
  await page.getByRole('button', { name: 'Masuk', exact: true }).click();
}

/** A 375 px phone (Jakarta time), logged in on the home page: for the narrow-screen checks. */
export async function logInOnPhone(
  browser: Browser,
  base: string,
  credentials: { username: string; password: string; timeoutMs: number },
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    viewport: { width: 375, height: 812 },
    isMobile: true,
    hasTouch: true,
    deviceScaleFactor: 2,
    timezoneId: 'Asia/Jakarta',
  });
  const page = await context.newPage();
  page.setDefaultTimeout(credentials.timeoutMs);
  await page.goto(`${base}/masuk`);
  await logIn(page, credentials.username, credentials.password);
  await page.waitForURL(`${base}/`);
  return { context, page };
}
