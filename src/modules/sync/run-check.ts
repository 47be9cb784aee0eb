import path from 'node:path';
import { csvRow } from '../../db/copy-csv';
import type { SalurDatabase } from '../../db/database';
import type { SyncStatus } from '../../db/types';
import { readIdentifierText } from '../../domain/identifier-text';
import type { Actor } from '../../platform/auth/actor';
import type { Clock } from '../../platform/clock';
import type { Config } from '../../platform/config';
import { fileSha256 } from '../../platform/files/hash';
import { mapHeaders, parseMapOption, requireColumns } from '../../platform/files/header-map';
import { openTabular } from '../../platform/files/tabular';
import type { AuditService } from '../audit/service';
import { loadRegionSets } from '../regions/region-sets';
import { DTSEN_FIELDS, DTSEN_REQUIRED_COLUMNS, DTSEN_SYNONYMS } from '../registry/import/fields';
import type { RejectionCode } from '../registry/import/reasons';
import { isRejection, type RegistryRecord, validateRow } from '../registry/import/validate-row';
import * as compare from './compare-sql';
import type { SyncRepository } from './repository';

export interface SyncCheckInput {
  filePath: string;
  /** The name shown in the list (the uploaded file's name; defaults to the path's base name). */
  fileName?: string | undefined;
  sheet?: string | undefined;
  /** Extra header mappings, `KOLOM=field` (as `salur import dtsen --map`). */
  map?: readonly string[] | undefined;
}

export type StatusCounts = Record<SyncStatus, number> & { total: number };

export interface SyncCheckSummary {
  checkId: number;
  fileName: string;
  rowsRead: number;
  accepted: number;
  rejected: number;
  rejectedByReason: Partial<Record<RejectionCode, number>>;
  /** Fields the file has a column for: a field the file lacks is not compared. */
  comparedFields: compare.ComparedField[];
  ignoredColumns: string[];
  kecamatanCovered: string[];
  totals: StatusCounts;
}

export const SYNC_STATUSES: readonly SyncStatus[] = ['SINKRON', 'BEDA_DATA', 'HANYA_LOKAL', 'HANYA_PUSAT'];

export function emptyCounts(): StatusCounts {
  return { SINKRON: 0, BEDA_DATA: 0, HANYA_LOKAL: 0, HANYA_PUSAT: 0, total: 0 };
}

// Rows per COPY: bounds memory while the file streams (ARCHITECTURE.md, COPY into PGlite).
const CHUNK_ROWS = 50_000;
const PROGRESS_EVERY = 5_000;

/**
 * Compares the registry with a central extract. The file goes through the DTSEN import's
 * header mapping and row validation (a rejected row is counted per reason, never compared),
 * valid rows are COPYed into a stage table, and one INSERT … SELECT decides every status.
 * One transaction: a crash leaves no half-written check, and the registry is only read.
 */
export async function runSyncCheck(
  deps: { database: SalurDatabase; config: Config; clock: Clock; audit: AuditService; repo: SyncRepository },
  actor: Actor,
  input: SyncCheckInput,
  onProgress?: (rowsRead: number, stage: string, totalRows: number | null) => void,
): Promise<SyncCheckSummary> {
  const { database, config, clock, audit, repo } = deps;
  const file = await openTabular(input.filePath, { sheet: input.sheet });
  const mapping = mapHeaders(file.headers, DTSEN_SYNONYMS, parseMapOption(input.map ?? [], DTSEN_FIELDS));
  requireColumns(mapping, DTSEN_REQUIRED_COLUMNS, DTSEN_SYNONYMS);
  const comparedFields = compare.COMPARED_FIELDS.filter((f) => mapping.columns[f] !== undefined);
  const fileName = input.fileName ?? path.basename(input.filePath);
  const sha256 = await fileSha256(input.filePath);
  const { kecamatan, villages } = await loadRegionSets(database.db);

  return database.transaction(async ({ db, raw }) => {
    const rejectedByReason: Partial<Record<RejectionCode, number>> = {};
    let rowsRead = 0;
    let accepted = 0;
    let rejected = 0;
    await compare.createStage(raw);
    const ctx = {
      columns: mapping.columns,
      kecamatanExists: (code: string) => kecamatan.has(code),
      villageExists: (code: string) => villages.has(code),
      kabupatenCode: config.kabupatenCode,
      today: clock.now(),
      seen: new Set<string>(),
    };
    const nikColumn = mapping.columns.nik;
    let stageChunk: string[] = [];
    let unreadChunk: string[] = [];
    const flush = async () => {
      if (stageChunk.length) await raw.copyCsv('stage_sync', compare.STAGE_COLUMNS, stageChunk.join(''));
      if (unreadChunk.length) await raw.copyCsv('stage_sync_unread', ['nik'], unreadChunk.join(''));
      stageChunk = [];
      unreadChunk = [];
    };
    for await (const row of file.rows) {
      rowsRead++;
      const result = validateRow(row.line, row.cells, ctx);
      if (isRejection(result)) {
        rejected++;
        for (const reason of result.reasons) rejectedByReason[reason] = (rejectedByReason[reason] ?? 0) + 1;
        const nik = readIdentifierText(nikColumn === undefined ? null : row.cells[nikColumn]);
        if (nik.kind === 'digits') unreadChunk.push(csvRow([nik.digits]));
      } else {
        accepted++;
        stageChunk.push(stageLine(result));
      }
      if (stageChunk.length + unreadChunk.length >= CHUNK_ROWS) await flush();
      if (rowsRead % PROGRESS_EVERY === 0) onProgress?.(rowsRead, 'membaca', file.estimatedRows);
    }
    await flush();
    onProgress?.(rowsRead, 'membandingkan', rowsRead);

    await compare.indexStage(raw);
    const checkId = await repo.insertCheck(db, {
      file_name: fileName,
      file_sha256: sha256,
      file_format: file.format,
      rows_read: rowsRead,
      accepted,
      rejected,
      created_by: actor.userId > 0 ? actor.userId : null,
      created_by_name: actor.username,
    });
    await compare.insertItems(raw, checkId, config.kabupatenCode, comparedFields);
    const totals = emptyCounts();
    for (const row of await repo.totals(db, checkId)) {
      totals[row.status] = Number(row.n);
      totals.total += Number(row.n);
    }
    const summary: SyncCheckSummary = {
      checkId,
      fileName,
      rowsRead,
      accepted,
      rejected,
      rejectedByReason,
      comparedFields,
      ignoredColumns: mapping.ignored,
      kecamatanCovered: await compare.coveredKecamatan(raw),
      totals,
    };
    await repo.saveSummary(db, checkId, summary);
    await audit.record(db, actor, {
      action: 'sync.check',
      entityType: 'sync_check',
      entityId: checkId,
      regionCode: config.kabupatenCode,
      details: { fileName, sha256, rowsRead, accepted, rejected, totals },
    });
    return summary;
  });
}

function stageLine(r: RegistryRecord): string {
  return csvRow([
    r.line,
    r.nik,
    r.kk,
    r.name,
    r.birthDate,
    r.birthPlace,
    r.sex,
    r.relationship,
    r.regionCode,
    r.motherName,
    r.status,
  ]);
}
