import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, createTestApp, login, type TestApp } from '../support/app';
import { buildUser, PASSWORD } from '../support/factories';

let t: TestApp;
let now = new Date('2026-11-25T03:00:00Z');
const clock = { now: () => new Date(now) };

beforeAll(async () => {
  t = await createTestApp({ clock });
});
afterAll(() => t.dispose());

describe('login and sessions', () => {
  it('logs in with the right password and sets an HttpOnly SameSite cookie', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'admin', password: ADMIN_PASSWORD },
    });
    expect(response.statusCode).toBe(200);
    const cookie = response.cookies.find((c) => c.name === 'salur_session');
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.sameSite).toBe('Strict');
    expect(response.json().user).toMatchObject({
      username: 'admin',
      role: 'admin_dinsos',
      regionCode: '1371',
      regionName: 'Kota Padang',
    });
  });

  it('answers a wrong password and an unknown user alike with 401 AUTH_INVALID', async () => {
    for (const username of ['admin', 'tidakada']) {
      const response = await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username, password: 'salah-sekali-123' },
        remoteAddress: '10.9.9.9',
      });
      expect(response.statusCode).toBe(401);
      expect(response.json().error.code).toBe('AUTH_INVALID');
      expect(response.json().error.message).toMatch(/salah/);
    }
  });

  it('locks an account after repeated wrong passwords, even against the right one, then unlocks after the lock time', async () => {
    const user = await buildUser(t.services, 'operator_kecamatan', '13.71.02', 'korban.kunci');
    for (let i = 0; i < 5; i++) {
      await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: user.username, password: 'salah-salah-123' },
        remoteAddress: '10.1.1.1',
      });
    }
    const locked = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: user.username, password: PASSWORD },
      remoteAddress: '10.1.1.2',
    });
    expect(locked.statusCode).toBe(429);
    expect(locked.json().error.code).toBe('AUTH_LOCKED');
    expect(locked.headers['retry-after']).toBeDefined();
    now = new Date(now.getTime() + 16 * 60_000);
    const after = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: user.username, password: PASSWORD },
      remoteAddress: '10.1.1.3',
    });
    expect(after.statusCode).toBe(200);
  });

  it('does not count successful logins against the address (an office behind one address)', async () => {
    for (let i = 0; i < 32; i++) {
      const r = await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'admin', password: ADMIN_PASSWORD },
        remoteAddress: '10.7.7.8',
      });
      expect(r.statusCode).toBe(200);
    }
  });

  it('rate-limits failed login attempts per client address', async () => {
    let last = 0;
    for (let i = 0; i < 31; i++) {
      const r = await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: `x${i}`, password: 'apa-saja-12345' },
        remoteAddress: '10.7.7.7',
      });
      last = r.statusCode;
      if (i === 30) expect(r.json().error.code).toBe('AUTH_RATE_LIMITED');
    }
    expect(last).toBe(429);
  });

  it('treats an expired session as SESSION_EXPIRED (401)', async () => {
    const session = await login(t.app, 'admin', ADMIN_PASSWORD, '10.2.2.2');
    now = new Date(now.getTime() + 13 * 3_600_000);
    const response = await t.app.inject({
      method: 'GET',
      url: '/api/auth/me',
      headers: { cookie: session.cookie },
    });
    expect(response.statusCode).toBe(401);
    expect(response.json().error.code).toBe('SESSION_EXPIRED');
  });

  it('ends the session at logout', async () => {
    const session = await login(t.app, 'admin', ADMIN_PASSWORD, '10.2.2.3');
    expect(
      (await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: session.headers })).statusCode,
    ).toBe(200);
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: session.cookie } }))
        .statusCode,
    ).toBe(401);
  });
});

describe('CSRF, malformed and oversized requests', () => {
  it('refuses a cookie-authenticated change without the CSRF token and changes nothing', async () => {
    const session = await login(t.app, 'admin', ADMIN_PASSWORD, '10.3.3.3');
    const payload = {
      username: 'tanpa.csrf',
      fullName: 'Tanpa CSRF',
      role: 'operator_kecamatan',
      regionCode: '137101',
      password: PASSWORD,
    };
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: { cookie: session.cookie },
      payload,
    });
    expect(response.statusCode).toBe(403);
    expect(response.json().error.code).toBe('CSRF_INVALID');
    const wrong = await t.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: { cookie: session.cookie, 'x-csrf-token': 'palsu' },
      payload,
    });
    expect(wrong.statusCode).toBe(403);
    expect(
      await t.services.database.db
        .selectFrom('app_user')
        .select('id')
        .where('username', '=', 'tanpa.csrf')
        .executeTakeFirst(),
    ).toBeUndefined();
  });

  it('answers malformed JSON with 400 MALFORMED_JSON and the error shape', async () => {
    const session = await login(t.app, 'admin', ADMIN_PASSWORD, '10.3.3.4');
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: { ...session.headers, 'content-type': 'application/json' },
      payload: '{"username": ',
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error).toMatchObject({ code: 'MALFORMED_JSON', requestId: expect.any(String) });
  });

  it('answers an oversized body with 413 BODY_TOO_LARGE', async () => {
    const session = await login(t.app, 'admin', ADMIN_PASSWORD, '10.3.3.5');
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: { ...session.headers, 'content-type': 'application/json' },
      payload: JSON.stringify({ fullName: 'x'.repeat(2 * 1024 * 1024) }),
    });
    expect(response.statusCode).toBe(413);
    expect(response.json().error.code).toBe('BODY_TOO_LARGE');
  });

  it('reports invalid fields with VALIDATION_FAILED and where', async () => {
    const session = await login(t.app, 'admin', ADMIN_PASSWORD, '10.3.3.6');
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: session.headers,
      payload: { username: 'a' },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('VALIDATION_FAILED');
    expect(response.json().error.details.issues.length).toBeGreaterThan(0);
  });
});

describe('API tokens', () => {
  it('authenticates a machine client by bearer token without CSRF, and not after revocation', async () => {
    const session = await login(t.app, 'admin', ADMIN_PASSWORD, '10.4.4.4');
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/tokens',
      headers: session.headers,
      payload: { name: 'integrasi SIKS-NG' },
    });
    expect(created.statusCode).toBe(201);
    const { token, info } = created.json();
    expect(token).toMatch(/^salur_/);
    const row = await t.services.database.db
      .selectFrom('api_token')
      .select('token_hash')
      .where('id', '=', info.id)
      .executeTakeFirstOrThrow();
    expect(row.token_hash).not.toContain(token);
    const me = await t.app.inject({
      method: 'GET',
      url: '/api/auth/me',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(me.json().user.username).toBe('admin');
    const write = await t.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: { authorization: `Bearer ${token}` },
      payload: {
        username: 'lewat.token',
        fullName: 'Lewat Token',
        role: 'operator_kecamatan',
        regionCode: '13.71.03',
        password: PASSWORD,
      },
    });
    expect(write.statusCode).toBe(201);
    await t.app.inject({ method: 'DELETE', url: `/api/tokens/${info.id}`, headers: session.headers });
    const after = await t.app.inject({
      method: 'GET',
      url: '/api/auth/me',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(after.statusCode).toBe(401);
    expect(after.json().error.code).toBe('TOKEN_INVALID');
  });
});

describe('disabling a user', () => {
  it('ends their sessions and refuses their next login', async () => {
    const user = await buildUser(t.services, 'operator_kelurahan', '1371011001', 'akan.nonaktif');
    const theirs = await login(t.app, user.username, PASSWORD, '10.5.5.5');
    const admin = await login(t.app, 'admin', ADMIN_PASSWORD, '10.5.5.6');
    const patch = await t.app.inject({
      method: 'PATCH',
      url: `/api/users/${user.id}`,
      headers: admin.headers,
      payload: { disabled: true },
    });
    expect(patch.statusCode).toBe(200);
    expect(patch.json().disabled).toBe(true);
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: theirs.cookie } }))
        .statusCode,
    ).toBe(401);
    const again = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: user.username, password: PASSWORD },
      remoteAddress: '10.5.5.7',
    });
    expect(again.statusCode).toBe(401);
  });
});
