import { defineConfig } from 'vitest/config';

// Unit and integration tests. Integration tests open a real database: PGlite on disk by
// default, a real PostgreSQL when SALUR_TEST_DB=postgres and TEST_DATABASE_URL are set.
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/integration/**/*.test.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 120_000,
  },
});
