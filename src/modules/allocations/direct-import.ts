import type { RawConnection } from '../../db/raw-connection';
import type { PkhRules } from '../../domain/pkh-benefit';
import { readPlan, readsInWorker, stageRows } from '../../platform/files/stage-rows';
import type { TabularFile } from '../../platform/files/tabular';
import * as apply from './apply-sql';
import { ALLOCATION_DIRECT_SINK, DIRECT_COLUMNS, type DirectAllocationSinkOptions } from './direct-sink';
import { buildCalculationsOf, buildPkhHouseholds } from './pkh-sql';
import { loadRegistryKeys, loadRegistryKeysText } from './registry-keys';
import type { AllocationSinkOptions } from './row-sink';

/**
 * Lines from which the first allocation file of a programme period is linked while it is read.
 * Below, loading the whole registry's keys costs more than the staged way saves.
 */
export const DIRECT_MIN_ROWS = 50_000;

/**
 * Whether the file can be linked while read: large, the period's first file for the programme
 * (nothing stored earlier to count as already allocated), and a registry not much larger than
 * the file (every person's key is loaded, and for PKH every household's entitlement computed:
 * a 60,000-line file against ten million people is faster the staged way).
 */
export async function linksWhileReading(
  raw: RawConnection,
  file: Pick<TabularFile, 'estimatedRows'>,
  program: string,
  period: string,
  minRows: number,
): Promise<boolean> {
  const lines = file.estimatedRows ?? 0;
  if (lines < minRows) return false;
  const { rows } = await raw.query<{ earlier: boolean; people: number }>(
    `SELECT EXISTS (SELECT 1 FROM allocation WHERE program_code = $1 AND period = $2) AS earlier,
       (SELECT greatest(reltuples, 0)::bigint FROM pg_class WHERE oid = 'person'::regclass) AS people`,
    [program, period],
  );
  const row = rows[0];
  return (
    row !== undefined &&
    !row.earlier &&
    Number(row.people) <= Math.max(lines, DIRECT_MIN_ROWS) * REGISTRY_PER_LINE
  );
}

/** How many registry people per file line the direct way still pays off for (see linksWhileReading). */
const REGISTRY_PER_LINE = 4;

/**
 * The first large allocation file of a programme period, linked as it is read: the registry's
 * keys (person by NIK, household, village, KK and, for PKH, every household's entitlement) are
 * loaded first, each line is checked, linked and flagged in JavaScript and COPYed straight into
 * `allocation` as the line it becomes — no staging table, no joins over a million lines, no
 * second write. PKH lines whose amount differs get their households' calculations once the
 * file is read. The rules and counts are the staged way's (direct-sink.ts; a test
 * imports the same files both ways and compares every line).
 */
export async function importLinkingWhileReading(ctx: {
  raw: RawConnection;
  file: TabularFile;
  input: { filePath: string; sheet?: string | undefined };
  importId: number;
  program: { code: string; period: string };
  period: { start: string; end: string; months: number };
  kabupatenCode: string;
  expected: apply.ExpectedSource;
  pkh: PkhRules | null;
  sinkOptions: AllocationSinkOptions;
  workerMinRows: number;
  chunkRows: number;
  step: <T>(name: string, run: () => Promise<T>) => Promise<T>;
  onProgress?: ((rowsRead: number, stage: string, totalRows: number | null) => void) | undefined;
}) {
  const { raw, step, pkh } = ctx;
  if (pkh) {
    // Every registry household: which ones the file names is known only once it is read.
    await step('pkhHouseholds', () =>
      buildPkhHouseholds(raw, pkh, ctx.period, ctx.program, '(SELECT id AS household_id FROM household)'),
    );
  }
  const inWorker = readsInWorker(ctx.file, ctx.workerMinRows);
  const registryKeys = await step(
    'keys',
    async (): Promise<DirectAllocationSinkOptions['registryKeys']> =>
      inWorker
        ? loadRegistryKeysText(raw, pkh !== null)
        : loadRegistryKeys(raw, pkh !== null, await registrySize(raw)),
  );
  await apply.createRejectionStage(raw);
  const bulk = await apply.setKeysAsideFor(raw, ctx.file.estimatedRows ?? 0);
  const options: DirectAllocationSinkOptions = {
    ...ctx.sinkOptions,
    registryKeys,
    importId: ctx.importId,
    program: ctx.program.code,
    period: ctx.program.period,
    kabupatenCode: ctx.kabupatenCode,
    expected: ctx.expected,
  };
  const plan = readPlan(ctx.input, ALLOCATION_DIRECT_SINK, options, ctx.chunkRows, ctx.workerMinRows);
  const read = await step('read', () =>
    stageRows(raw, ctx.file, {
      stage: { table: 'allocation', columns: DIRECT_COLUMNS },
      rejectionTable: 'stage_alloc_rejection',
      plan,
      onProgress: ctx.onProgress,
    }),
  );
  ctx.onProgress?.(read.rowsRead, 'menerapkan', read.rowsRead);
  if (pkh && read.mismatchedHouseholds.length > 0) {
    // Set in place rather than held back and inserted after the others: the lines keep ids in
    // the file's order, which the lists and the Berita Acara detail follow.
    await step('calculations', async () => {
      await buildCalculationsOf(raw, read.mismatchedHouseholds, pkh, ctx.period);
      await raw.query(
        `UPDATE allocation a SET calculation = c.calculation FROM pkh_calc c
         WHERE a.import_id = $1 AND a.household_id = c.household_id AND a.amount <> a.expected_amount`,
        [ctx.importId],
      );
    });
  }
  if (bulk) await step('insert', () => apply.rebuildKeys(raw));
  return { read, bulk };
}

/** The planner's count of registry people: the keys' index is sized once rather than grown. */
async function registrySize(raw: RawConnection): Promise<number> {
  const { rows } = await raw.query<{ n: number }>(
    "SELECT greatest(reltuples, 0)::bigint AS n FROM pg_class WHERE oid = 'person'::regclass",
  );
  return Number(rows[0]?.n ?? 0);
}
