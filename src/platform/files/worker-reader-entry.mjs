// The worker thread's first module (worker-reader.ts): plain JavaScript that registers tsx, as
// bin/salur.mjs does for the main thread, so the TypeScript sinks load the same way everywhere
// (CLI, server, tests, benchmarks).
import { register } from 'tsx/esm/api';

register();
await import('./worker-reader-main.ts');
