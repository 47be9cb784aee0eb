// `npm run bench -- <name> [args…]` runs bench/<name>.ts; each benchmark prints JSON on stdout.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const [name, ...args] = process.argv.slice(2);
const available = fs
  .readdirSync(import.meta.dirname)
  .filter((f) => f.endsWith('.ts') && f !== 'run.ts')
  .map((f) => f.slice(0, -3));
if (!name || !available.includes(name)) {
  process.stderr.write(`Pemakaian: npm run bench -- <nama> [argumen]\nTersedia: ${available.join(', ')}\n`);
  process.exit(2);
}
const result = spawnSync('npx', ['tsx', path.join(import.meta.dirname, `${name}.ts`), ...args], {
  stdio: 'inherit',
});
process.exit(result.status ?? 1);
