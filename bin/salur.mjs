#!/usr/bin/env -S node --max-semi-space-size=32
// The package's `bin`: runs the TypeScript CLI through tsx, so `npx salur …` works in a checkout.
// The V8 flag (also in package.json's start/demo/dev): a 32 MB young generation keeps the rows of
// a large import from being promoted and collected again (1 M people: reading 4.4–5.4 s → 3.7 s,
// measured with bench/registry-import.ts; docs/operasi.md).
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
