import path from 'node:path';
import { useBulkSettings } from '../../db/bulk-settings';
import type { Db, SalurDatabase } from '../../db/database';
import type { Channel } from '../../db/types';
import { type Period, parseChannel } from '../../domain/period';
import { pkhRulesFrom } from '../../domain/pkh-benefit';
import { type Actor, authorize } from '../../platform/auth/actor';
import type { Clock } from '../../platform/clock';
import type { Config } from '../../platform/config';
import { type AppError, ConflictError, ValidationError } from '../../platform/errors';
import { fileSha256 } from '../../platform/files/hash';
import { mapHeaders, parseMapOption, requireColumns } from '../../platform/files/header-map';
import { readPlan, stepTimer, workerMinRowsFor } from '../../platform/files/stage-rows';
import { openTabular } from '../../platform/files/tabular';
import type { AuditService } from '../audit/service';
import {
  openPeriodForAllocation,
  requireExistingPeriod,
  requirePeriodCode,
  requireProgram,
  rulesAt,
} from '../programs/period-rules';
import { loadKecamatanCodes } from '../regions/region-sets';
import * as apply from './apply-sql';
import { DIRECT_MIN_ROWS, importLinkingWhileReading, linksWhileReading } from './direct-import';
import { ALLOCATION_FIELDS, ALLOCATION_SYNONYMS, requiredAllocationColumns } from './fields';
import type { AllocationFlag, AllocationRejectionCode } from './reasons';
import { relinkUnallocatedReportLines } from './relink-reports';
import { ALLOCATION_SINK, type AllocationSinkOptions } from './row-sink';
import { importThroughStage } from './staged-import';

export interface AllocationImportInput {
  program: string;
  period: string;
  filePath: string;
  /** The name shown in reports (the uploaded file's name; defaults to the path's base name). */
  fileName?: string | undefined;
  /** The channel of lines (or files) that name none; a line's own channel wins. */
  channel?: string | undefined;
  sheet?: string | undefined;
  /** Extra header mappings, `KOLOM=field`. */
  map?: readonly string[] | undefined;
}

export interface AllocationImportSummary {
  importId: number;
  program: string;
  period: string;
  fileName: string;
  rowsRead: number;
  accepted: number;
  rejected: number;
  rejectedByReason: Partial<Record<AllocationRejectionCode, number>>;
  /** Kept lines per flag (a line may carry several). */
  flaggedByReason: Partial<Record<AllocationFlag, number>>;
  /** Kept lines whose NIK an earlier import already allocated in this period (see the docs). */
  alreadyAllocatedInPeriod: number;
  /** Report lines stored unallocated earlier in the period that these lines now match (susulan). */
  reportLinesLinked: number;
  linked: number;
  households: number;
  totalAmount: number;
  expectedAmount: number;
  defaultChannel: Channel | null;
  ignoredColumns: string[];
  /** The file's header row in order (the error report repeats it). */
  headers: string[];
  /** Whether the allocation table's indexes and foreign keys were rebuilt rather than kept up row by row. */
  bulkLoad: boolean;
  /** Milliseconds per step of the import, for the benchmark and for support. */
  timingsMs: Record<string, number>;
}

export type ImportProgress = (rowsRead: number, stage: string, totalRows: number | null) => void;

// Rows per COPY: bounds memory while the file streams (ARCHITECTURE.md, COPY into PGlite).
const CHUNK_ROWS = 100_000;

export function createAllocationImportService(deps: {
  database: SalurDatabase;
  config: Config;
  clock: Clock;
  audit: AuditService;
  /** Lines from which a CSV file is read in a worker thread (worker-reader.ts); tests lower it. */
  workerMinRows?: number;
  /** Lines from which the period's first file is linked while read (direct-import.ts); tests lower it. */
  directMinRows?: number;
}) {
  const { database, config, clock, audit } = deps;

  function defaultChannelOf(input: AllocationImportInput): Channel | null {
    if (!input.channel) return null;
    const channel = parseChannel(input.channel);
    if (!channel) {
      throw new ValidationError(
        'CHANNEL_UNKNOWN',
        `Penyalur "${input.channel}" tidak dikenal: gunakan BRI, BNI, MANDIRI, BTN, BSI atau POS.`,
      );
    }
    return channel;
  }

  async function assertNotImported(db: Db, program: string, period: string, sha256: string) {
    const earlier = await db
      .selectFrom('allocation_import')
      .select(['id', 'file_name', 'finished_at'])
      .where('program_code', '=', program)
      .where('period', '=', period)
      .where('file_sha256', '=', sha256)
      .executeTakeFirst();
    if (earlier) {
      throw new ConflictError(
        'ALLOCATION_FILE_ALREADY_IMPORTED',
        `Berkas yang sama persis sudah diimpor ke periode ${period} program ${program} (impor #${earlier.id}, ${earlier.file_name ?? ''}); tidak diimpor dua kali.`,
        { importId: earlier.id },
      );
    }
  }

  /**
   * The checks that need no transaction, all before a row is read: programme, period kind,
   * period not final, file not imported before, file readable, required columns present.
   */
  async function prepare(actor: Actor, input: AllocationImportInput) {
    authorize(actor, 'distribution.import');
    const defaultChannel = defaultChannelOf(input);
    const period = await requirePeriodCode(database.db, input.program, input.period);
    try {
      await requireExistingPeriod(database.db, input.program, period.code, { open: true });
    } catch (error) {
      // A period is created by its first allocation import: unknown is fine here.
      if ((error as AppError).code !== 'PERIOD_UNKNOWN') throw error;
    }
    const sha256 = await fileSha256(input.filePath);
    await assertNotImported(database.db, input.program, period.code, sha256);
    const file = await openTabular(input.filePath, { sheet: input.sheet });
    const mapping = mapHeaders(
      file.headers,
      ALLOCATION_SYNONYMS,
      parseMapOption(input.map ?? [], ALLOCATION_FIELDS),
    );
    requireColumns(mapping, requiredAllocationColumns(defaultChannel ?? undefined), ALLOCATION_SYNONYMS);
    return { defaultChannel, period, sha256, file, mapping };
  }

  return {
    /** Runs the checks of an import without importing: the web answers a bad start at once. */
    async checkImport(actor: Actor, input: AllocationImportInput): Promise<void> {
      const { file } = await prepare(actor, input);
      await file.rows[Symbol.asyncIterator]().return?.();
    },

    /**
     * Imports an allocation file into a programme period: every line accepted (possibly with
     * flags) or rejected with reason codes; accepted lines linked to the registry and checked
     * against the entitlement set-based. One transaction: a failure leaves nothing, and running
     * the same file again works.
     */
    async importAllocations(
      actor: Actor,
      input: AllocationImportInput,
      onProgress?: ImportProgress,
    ): Promise<AllocationImportSummary> {
      const { defaultChannel, sha256, file, mapping } = await prepare(actor, input);
      const fileName = input.fileName ?? path.basename(input.filePath);
      const startedAt = clock.now();
      const kecamatan = await loadKecamatanCodes(database.db);

      return database.transaction(async ({ db, raw }) => {
        await useBulkSettings(raw, database.kind);
        const { timings, step } = stepTimer();
        // Creates the period on its first import, locks it (imports of a period never interleave)
        // and refuses a finalised one; the duplicate check is repeated under that lock.
        const { period } = await openPeriodForAllocation(db, input.program, input.period);
        const program = await requireProgram(db, input.program);
        await assertNotImported(db, program.code, period.code, sha256);
        const rules = await rulesAt(db, program.code, period.start);

        const importRow = await db
          .insertInto('allocation_import')
          .values({
            program_code: program.code,
            period: period.code,
            source: 'FILE',
            file_name: fileName,
            file_sha256: sha256,
            // The counts and the summary are set once the file is read.
            rows_read: 0,
            accepted: 0,
            rejected: 0,
            summary: '{}',
            created_by: actor.userId > 0 ? actor.userId : null,
            created_by_name: actor.username,
            started_at: startedAt,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        const importId = importRow.id;
        const pkh = program.kind === 'PKH' ? pkhRulesFrom(rules) : null;
        const expected: apply.ExpectedSource = pkh
          ? { kind: 'household' }
          : constantEntitlement(program, rules, period);
        const sinkOptions: AllocationSinkOptions = {
          headers: file.headers,
          csv: file.format === 'csv',
          columns: mapping.columns,
          defaultChannel,
          kecamatanCodes: kecamatan,
          today: clock.now().toISOString(),
        };
        const workerMinRows = deps.workerMinRows ?? workerMinRowsFor(database.kind);
        const direct = await linksWhileReading(
          raw,
          file,
          program.code,
          period.code,
          deps.directMinRows ?? DIRECT_MIN_ROWS,
        );
        // What both ways need besides their own reading plan.
        const way = {
          raw,
          file,
          importId,
          program: { code: program.code, period: period.code },
          period,
          kabupatenCode: config.kabupatenCode,
          expected,
          pkh,
          step,
          onProgress,
        };
        const applied = direct
          ? await importLinkingWhileReading({
              ...way,
              input,
              sinkOptions,
              workerMinRows,
              chunkRows: CHUNK_ROWS,
            }).then(({ read, bulk }) => ({
              read,
              bulk,
              totals: read.totals,
              households: read.households,
              alreadyAllocated: 0,
            }))
          : await importThroughStage({
              ...way,
              columns: mapping.columns,
              plan: readPlan(input, ALLOCATION_SINK, sinkOptions, CHUNK_ROWS, workerMinRows),
            });
        const { read, totals, bulk } = applied;
        const reportLinesLinked = await step('relinkReports', () =>
          relinkUnallocatedReportLines(db, program.code, period.code),
        );
        await step('rejections', () => apply.saveRejections(raw, importId));
        await step('analyze', () => apply.analyzeAllocations(raw));

        const summary: AllocationImportSummary = {
          importId,
          program: program.code,
          period: period.code,
          fileName,
          rowsRead: read.rowsRead,
          accepted: read.accepted,
          rejected: read.rejected,
          rejectedByReason: read.rejectedByReason,
          flaggedByReason: totals.flags as Partial<Record<AllocationFlag, number>>,
          alreadyAllocatedInPeriod: applied.alreadyAllocated,
          reportLinesLinked,
          linked: totals.linked,
          households: applied.households,
          totalAmount: totals.amount,
          expectedAmount: totals.expectedAmount,
          defaultChannel,
          ignoredColumns: mapping.ignored,
          headers: file.headers,
          bulkLoad: bulk,
          timingsMs: timings,
        };
        await db
          .updateTable('allocation_import')
          .set({
            rows_read: read.rowsRead,
            accepted: read.accepted,
            rejected: read.rejected,
            summary: JSON.stringify(summary),
          })
          .where('id', '=', importId)
          .execute();
        await audit.record(db, actor, {
          action: 'allocation.import',
          entityType: 'allocation_import',
          entityId: importId,
          regionCode: config.kabupatenCode,
          details: { sha256, ...summary, headers: undefined },
        });
        return summary;
      });
    },
  };
}

export type AllocationImportService = ReturnType<typeof createAllocationImportService>;

/** Sembako: the monthly value × the period's months; a local programme: its benefit amount. */
function constantEntitlement(
  program: { kind: string; benefit_amount: number | null },
  rules: Record<string, number>,
  period: Period,
): apply.ExpectedSource {
  if (program.kind === 'SEMBAKO') {
    const monthly = rules['sembako.monthly'];
    if (monthly === undefined) return { kind: 'none' };
    const expected = monthly * period.months;
    return {
      kind: 'constant',
      expected,
      calculation: { kind: 'SEMBAKO', monthly, months: period.months, expected },
    };
  }
  if (program.benefit_amount !== null) {
    const expected = program.benefit_amount;
    return { kind: 'constant', expected, calculation: { kind: 'LOCAL', benefitAmount: expected, expected } };
  }
  return { kind: 'none' };
}
