import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, createTestApp, type LoggedIn, login, type TestApp } from '../support/app';
import { PASSWORD } from '../support/factories';

let t: TestApp;
let admin: LoggedIn;

beforeAll(async () => {
  t = await createTestApp();
  admin = await login(t.app, 'admin', ADMIN_PASSWORD);
});
afterAll(() => t.dispose());

const create = (payload: Record<string, unknown>) =>
  t.app.inject({
    method: 'POST',
    url: '/api/users',
    headers: admin.headers,
    payload: { fullName: 'Uji', password: PASSWORD, ...payload },
  });

describe('creating users', () => {
  it('accepts a dotted region code and stores it canonically, must change password at first login', async () => {
    const response = await create({
      username: 'Op.Kel1001',
      role: 'operator_kelurahan',
      regionCode: '13.71.01.1001',
    });
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({
      username: 'op.kel1001',
      regionCode: '1371011001',
      mustChangePassword: true,
    });
  });

  it.each([
    [
      'ROLE_REGION_MISMATCH',
      { username: 'salah.tingkat', role: 'operator_kelurahan', regionCode: '13.71.01' },
      400,
    ],
    ['REGION_UNKNOWN', { username: 'tak.dikenal', role: 'operator_kecamatan', regionCode: '13.71.99' }, 400],
    [
      'REGION_OUT_OF_SCOPE',
      { username: 'luar.kota', role: 'operator_kecamatan', regionCode: '13.06.01' },
      400,
    ],
    [
      'REGION_CODE_FORMAT',
      { username: 'format.salah', role: 'operator_kecamatan', regionCode: '13-71-01' },
      400,
    ],
    [
      'PASSWORD_TOO_SHORT',
      { username: 'sandi.pendek', role: 'operator_kecamatan', regionCode: '137101', password: 'pendek' },
      400,
    ],
  ])('refuses with %s', async (code, payload, status) => {
    const response = await create(payload);
    expect(response.statusCode).toBe(status);
    expect(response.json().error.code).toBe(code);
    expect(response.json().error.message.length).toBeGreaterThan(10);
  });

  it('refuses a taken username with 409 USERNAME_TAKEN', async () => {
    await create({ username: 'kembar', role: 'operator_kecamatan', regionCode: '137102' });
    const again = await create({ username: 'KEMBAR', role: 'operator_kecamatan', regionCode: '137103' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('USERNAME_TAKEN');
  });

  it('audits the creation without the password hash', async () => {
    const response = await create({ username: 'teraudit', role: 'auditor', regionCode: '13.71' });
    const entry = await t.services.database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'user.create')
      .where('entity_id', '=', String(response.json().id))
      .executeTakeFirstOrThrow();
    expect(entry.actor_username).toBe('admin');
    expect(entry.after).toMatchObject({ username: 'teraudit', role: 'auditor', regionCode: '1371' });
    expect(JSON.stringify(entry)).not.toMatch(/argon2/);
  });
});

describe('re-scoping and disabling', () => {
  it('moves an operator to another kecamatan and records before → after', async () => {
    const created = (
      await create({ username: 'pindah.kec', role: 'operator_kecamatan', regionCode: '137104' })
    ).json();
    const response = await t.app.inject({
      method: 'PATCH',
      url: `/api/users/${created.id}`,
      headers: admin.headers,
      payload: { regionCode: '13.71.05' },
    });
    expect(response.statusCode).toBe(200);
    expect(response.json().regionCode).toBe('137105');
    const entry = await t.services.database.db
      .selectFrom('audit_log')
      .select(['before', 'after'])
      .where('action', '=', 'user.update')
      .where('entity_id', '=', String(created.id))
      .executeTakeFirstOrThrow();
    expect(entry.before).toMatchObject({ regionCode: '137104' });
    expect(entry.after).toMatchObject({ regionCode: '137105' });
  });

  it('changing the role checks the region level of the new role', async () => {
    const created = (
      await create({ username: 'ganti.peran', role: 'operator_kecamatan', regionCode: '137106' })
    ).json();
    const bad = await t.app.inject({
      method: 'PATCH',
      url: `/api/users/${created.id}`,
      headers: admin.headers,
      payload: { role: 'operator_kelurahan' },
    });
    expect(bad.json().error.code).toBe('ROLE_REGION_MISMATCH');
    const good = await t.app.inject({
      method: 'PATCH',
      url: `/api/users/${created.id}`,
      headers: admin.headers,
      payload: { role: 'operator_kelurahan', regionCode: '1371061001' },
    });
    expect(good.statusCode).toBe(200);
  });

  it('an admin cannot disable their own account', async () => {
    const me = (await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: admin.headers })).json();
    const response = await t.app.inject({
      method: 'PATCH',
      url: `/api/users/${me.user.id}`,
      headers: admin.headers,
      payload: { disabled: true },
    });
    expect(response.statusCode).toBe(409);
    expect(response.json().error.code).toBe('CANNOT_DEMOTE_SELF');
  });

  it('an unknown user id is 404', async () => {
    const response = await t.app.inject({
      method: 'PATCH',
      url: '/api/users/999999',
      headers: admin.headers,
      payload: { fullName: 'X' },
    });
    expect(response.statusCode).toBe(404);
  });

  it('a reset password forces a change at the next login', async () => {
    const created = (
      await create({ username: 'lupa.sandi', role: 'operator_kecamatan', regionCode: '137107' })
    ).json();
    const reset = await t.app.inject({
      method: 'POST',
      url: `/api/users/${created.id}/password`,
      headers: admin.headers,
      payload: { password: 'sandi-baru-12345' },
    });
    expect(reset.statusCode).toBe(200);
    const session = await login(t.app, 'lupa.sandi', 'sandi-baru-12345', '10.30.0.1');
    const me = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: session.headers });
    expect(me.json().user.mustChangePassword).toBe(true);
    const blocked = await t.app.inject({
      method: 'GET',
      url: '/api/regions/office',
      headers: session.headers,
    });
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().error.code).toBe('PASSWORD_CHANGE_REQUIRED');
    const change = await t.app.inject({
      method: 'POST',
      url: '/api/auth/password',
      headers: session.headers,
      payload: { currentPassword: 'sandi-baru-12345', newPassword: 'sandi-pilihan-sendiri' },
    });
    expect(change.statusCode).toBe(200);
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: session.headers })).json().user
        .mustChangePassword,
    ).toBe(false);
  });
});
