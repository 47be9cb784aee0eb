// `npm test`: type check, lint, unit + integration tests on PGlite, the integration tests
// again on PostgreSQL when TEST_DATABASE_URL is set, and the browser tests when Chromium is
// present. Stops at the first failing step; prints a one-line summary at the end.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';

const steps = [
  ['type check', 'npm', ['run', 'typecheck']],
  ['lint', 'npm', ['run', 'lint']],
  ['unit + integration (PGlite)', 'npx', ['vitest', 'run', ...report('pglite')]],
];
if (process.env.TEST_DATABASE_URL) {
  steps.push([
    'integration (PostgreSQL)',
    'npx',
    ['vitest', 'run', 'test/integration', 'src/modules', ...report('postgres')],
    { SALUR_TEST_DB: 'postgres' },
  ]);
} else {
  console.log('\n· TEST_DATABASE_URL tidak diset: uji integrasi di PostgreSQL dilewati.');
}
if (fs.existsSync(process.env.CHROMIUM_PATH ?? '/usr/bin/chromium')) {
  steps.push(['browser (Chromium)', 'npm', ['run', 'test:e2e', '--', ...report('e2e')]]);
} else {
  console.log('· Chromium tidak ada di /usr/bin/chromium: uji peramban dilewati.');
}

// Each Vitest run also writes a JSON report, so the last line can count tests, not steps.
function report(name) {
  return ['--reporter=default', '--reporter=json', `--outputFile.json=.tmp/vitest-${name}.json`];
}
const reports = ['pglite', 'postgres', 'e2e'].map((n) => `.tmp/vitest-${n}.json`);
for (const file of reports) fs.rmSync(file, { force: true });
function countTests() {
  let ok = 0;
  let bad = 0;
  let skipped = 0;
  for (const file of reports) {
    if (!fs.existsSync(file)) continue;
    const r = JSON.parse(fs.readFileSync(file, 'utf8'));
    ok += r.numPassedTests;
    bad += r.numFailedTests;
    skipped += r.numPendingTests + (r.numTodoTests ?? 0);
  }
  return `${ok} passed, ${bad} failed, ${skipped} skipped`;
}

let passed = 0;
for (const [name, cmd, args, env] of steps) {
  console.log(`\n▶ ${name}`);
  const started = Date.now();
  const result = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (result.status !== 0) {
    console.log(`\n✗ ${name} gagal (${seconds} dtk)`);
    console.log(`tests: ${countTests()}`);
    process.exit(result.status ?? 1);
  }
  console.log(`✓ ${name} (${seconds} dtk)`);
  passed++;
}
console.log(`\n${passed} langkah lulus.`);
console.log(`tests: ${countTests()}`);
