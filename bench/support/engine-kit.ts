/**
 * What the import benchmarks' engine processes share (registry, allocation and channel-report
 * imports): a fresh database per run, the CHECKPOINT before each timed phase, the plain-COPY
 * baseline the import is measured against, elapsed/CPU seconds and peak memory.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import pg from 'pg';
import { openDatabase, type SalurDatabase } from '../../src/db/database';

export const MB = 1024 * 1024;
export const secondsSince = (start: number) => Math.round(performance.now() - start) / 1000;

/**
 * CPU time of this process (PGlite runs in it): on a machine shared with other work, wall-clock
 * time stretches with the load while CPU time does not.
 */
export const cpuSecondsSince = (start: NodeJS.CpuUsage) => {
  const used = process.cpuUsage(start);
  return Math.round((used.user + used.system) / 1000) / 1000;
};

/**
 * RSS sampled every 200 ms. Sampling misses the moments PGlite holds the thread in WASM;
 * maxRssMB (the process's maxRSS) does not.
 */
export function startRssSampler() {
  let peak = 0;
  const sample = () => {
    peak = Math.max(peak, process.memoryUsage().rss);
  };
  const timer = setInterval(sample, 200);
  return {
    sample,
    stop: () => clearInterval(timer),
    peakMB: () => Math.round(peak / MB),
    maxRssMB: () => Math.round((process.resourceUsage().maxRSS * 1024) / MB),
  };
}

/**
 * PGlite: a new on-disk data dir `<tmpPrefix>…`; PostgreSQL: a new database `<dbPrefix><pid>` on
 * `serverUrl`, dropped by `cleanup`.
 */
export async function openFreshDatabase(
  kind: 'pglite' | 'postgres',
  options: { tmpPrefix: string; dbPrefix: string; serverUrl: string | undefined },
): Promise<{ database: SalurDatabase; cleanup: () => Promise<void> }> {
  if (kind === 'pglite') {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), options.tmpPrefix));
    const database = await openDatabase({ dataDir });
    return { database, cleanup: async () => fs.rmSync(dataDir, { recursive: true, force: true }) };
  }
  const serverUrl = options.serverUrl;
  if (!serverUrl) throw new Error('BENCH_DATABASE_URL or TEST_DATABASE_URL is not set');
  const name = `${options.dbPrefix}${process.pid}`;
  const admin = async (statement: string) => {
    const client = new pg.Client({ connectionString: serverUrl });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({ databaseUrl: url.toString() });
  return { database, cleanup: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

export const checkpoint = (database: SalurDatabase) =>
  database.withConnection((raw) => raw.exec('CHECKPOINT'));

/** Streams a CSV file in chunks of lines into `table` with COPY, in one transaction; returns the rows. */
export function copyCsvFile(
  database: SalurDatabase,
  file: string,
  table: string,
  columns: readonly string[],
  options: { skipHeader: boolean; chunkLines?: number },
): Promise<number> {
  const chunkLines = options.chunkLines ?? 50_000;
  return database.transaction(async ({ raw }) => {
    const copy = (lines: string[]) => raw.copyCsv(table, columns, `${lines.join('\n')}\n`);
    const input = readline.createInterface({ input: fs.createReadStream(file), crlfDelay: Infinity });
    let header = options.skipHeader;
    let chunk: string[] = [];
    let total = 0;
    for await (const line of input) {
      if (header) header = false;
      else chunk.push(line);
      if (chunk.length === chunkLines) {
        total += await copy(chunk);
        chunk = [];
      }
    }
    if (chunk.length > 0) total += await copy(chunk);
    return total;
  });
}

/** The bare table of text columns the baseline COPY fills. */
export const BASELINE_TABLE = 'bench_copy_baseline';

export const createBaselineTable = (database: SalurDatabase, columns: readonly string[]) =>
  database.withConnection((raw) =>
    raw.exec(`CREATE TABLE ${BASELINE_TABLE} (${columns.map((c) => `${c} text`).join(', ')})`),
  );

export const dropBaselineTable = (database: SalurDatabase) =>
  database.withConnection((raw) => raw.exec(`DROP TABLE ${BASELINE_TABLE}`));

/** The service's own step names in seconds, and the statements that took ≥ 0.5 s. */
export function stepsAndSlowStatements(
  timingsMs: Record<string, number>,
  statements: Record<string, number>,
) {
  return {
    steps: Object.fromEntries(Object.entries(timingsMs).map(([k, ms]) => [k, ms / 1000])),
    slowStatements: Object.fromEntries(Object.entries(statements).filter(([, s]) => s >= 0.5)),
  };
}
