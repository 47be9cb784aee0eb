import path from 'node:path';
import { useBulkSettings } from '../../../db/bulk-settings';
import type { Db, SalurDatabase } from '../../../db/database';
import type { RawConnection } from '../../../db/raw-connection';
import { type Actor, authorize } from '../../../platform/auth/actor';
import type { Clock } from '../../../platform/clock';
import type { Config } from '../../../platform/config';
import { ValidationError } from '../../../platform/errors';
import { fileSha256 } from '../../../platform/files/hash';
import { mapHeaders, parseMapOption, requireColumns } from '../../../platform/files/header-map';
import { readPlan, stageRows, stepTimer, workerMinRowsFor } from '../../../platform/files/stage-rows';
import { openTabular } from '../../../platform/files/tabular';
import type { AuditService } from '../../audit/service';
import { loadRegionSets } from '../../regions/region-sets';
import * as apply from './apply-sql';
import { DTSEN_FIELDS, DTSEN_REQUIRED_COLUMNS, DTSEN_SYNONYMS } from './fields';
import {
  applyHouseholdCorrections,
  beginFirstLoad,
  claimHouseholdIds,
  DESIL_COPY_COLUMNS,
  HOUSEHOLD_COPY_COLUMNS,
  PERSON_COPY_COLUMNS,
  personLineTail,
} from './first-load';
import type { RejectionCode, WarningCode } from './reasons';
import { REGISTRY_SINK, type RegistrySinkOptions } from './row-sink';

export interface DtsenImportInput {
  filePath: string;
  /** The name shown in reports (the uploaded file's name; defaults to the path's base name). */
  fileName?: string | undefined;
  kind?: 'DTSEN' | 'DTKS' | undefined;
  /** `YYYY-MM`; defaults to the current month. */
  edition?: string | undefined;
  sheet?: string | undefined;
  /** Extra header mappings, `KOLOM=field`. */
  map?: readonly string[] | undefined;
}

export interface DtsenImportSummary {
  importId: number;
  edition: string;
  rowsRead: number;
  accepted: number;
  rejected: number;
  rejectedByReason: Partial<Record<RejectionCode, number>>;
  warningsByReason: Partial<Record<WarningCode, number>>;
  persons: { inserted: number; updated: number; unchanged: number; absent: number };
  households: { inserted: number; updated: number; kkChanged: number };
  /** Whether people went straight into an empty registry (first-load.ts) rather than through staging. */
  firstLoad: boolean;
  ignoredColumns: string[];
  /** The file's header row in order (the error report repeats it). */
  headers: string[];
  /** Milliseconds per step of the import, for the benchmark and for support. */
  timingsMs: Record<string, number>;
}

export function createRegistryImportService(deps: {
  database: SalurDatabase;
  config: Config;
  clock: Clock;
  audit: AuditService;
  /** Runs in the import's transaction after the registry changed (e.g. proposals now fulfilled). */
  onImported?: (db: Db, importId: number, actor: Actor) => Promise<unknown>;
  /** Lines from which a file into an empty registry is a first load (first-load.ts); tests lower it. */
  firstLoadMinRows?: number;
  /** Lines from which a CSV file is read in a worker thread (worker-reader.ts); tests lower it. */
  workerMinRows?: number;
}) {
  const { database, config, clock, audit } = deps;

  /** The checks that need no transaction: edition, file readable, required columns present. */
  async function prepare(actor: Actor, input: DtsenImportInput) {
    authorize(actor, 'registry.import');
    const edition = input.edition ?? clock.now().toISOString().slice(0, 7);
    if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(edition)) {
      throw new ValidationError(
        'EDITION_FORMAT',
        `Edisi "${edition}" tidak sah: gunakan format TAHUN-BULAN, mis. 2026-01.`,
      );
    }
    const latest = await database.db
      .selectFrom('registry_import')
      .select((eb) => eb.fn.max('edition').as('edition'))
      .executeTakeFirst();
    if (latest?.edition && edition < latest.edition) {
      throw new ValidationError(
        'EDITION_OLDER_THAN_CURRENT',
        `Edisi ${edition} lebih lama daripada edisi yang sudah dimuat (${latest.edition}); memuatnya akan menimpa data yang lebih baru.`,
      );
    }
    const file = await openTabular(input.filePath, { sheet: input.sheet });
    const mapping = mapHeaders(file.headers, DTSEN_SYNONYMS, parseMapOption(input.map ?? [], DTSEN_FIELDS));
    requireColumns(mapping, DTSEN_REQUIRED_COLUMNS, DTSEN_SYNONYMS);
    return { edition, file, mapping };
  }

  return {
    /** Runs the checks of an import without importing: the web answers a bad start at once. */
    async checkImport(actor: Actor, input: DtsenImportInput): Promise<void> {
      const { file } = await prepare(actor, input);
      await file.rows[Symbol.asyncIterator]().return?.();
    },

    /**
     * Imports a DTSEN/DTKS file: every row accepted, accepted with warnings, or rejected with
     * reason codes; accepted rows change the registry set-based. One transaction: a crash or
     * kill leaves the registry as before, and a re-run gives the same result.
     */
    async importDtsen(
      actor: Actor,
      input: DtsenImportInput,
      onProgress?: (rowsRead: number, stage: string, totalRows: number | null) => void,
    ): Promise<DtsenImportSummary> {
      const { edition, file, mapping } = await prepare(actor, input);
      const startedAt = clock.now();
      const regions = await loadRegionSets(database.db);

      return database.transaction(async ({ db, raw }) => {
        await useBulkSettings(raw, database.kind);
        // Created first (counts filled in at the end): a first load stamps people with its id as they are read.
        const importRow = await db
          .insertInto('registry_import')
          .values({
            kind: input.kind ?? 'DTSEN',
            edition,
            file_name: input.fileName ?? path.basename(input.filePath),
            // Filled in at the end: the file is hashed while the database applies it (below).
            file_sha256: '',
            file_format: file.format,
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
        const readStarted = performance.now();
        const firstLoad = await beginFirstLoad(raw, file.estimatedRows, deps.firstLoadMinRows);
        await apply.createStage(raw);
        const sinkOptions: RegistrySinkOptions = {
          headers: file.headers,
          csv: file.format === 'csv',
          columns: mapping.columns,
          kecamatanCodes: [...regions.kecamatan],
          villageCodes: [...regions.villages],
          kabupatenCode: config.kabupatenCode,
          today: clock.now().toISOString(),
          firstLoad: firstLoad && {
            firstHouseholdId: firstLoad.firstHouseholdId,
            tail: personLineTail(edition, importId),
            edition,
          },
        };
        const read = await stageRows(raw, file, {
          stage: firstLoad
            ? { table: 'person', columns: PERSON_COPY_COLUMNS }
            : { table: 'stage_person', columns: apply.STAGE_COLUMNS },
          sideTables: firstLoad
            ? [
                { table: 'household', columns: HOUSEHOLD_COPY_COLUMNS },
                { table: 'household_desil', columns: DESIL_COPY_COLUMNS },
              ]
            : [],
          rejectionTable: 'stage_rejection',
          plan: readPlan(
            input,
            REGISTRY_SINK,
            sinkOptions,
            CHUNK_ROWS,
            deps.workerMinRows ?? workerMinRowsFor(database.kind),
          ),
          onProgress,
        });
        const { rowsRead, accepted, rejected, rejectedByReason, warningsByReason } = read;
        for (const chunk of read.kkChunks) await raw.copyCsv('stage_kk_raw', apply.STAGE_KK_COLUMNS, chunk);
        if (firstLoad) await claimHouseholdIds(raw, read.lastHouseholdId);
        onProgress?.(rowsRead, 'menerapkan', rowsRead);
        // Hashed now, not before reading: while the database applies the file this thread mostly
        // waits (on a server; 1 M people: 0.15 s no longer in front of the import).
        const hashing = fileSha256(input.filePath);
        hashing.catch(() => {}); // awaited below; a failure of the apply must not leave it unhandled

        // Each step timed: the figures go in the summary (and the benchmark) to show where time goes.
        const { timings, step } = stepTimer();
        timings.read = Math.round(performance.now() - readStarted);
        await step('indexStage', () => apply.indexStage(raw));
        const applied = read.households
          ? await applyFirstLoad(raw, step, edition, accepted, read.households)
          : await applyStaged(raw, step, {
              importId,
              edition,
              accepted,
              kabupatenCode: config.kabupatenCode,
              coveredKecamatan: read.coveredKecamatan,
            });
        await step('rejections', () => apply.saveRejections(raw, importId));
        const { counts, absent, householdsInserted, householdsUpdated, kkChanged } = applied;
        await step('analyze', () =>
          apply.analyzeRegistry(raw, {
            person: counts.inserted + counts.updated + absent + applied.returned,
            household: householdsInserted + householdsUpdated,
            household_desil: applied.desilWritten,
            person_history: counts.updated + absent + applied.returned,
          }),
        );

        const summary: DtsenImportSummary = {
          importId,
          edition,
          rowsRead,
          accepted,
          rejected,
          rejectedByReason,
          warningsByReason,
          firstLoad: firstLoad !== null,
          persons: {
            inserted: counts.inserted,
            updated: counts.updated,
            unchanged: counts.unchanged,
            absent,
          },
          households: { inserted: householdsInserted, updated: householdsUpdated, kkChanged },
          ignoredColumns: mapping.ignored,
          headers: file.headers,
          timingsMs: timings,
        };
        const sha256 = await hashing;
        await db
          .updateTable('registry_import')
          .set({
            rows_read: rowsRead,
            accepted,
            rejected,
            file_sha256: sha256,
            summary: JSON.stringify(summary),
          })
          .where('id', '=', importId)
          .execute();
        await deps.onImported?.(db, importId, actor);
        await audit.record(db, actor, {
          action: 'registry.import',
          entityType: 'registry_import',
          entityId: importId,
          regionCode: config.kabupatenCode,
          details: { fileName: input.fileName ?? path.basename(input.filePath), sha256, ...summary },
        });
        return summary;
      });
    },
  };
}

export type RegistryImportService = ReturnType<typeof createRegistryImportService>;

type Step = <T>(name: string, run: () => Promise<T>) => Promise<T>;

/** The staged path: staged people compared with the registry, then changed set-based. */
async function applyStaged(
  raw: RawConnection,
  step: Step,
  params: {
    importId: number;
    edition: string;
    accepted: number;
    kabupatenCode: string;
    coveredKecamatan: readonly string[];
  },
) {
  const { importId, edition } = params;
  await step('stageKk', () => apply.buildStageKk(raw));
  await step('personChanges', () =>
    apply.buildPersonChanges(raw, edition, {
      kabupatenCode: params.kabupatenCode,
      coveredKecamatan: params.coveredKecamatan,
    }),
  );
  const counts = await step('count', () => apply.countChanges(raw, params.accepted));
  const kkChanged = await step('kkHistory', () => apply.recordKkHistory(raw, importId));
  const householdsUpdated = await step('updateHouseholds', () => apply.updateHouseholds(raw));
  const bulk = await step('startBulk', () => apply.startBulkLoad(raw, counts.inserted));
  const householdsInserted = await step('insertHouseholds', () => apply.insertHouseholds(raw));
  // On a re-import of an unchanged file most of these have nothing to do: skipped, not run empty.
  if (counts.touched > 0) await step('updatePersons', () => apply.updatePersons(raw, edition));
  if (counts.updated + counts.returned > 0)
    await step('personHistory', () => apply.recordPersonUpdates(raw, importId));
  if (counts.inserted > 0) await step('insertPersons', () => apply.insertPersons(raw, importId, edition));
  const absent =
    counts.absent > 0 ? await step('flagAbsent', () => apply.flagAbsent(raw, importId, edition)) : 0;
  const desilWritten = await step('desil', () => apply.upsertDesil(raw, edition));
  if (bulk) await step('endBulk', () => apply.endBulkLoad(raw));
  return {
    counts,
    absent,
    returned: counts.returned,
    householdsInserted,
    householdsUpdated,
    kkChanged,
    desilWritten,
  };
}

/** A first load: people, households and desil are in already; the few households to correct, then the indexes. */
async function applyFirstLoad(
  raw: RawConnection,
  step: Step,
  edition: string,
  accepted: number,
  households: { inserted: number; corrections: string; desilWritten: number },
) {
  await step('households', () => applyHouseholdCorrections(raw, households.corrections, edition));
  await step('endBulk', () => apply.endBulkLoad(raw));
  return {
    counts: { inserted: accepted, updated: 0, unchanged: 0 },
    absent: 0,
    returned: 0,
    desilWritten: households.desilWritten,
    householdsInserted: households.inserted,
    householdsUpdated: 0,
    kkChanged: 0,
  };
}

// Rows per COPY: bounds memory while the file streams (ARCHITECTURE.md, COPY into PGlite).
const CHUNK_ROWS = 50_000;
