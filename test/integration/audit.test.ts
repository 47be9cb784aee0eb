import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, createTestApp, login, type TestApp } from '../support/app';
import { buildUser } from '../support/factories';

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
  for (let i = 0; i < 5; i++) await buildUser(t.services, 'operator_kecamatan', `13710${i + 1}`);
});
afterAll(() => t.dispose());

const db = () => t.services.database.db;

describe('audit log', () => {
  it('verifies an untouched chain', async () => {
    const result = await t.services.audit.verify();
    expect(result.ok).toBe(true);
    expect(result.checked).toBeGreaterThanOrEqual(6);
  });

  it('refuses UPDATE, DELETE and TRUNCATE from the application', async () => {
    await expect(sql`UPDATE audit_log SET action = 'x'`.execute(db())).rejects.toThrow(/append-only/);
    await expect(sql`DELETE FROM audit_log`.execute(db())).rejects.toThrow(/append-only/);
    await expect(sql`TRUNCATE audit_log`.execute(db())).rejects.toThrow(/append-only/);
  });

  it('is browsable by admins, newest first, with keyset paging', async () => {
    const admin = await login(t.app, 'admin', ADMIN_PASSWORD);
    const first = await t.app.inject({
      method: 'GET',
      url: '/api/audit?limit=2&action=user.',
      headers: admin.headers,
    });
    expect(first.statusCode).toBe(200);
    const page = first.json();
    expect(page.items).toHaveLength(2);
    expect(page.items[0].id).toBeGreaterThan(page.items[1].id);
    const second = await t.app.inject({
      method: 'GET',
      url: `/api/audit?limit=2&action=user.&beforeId=${page.nextBeforeId}`,
      headers: admin.headers,
    });
    expect(second.json().items[0].id).toBeLessThan(page.items[1].id);
  });

  it('runs verification as a job whose progress streams over SSE', async () => {
    const admin = await login(t.app, 'admin', ADMIN_PASSWORD, '10.40.0.1');
    const started = await t.app.inject({ method: 'POST', url: '/api/audit/verify', headers: admin.headers });
    expect(started.statusCode).toBe(202);
    const job = started.json();
    await t.services.jobs.runUntilIdle();
    const events = await t.app.inject({
      method: 'GET',
      url: `/api/jobs/${job.id}/events`,
      headers: admin.headers,
    });
    expect(events.headers['content-type']).toMatch(/text\/event-stream/);
    const last = events.body.trim().split('\n\n').at(-1)!;
    const data = JSON.parse(
      last
        .split('\n')
        .find((l) => l.startsWith('data: '))!
        .slice(6),
    );
    expect(data).toMatchObject({ state: 'succeeded', result: { ok: true } });
  });

  // The tests below tamper the way someone with direct database access would: by switching
  // the append-only trigger off first. They run last because they break the chain.
  it('detects an edited entry (HASH_MISMATCH) and a removed one (CHAIN_BROKEN)', async () => {
    const rows = await db().selectFrom('audit_log').select('id').orderBy('id').execute();
    const edited = rows[2]!.id;
    const removed = rows[4]!.id;
    await sql`ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_change`.execute(db());
    await sql`UPDATE audit_log SET after = '{"role":"admin_dinsos"}' WHERE id = ${edited}`.execute(db());
    await sql`DELETE FROM audit_log WHERE id = ${removed}`.execute(db());
    await sql`ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_change`.execute(db());
    const result = await t.services.audit.verify();
    expect(result.ok).toBe(false);
    expect(result.problems).toContainEqual({ id: edited, reason: 'HASH_MISMATCH' });
    expect(result.problems).toContainEqual({ id: rows[5]!.id, reason: 'CHAIN_BROKEN' });
  });
});
