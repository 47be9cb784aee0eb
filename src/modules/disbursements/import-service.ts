import path from 'node:path';
import { useBulkSettings } from '../../db/bulk-settings';
import { csvRow } from '../../db/copy-csv';
import type { SalurDatabase } from '../../db/database';
import type { RawConnection } from '../../db/raw-connection';
import type { Channel } from '../../db/types';
import { parseChannel } from '../../domain/period';
import { type Actor, authorize } from '../../platform/auth/actor';
import type { Clock } from '../../platform/clock';
import type { Config } from '../../platform/config';
import { ConflictError, ValidationError } from '../../platform/errors';
import { fileSha256 } from '../../platform/files/hash';
import { mapHeaders, parseMapOption, requireColumns } from '../../platform/files/header-map';
import {
  originalOf,
  type ReadPlan,
  readPlan,
  type StagedCounts,
  stageRows,
  stepTimer,
  workerMinRowsFor,
} from '../../platform/files/stage-rows';
import { openTabular, type TabularFile } from '../../platform/files/tabular';
import type { AuditService } from '../audit/service';
import { requireExistingPeriod } from '../programs/period-rules';
import { loadKecamatanCodes } from '../regions/region-sets';
import * as apply from './apply-sql';
import { DIRECT_MIN_ROWS, type ImportContext, importMatchingWhileReading } from './direct-import';
import {
  DISBURSEMENT_FIELDS,
  DISBURSEMENT_IDENTITY_COLUMNS,
  DISBURSEMENT_REQUIRED_COLUMNS,
  DISBURSEMENT_SYNONYMS,
} from './fields';
import { analyzeStageLine, matchAllocations } from './match-sql';
import type { DisbursementRejectionCode, DisbursementWarningCode } from './reasons';
import { createDisbursementRepository } from './repository';
import { DISBURSEMENT_SINK, type DisbursementSinkOptions } from './row-sink';

export interface DisbursementImportInput {
  program: string;
  period: string;
  /** BRI, BNI, MANDIRI, BTN, BSI, POS (also written "PT Pos", "Bank BRI"). */
  channel: string;
  filePath: string;
  /** The name shown in lists (the uploaded file's name; defaults to the path's base name). */
  fileName?: string | undefined;
  sheet?: string | undefined;
  /** Extra header mappings, `KOLOM=field`. */
  map?: readonly string[] | undefined;
}

export interface DisbursementImportSummary {
  reportId: number;
  program: string;
  period: string;
  channel: Channel;
  fileName: string;
  rowsRead: number;
  /** Lines stored (rowsRead = accepted + rejected + alreadyReported). */
  accepted: number;
  rejected: number;
  /** Lines identical to one stored from an earlier report of the period: skipped, not counted twice. */
  alreadyReported: number;
  /** Stored lines paying an allocation line, and those matching none (TIDAK_DIALOKASIKAN). */
  matched: number;
  unallocated: number;
  byStatus: { BERHASIL: { lines: number; amount: number }; GAGAL: { lines: number; amount: number } };
  rejectedByReason: Partial<Record<DisbursementRejectionCode, number>>;
  warningsByReason: Partial<Record<DisbursementWarningCode, number>>;
  ignoredColumns: string[];
  /** The file's header row in order (the error report repeats it). */
  headers: string[];
  /** The table's indexes and keys were rebuilt after the insert rather than kept up line by line. */
  bulkInsert: boolean;
  /** Milliseconds per step, for the benchmark and for support. */
  timingsMs: Record<string, number>;
}

// Rows per COPY: bounds memory while the file streams (ARCHITECTURE.md, COPY into PGlite).
const CHUNK_ROWS = 50_000;

export function createDisbursementImportService(deps: {
  database: SalurDatabase;
  config: Config;
  clock: Clock;
  audit: AuditService;
  /** Lines from which a CSV file is read in a worker thread (worker-reader.ts); tests lower it. */
  workerMinRows?: number;
  /** Lines from which a first report of its channel is matched while read (direct-import.ts); tests lower it. */
  directMinRows?: number;
}) {
  const { database, config, clock, audit } = deps;
  const repo = createDisbursementRepository();

  /**
   * Programme, period and channel, checked before any file is read so the web answers a bad
   * start at once; the import checks the period again, locked, inside its transaction.
   */
  async function checkTarget(actor: Actor, program: string, period: string, channelText: string) {
    authorize(actor, 'distribution.import');
    const channel = parseChannel(channelText);
    if (!channel) {
      throw new ValidationError(
        'CHANNEL_UNKNOWN',
        `Penyalur "${channelText}" tidak dikenal: gunakan BRI, BNI, MANDIRI, BTN, BSI atau POS.`,
        { channel: channelText },
      );
    }
    const { period: parsed } = await requireExistingPeriod(database.db, program, period, { open: true });
    return { program, period: parsed.code, channel };
  }

  async function refuseRepeatedFile(
    db: SalurDatabase['db'],
    program: string,
    period: string,
    sha256: string,
  ) {
    const earlier = await repo.findReportBySha(db, program, period, sha256);
    if (!earlier) return;
    throw new ConflictError(
      'REPORT_ALREADY_IMPORTED',
      `Berkas yang sama persis sudah diimpor untuk periode ${period} program ${program}: laporan #${earlier.id} ` +
        `(${earlier.file_name}, penyalur ${earlier.channel}, ${earlier.finished_at.toISOString().slice(0, 10)}` +
        `${earlier.created_by_name ? ` oleh ${earlier.created_by_name}` : ''}). Laporan tidak dihitung dua kali.`,
      { reportId: earlier.id, fileName: earlier.file_name, channel: earlier.channel },
    );
  }

  async function prepare(actor: Actor, input: DisbursementImportInput) {
    const target = await checkTarget(actor, input.program, input.period, input.channel);
    const sha256 = await fileSha256(input.filePath);
    await refuseRepeatedFile(database.db, target.program, target.period, sha256);
    const file = await openTabular(input.filePath, { sheet: input.sheet });
    const mapping = mapHeaders(
      file.headers,
      DISBURSEMENT_SYNONYMS,
      parseMapOption(input.map ?? [], DISBURSEMENT_FIELDS),
    );
    requireColumns(mapping, DISBURSEMENT_REQUIRED_COLUMNS, DISBURSEMENT_SYNONYMS);
    if (DISBURSEMENT_IDENTITY_COLUMNS.every((f) => mapping.columns[f] === undefined)) {
      throw new ValidationError(
        'COLUMN_MISSING',
        'Kolom NIK (mis. NIK / NIK_PENGURUS) atau nomor rekening/KKS (mis. NO_REKENING / NO_KKS) tidak ditemukan: ' +
          'setiap baris harus menyebut salah satunya. Periksa baris judul, atau petakan kolom: di web lewat kotak "Pemetaan kolom tambahan" (JUDUL=bidang), di CLI dengan --map "JUDUL=bidang".',
        { missing: ['nik', 'account'] },
      );
    }
    return { ...target, sha256, file, mapping };
  }

  /**
   * The general way: lines staged, then matched, settled, compared with earlier reports of the
   * channel (a cumulative re-export) and counted set-based, then inserted.
   */
  async function importThroughStage(ctx: ImportContext, earlier: boolean, workerMinRows: number) {
    const { raw, step, input } = ctx;
    const { program, period, channel } = ctx.report;
    await apply.createStage(raw);
    const read = await step('read', () =>
      stageFile(
        raw,
        ctx.file,
        readPlan(input, DISBURSEMENT_SINK, ctx.sinkOptions, CHUNK_ROWS, workerMinRows),
        ctx.onProgress,
      ),
    );
    ctx.onProgress?.(read.rowsRead, 'mencocokkan', read.rowsRead);
    const matchedRows = await step('match', () => matchAllocations(raw, program, period, channel));
    await step('fanOut', () =>
      apply.resolveFanOut(raw, program, period, channel, read.accepted, matchedRows),
    );
    if (earlier)
      await step('alreadyReported', async () => {
        await analyzeStageLine(raw);
        return apply.markAlreadyReported(raw, program, period, channel);
      });
    const counts = await step('count', () => apply.countLines(raw));
    if (counts.ambiguous > 0) {
      const ambiguous = await step('ambiguous', () => apply.ambiguousLines(raw));
      await step('ambiguousOriginals', () => stageAmbiguous(raw, input, ambiguous));
      read.rejectedByReason.MATCHES_TWO_ALLOCATIONS = ambiguous.length;
      read.rejected += ambiguous.length;
    }
    const { id: reportId } = await repo.insertReport(ctx.db, {
      ...ctx.report,
      rowsRead: read.rowsRead,
      accepted: counts.stored,
      rejected: read.rejected,
    });
    const inserted = await step('insert', () =>
      apply.insertDisbursementsBulkAware(raw, reportId, program, period, channel, counts.stored),
    );
    return { reportId, read, counts, bulk: inserted.bulk };
  }

  return {
    checkTarget,

    /** All checks of an import without importing (target, repeated file, columns): a 400/409 before the job. */
    async checkImport(actor: Actor, input: DisbursementImportInput): Promise<void> {
      const { file } = await prepare(actor, input);
      await file.rows[Symbol.asyncIterator]().return?.();
    },

    /**
     * Imports one channel report: every line stored, skipped as already reported, or rejected
     * with reason codes; stored lines matched to the period's allocations set-based. One
     * transaction: a crash leaves nothing, and running it again gives the same result.
     */
    async importReport(
      actor: Actor,
      input: DisbursementImportInput,
      onProgress?: (rowsRead: number, stage: string, totalRows: number | null) => void,
    ): Promise<DisbursementImportSummary> {
      const prepared = await prepare(actor, input);
      const { program, period, channel, sha256, file, mapping } = prepared;
      const fileName = input.fileName ?? path.basename(input.filePath);
      const startedAt = clock.now();
      const kecamatanCodes = await loadKecamatanCodes(database.db);

      return database.transaction(async ({ db, raw }) => {
        await useBulkSettings(raw, database.kind);
        // Locked: a finalisation or another report of this period waits for this one to end.
        await requireExistingPeriod(db, program, period, { open: true, lock: true });
        await refuseRepeatedFile(db, program, period, sha256);
        const { timings, step } = stepTimer();
        const sinkOptions: DisbursementSinkOptions = {
          headers: file.headers,
          csv: file.format === 'csv',
          columns: mapping.columns,
          kecamatanCodes,
          today: clock.now().toISOString(),
        };
        const report = {
          program,
          period,
          channel,
          fileName,
          sha256,
          createdBy: actor.userId > 0 ? actor.userId : null,
          createdByName: actor.username,
          startedAt,
        };
        const earlier = await apply.hasEarlierLines(raw, program, period, channel);
        const context = { db, raw, input, file, report, sinkOptions, step, onProgress };
        const workerMinRows = deps.workerMinRows ?? workerMinRowsFor(database.kind);
        const stored =
          !earlier && (file.estimatedRows ?? 0) >= (deps.directMinRows ?? DIRECT_MIN_ROWS)
            ? await importMatchingWhileReading({ ...context, workerMinRows, chunkRows: CHUNK_ROWS })
            : await importThroughStage(context, earlier, workerMinRows);
        const { reportId, read, counts, bulk } = stored;
        await step('rejections', () => apply.saveRejections(raw, reportId));
        await step('analyze', () => apply.analyzeDisbursements(raw));

        const warningsByReason: Partial<Record<DisbursementWarningCode, number>> = {};
        if (counts.channelDiffers) warningsByReason.CHANNEL_DIFFERS = counts.channelDiffers;
        if (counts.nikDiffers) warningsByReason.NIK_DIFFERS = counts.nikDiffers;
        if (counts.nikInvalid) warningsByReason.NIK_INVALID = counts.nikInvalid;
        const summary: DisbursementImportSummary = {
          reportId,
          program,
          period,
          channel,
          fileName,
          rowsRead: read.rowsRead,
          accepted: counts.stored,
          rejected: read.rejected,
          alreadyReported: counts.alreadyReported,
          matched: counts.matched,
          unallocated: counts.unallocated,
          byStatus: {
            BERHASIL: { lines: counts.berhasilLines, amount: counts.berhasilAmount },
            GAGAL: { lines: counts.gagalLines, amount: counts.gagalAmount },
          },
          rejectedByReason: read.rejectedByReason,
          warningsByReason,
          ignoredColumns: mapping.ignored,
          headers: file.headers,
          bulkInsert: bulk,
          timingsMs: timings,
        };
        await repo.setReportSummary(db, reportId, summary);
        const { headers: _headers, timingsMs: _timings, bulkInsert: _bulk, ...auditSummary } = summary;
        await audit.record(db, actor, {
          action: 'disbursement.import',
          entityType: 'disbursement_report',
          entityId: reportId,
          regionCode: config.kabupatenCode,
          details: { sha256, ...auditSummary },
        });
        return summary;
      });
    },
  };
}

export type DisbursementImportService = ReturnType<typeof createDisbursementImportService>;

/** Streams the file into the staging tables: valid lines to stage_disbursement, the rest with reasons. */
function stageFile(
  raw: RawConnection,
  file: TabularFile,
  plan: ReadPlan<StagedCounts<DisbursementRejectionCode>>,
  onProgress: ((rowsRead: number, stage: string, totalRows: number | null) => void) | undefined,
) {
  return stageRows(raw, file, {
    stage: { table: 'stage_disbursement', columns: apply.STAGE_COLUMNS },
    rejectionTable: 'stage_disbursement_rejection',
    plan,
    onProgress,
  });
}

/**
 * The original cells of the lines that matched two allocations. Known only after matching,
 * so the file is read a second time — only when there are such lines, which keeps the common
 * case from staging every line's original text.
 */
async function stageAmbiguous(raw: RawConnection, input: DisbursementImportInput, lines: number[]) {
  const wanted = new Set(lines);
  const file = await openTabular(input.filePath, { sheet: input.sheet });
  let chunk: string[] = [];
  for await (const row of file.rows) {
    if (!wanted.has(row.line)) continue;
    chunk.push(
      csvRow([
        row.line,
        ['MATCHES_TWO_ALLOCATIONS'],
        ['nik', 'account'],
        JSON.stringify(originalOf(file.headers, row.cells)),
      ]),
    );
    if (chunk.length >= CHUNK_ROWS) {
      await raw.copyCsv('stage_disbursement_rejection', apply.REJECTION_COLUMNS, chunk.join(''));
      chunk = [];
    }
  }
  if (chunk.length)
    await raw.copyCsv('stage_disbursement_rejection', apply.REJECTION_COLUMNS, chunk.join(''));
}
