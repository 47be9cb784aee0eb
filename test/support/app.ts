import type { FastifyInstance } from 'fastify';
import { SYSTEM_ACTOR } from '../../src/platform/auth/actor';
import type { Clock } from '../../src/platform/clock';
import { loadConfig } from '../../src/platform/config';
import { buildApp } from '../../src/platform/http/app';
import { createServices, type Services } from '../../src/platform/services';
import { openTestDatabase } from './database';

export const ADMIN_PASSWORD = 'admin-rahasia-123';

export interface TestApp {
  app: FastifyInstance;
  services: Services;
  dispose(): Promise<void>;
}

/** A real app over a private copy of the migrated database, with the first admin created. */
export async function createTestApp(
  options: { clock?: Clock; env?: Record<string, string> } = {},
): Promise<TestApp> {
  const { database, dispose } = await openTestDatabase();
  const config = loadConfig({
    SALUR_KABUPATEN: '13.71',
    SALUR_ADMIN_PASSWORD: ADMIN_PASSWORD,
    ...options.env,
  });
  const services = createServices(database, config, options.clock);
  await services.users.ensureFirstAdmin(SYSTEM_ACTOR);
  const app = await buildApp(services, { serveWeb: false });
  await app.ready();
  return {
    app,
    services,
    async dispose() {
      await app.close();
      await services.jobs.stop();
      await dispose();
    },
  };
}

export interface LoggedIn {
  cookie: string;
  csrf: string;
  headers: Record<string, string>;
}

export async function login(
  app: FastifyInstance,
  username: string,
  password: string,
  ip = '10.0.0.1',
): Promise<LoggedIn> {
  const response = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username, password },
    remoteAddress: ip,
  });
  if (response.statusCode !== 200) throw new Error(`login ${username} failed: ${response.body}`);
  const setCookie = response.cookies.find((c) => c.name === 'salur_session');
  const cookie = `salur_session=${setCookie?.value}`;
  const csrf = response.json().csrfToken as string;
  return { cookie, csrf, headers: { cookie, 'x-csrf-token': csrf } };
}
