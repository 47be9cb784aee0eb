import type { RawConnection } from '../../db/raw-connection';
import type { Period } from '../../domain/period';
import type { PkhRules } from '../../domain/pkh-benefit';
import { type ReadPlan, type StagedCounts, stageRows } from '../../platform/files/stage-rows';
import type { TabularFile } from '../../platform/files/tabular';
import * as apply from './apply-sql';
import type { AllocationField } from './fields';
import type { ImportProgress } from './import-service';
import { buildMismatchCalculations, buildPkhHouseholds } from './pkh-sql';
import type { AllocationRejectionCode } from './reasons';
import type { AllocationSinkOptions } from './row-sink';

/** The file's header of each mapped field, with the staged column holding its value. */
function stagedUnderHeaders(
  file: TabularFile,
  columns: AllocationSinkOptions['columns'],
): Array<readonly [string, (typeof apply.STAGE_COLUMNS)[number]]> {
  const pairs: Array<readonly [string, (typeof apply.STAGE_COLUMNS)[number]]> = [];
  for (const [field, index] of Object.entries(columns) as Array<[AllocationField, number | undefined]>) {
    const header = index === undefined ? undefined : file.headers[index];
    if (header !== undefined) pairs.push([header, field]);
  }
  return pairs;
}

/**
 * The staged way (every file the linking reader does not take): the file is read into
 * `stage_alloc`, then linked, checked and inserted by a few set-based statements.
 */
export async function importThroughStage(ctx: {
  raw: RawConnection;
  file: TabularFile;
  columns: AllocationSinkOptions['columns'];
  plan: ReadPlan<StagedCounts<AllocationRejectionCode>>;
  importId: number;
  program: { code: string; period: string };
  period: Period;
  kabupatenCode: string;
  expected: apply.ExpectedSource;
  pkh: PkhRules | null;
  step: <T>(name: string, run: () => Promise<T>) => Promise<T>;
  onProgress: ImportProgress | undefined;
}) {
  const { raw, step, pkh, program } = ctx;
  await apply.createStage(raw);
  const read = await step('read', () =>
    stageRows(raw, ctx.file, {
      stage: { table: 'stage_alloc', columns: apply.STAGE_COLUMNS },
      rejectionTable: 'stage_alloc_rejection',
      plan: ctx.plan,
      onProgress: ctx.onProgress,
    }),
  );
  ctx.onProgress?.(read.rowsRead, 'menerapkan', read.rowsRead);
  await step('analyzeStage', () => apply.analyzeStage(raw));
  const repeated = await step('repeated', () =>
    apply.setAsideAlreadyAllocated(
      raw,
      program.code,
      program.period,
      stagedUnderHeaders(ctx.file, ctx.columns),
    ),
  );
  if (repeated > 0) {
    read.accepted -= repeated;
    read.rejected += repeated;
    read.rejectedByReason.ALREADY_ALLOCATED = (read.rejectedByReason.ALREADY_ALLOCATED ?? 0) + repeated;
  }
  const alreadyAllocated = await step('alreadyAllocated', () =>
    apply.countAlreadyAllocated(raw, program.code, program.period),
  );
  const households = await step('households', () => apply.buildAllocHouseholds(raw));
  if (pkh) {
    await step('pkhHouseholds', () => buildPkhHouseholds(raw, pkh, ctx.period, program));
    await step('calculations', () => buildMismatchCalculations(raw, pkh, ctx.period));
  }
  const { result: totals, bulk } = await step('insert', () =>
    apply.withBulkLoad(raw, read.accepted, () =>
      apply.insertAllocations(raw, {
        importId: ctx.importId,
        program: program.code,
        period: program.period,
        kabupatenCode: ctx.kabupatenCode,
        expected: ctx.expected,
      }),
    ),
  );
  return { read, totals, bulk, households, alreadyAllocated };
}
