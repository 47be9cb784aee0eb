import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, createTestApp, type LoggedIn, login, type TestApp } from '../support/app';
import { buildAllocations } from '../support/distribution-factories';
import { buildHousehold } from '../support/factories';
import { auditEntries } from '../support/programs';

// The budget (pagu) of a local programme pays all its periods (docs/program.md, as enrolment
// counts the remaining budget in docs/ketepatan-sasaran.md): it cannot be lowered below what is
// already allocated, nor be smaller than one KPM's benefit.
const KEL_A = '1371011001';
const KEL_C = '1371111001';
const CODE = 'DAERAH_PAGU';
let t: TestApp;
let admin: LoggedIn;

beforeAll(async () => {
  t = await createTestApp();
  admin = await login(t.app, 'admin', ADMIN_PASSWORD, '10.41.0.1');
  const created = await call('POST', '/api/programs', {
    code: CODE,
    name: 'Sembako Daerah (uji pagu)',
    budget: 2_000_000,
    benefitAmount: 200_000,
    periodKinds: ['MONTH'],
  });
  expect(created.statusCode).toBe(201);
  const a = await buildHousehold(t.services, KEL_A);
  const c = await buildHousehold(t.services, KEL_C);
  // Rp600.000 over two periods and two kecamatan.
  await buildAllocations(
    t.services,
    [
      { nik: a.headNik, scopeCode: KEL_A, amount: 200_000, householdId: a.id },
      { nik: c.headNik, scopeCode: KEL_C, amount: 200_000, householdId: c.id },
    ],
    { program: CODE, period: '2026-03' },
  );
  await buildAllocations(
    t.services,
    [{ nik: a.headNik, scopeCode: KEL_A, amount: 200_000, householdId: a.id }],
    {
      program: CODE,
      period: '2026-04',
    },
  );
});
afterAll(() => t.dispose());

function call(method: 'POST' | 'PATCH', url: string, payload: object) {
  return t.app.inject({ method, url, headers: admin.headers, payload });
}

describe('local programme budget (pagu)', () => {
  it('lowering the pagu below the rupiah allocated in all periods is refused with 409, naming both figures', async () => {
    const response = await call('PATCH', `/api/programs/${CODE}`, { budget: 500_000 });
    expect(response.statusCode).toBe(409);
    const { error } = response.json();
    expect(error.code).toBe('PROGRAM_BUDGET_BELOW_ALLOCATED');
    expect(error.message).toContain('Rp500.000');
    expect(error.message).toContain('Rp600.000');
    expect(error.details).toEqual({ budget: 500_000, allocated: 600_000 });
    expect(await auditEntries(t.services, 'program.update', CODE)).toHaveLength(0);
  });

  it('lowering the pagu to exactly what is allocated, or raising it, is accepted', async () => {
    const lowered = await call('PATCH', `/api/programs/${CODE}`, { budget: 600_000 });
    expect(lowered.statusCode).toBe(200);
    expect(lowered.json()).toMatchObject({ budget: 600_000 });
    const raised = await call('PATCH', `/api/programs/${CODE}`, { budget: 3_000_000 });
    expect(raised.statusCode).toBe(200);
  });

  it('creating a programme whose pagu cannot pay one KPM is refused with 400', async () => {
    const response = await call('POST', '/api/programs', {
      code: 'DAERAH_KECIL',
      name: 'Pagu salah ketik',
      budget: 20_000,
      benefitAmount: 200_000,
      periodKinds: ['MONTH'],
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('PROGRAM_BUDGET_BELOW_BENEFIT');
    expect(response.json().error.message).toContain('Rp20.000');
    expect(response.json().error.message).toContain('Rp200.000');
  });

  it('a change that leaves the pagu below one KPM’s benefit is refused with 400 too', async () => {
    const response = await call('PATCH', `/api/programs/${CODE}`, { benefitAmount: 5_000_000 });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('PROGRAM_BUDGET_BELOW_BENEFIT');
  });
});
