// Writes the OpenAPI document of the server to a file (for the web client generator and docs),
// without a database: routes and schemas do not need one to be described.
import fs from 'node:fs';
import type { SalurDatabase } from '../src/db/database';
import { loadConfig } from '../src/platform/config';
import { buildApp } from '../src/platform/http/app';
import { createServices } from '../src/platform/services';

const out = process.argv[2] ?? 'web/src/api/openapi.json';
const unusedDatabase = { kind: 'pglite' } as SalurDatabase;
const app = await buildApp(createServices(unusedDatabase, loadConfig()), { serveWeb: false });
await app.ready();
fs.writeFileSync(out, `${JSON.stringify(app.swagger(), null, 2)}\n`);
await app.close();
process.stdout.write(`OpenAPI ditulis ke ${out}\n`);
