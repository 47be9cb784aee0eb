import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ADMIN_PASSWORD, createTestApp, type LoggedIn, login, type TestApp } from './app';

/**
 * What the file-import HTTP tests share (registry, allocations, channel reports): an app with its
 * own files directory and a logged-in admin, and a file sent as the raw request body.
 */
export interface ImportApp {
  t: TestApp;
  admin: LoggedIn;
  dir: string;
}

/** For beforeAll: `({ t, admin, dir } = await startImportApp())`. */
export async function startImportApp(): Promise<ImportApp> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'salur-import-http-'));
  const t = await createTestApp({ env: { SALUR_FILES_DIR: `${dir}/files` } });
  const admin = await login(t.app, 'admin', ADMIN_PASSWORD);
  return { t, admin, dir };
}

/** For afterAll. */
export async function stopImportApp(app: ImportApp): Promise<void> {
  await app.t.dispose();
  fs.rmSync(app.dir, { recursive: true, force: true });
}

/** POSTs the file's bytes as application/octet-stream, as the web does. */
export function postFile(t: TestApp, url: string, file: string, session: LoggedIn) {
  return t.app.inject({
    method: 'POST',
    url,
    headers: { ...session.headers, 'content-type': 'application/octet-stream' },
    payload: fs.readFileSync(file),
  });
}
