/**
 * How each benchmark starts an engine process: with the V8 flag Salur itself runs with
 * (package.json `start`/`demo`/`dev`, the `bin/salur.mjs` shebang; docs/operasi.md), then tsx.
 * Measured on the import of 1 M people on PostgreSQL: with V8's default young generation
 * (16 MB semi-spaces) reading took 4.4–5.4 s, with 32 MB 3.6–3.8 s and less peak memory.
 */
export const ENGINE_NODE_ARGS = ['--max-semi-space-size=32', '--import', 'tsx'];
