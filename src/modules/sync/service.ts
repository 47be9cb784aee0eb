import type { SalurDatabase } from '../../db/database';
import type { JobRow, SyncStatus } from '../../db/types';
import { isWithinRegion } from '../../domain/region-code';
import { type Actor, authorize, can, regionScope } from '../../platform/auth/actor';
import type { Clock } from '../../platform/clock';
import type { Config } from '../../platform/config';
import { NotFoundError } from '../../platform/errors';
import { parseMapOption } from '../../platform/files/header-map';
import { removeUpload, saveUpload, uploadPath } from '../../platform/files/uploads';
import type { AuditService } from '../audit/service';
import type { JobsService } from '../jobs/service';
import { DTSEN_FIELDS } from '../registry/import/fields';
import { type RegionRow, writeSyncXlsx } from './export-xlsx';
import { type PresentedItem, presentCheck, presentItem } from './present';
import { createSyncRepository, type ItemFilter } from './repository';
import { emptyCounts, runSyncCheck, type StatusCounts, type SyncCheckInput } from './run-check';

export interface SyncJobPayload {
  uploadId: string;
  fileName: string;
  sheet?: string | undefined;
  map?: string[] | undefined;
  /** Who asked: the job runs later, maybe in another process, and acts (and is audited) as them. */
  actor: Actor;
}

export interface SyncFilter {
  status?: SyncStatus | undefined;
  /** Canonical region code inside the actor's scope; outside it the result is empty. */
  regionCode?: string | undefined;
}

const LIST_LIMIT = 50;
const EXPORT_PAGE = 5_000;

/**
 * Cek sinkron (issue 3): the local registry compared with a central DTSEN extract, without
 * changing the registry. Running a check is for the office (permission `registry.import`);
 * reading one is `registry.read` limited to the reader's region, summaries included.
 */
export function createSyncService(deps: {
  database: SalurDatabase;
  config: Config;
  clock: Clock;
  audit: AuditService;
  jobs: JobsService;
}) {
  const { database, config, audit, jobs } = deps;
  const repo = createSyncRepository();
  const db = database.db;

  function run(
    actor: Actor,
    input: SyncCheckInput,
    onProgress?: (rowsRead: number, stage: string, totalRows: number | null) => void,
  ) {
    authorize(actor, 'registry.import');
    return runSyncCheck({ ...deps, repo }, actor, input, onProgress);
  }

  jobs.register<SyncJobPayload>('sync.check', async ({ payload, progress }) => {
    try {
      const filePath = uploadPath(config.filesDir, payload.uploadId);
      const input = { filePath, fileName: payload.fileName, sheet: payload.sheet, map: payload.map };
      return await run(payload.actor, input, (rows, stage, total) => progress(rows, total, stage));
    } finally {
      // A crash never reaches this line, so a re-run after recovery still finds the file.
      removeUpload(config.filesDir, payload.uploadId);
    }
  });

  /** The region prefix a reader gets: their scope, narrowed by a filter inside it, never widened. */
  function prefixFor(actor: Actor, regionCode: string | undefined): string {
    const scope = regionScope(actor);
    if (!regionCode || isWithinRegion(scope, regionCode)) return scope;
    return isWithinRegion(regionCode, scope) ? regionCode : '-';
  }

  async function findCheck(id: number) {
    const check = await repo.findCheck(db, id);
    if (!check) throw new NotFoundError('Cek sinkron');
    return check;
  }

  /** Counts per kelurahan within the prefix, rolled up per kecamatan, with region names. */
  async function regionSummary(checkId: number, prefix: string) {
    const kelurahan = new Map<string, RegionRow>();
    const kecamatan = new Map<string, RegionRow>();
    const total = emptyCounts();
    for (const row of await repo.countsByRegion(db, checkId, prefix)) {
      const kecamatanCode = row.region_code.slice(0, 6);
      const n = Number(row.n);
      for (const [map, code] of [
        [kelurahan, row.region_code],
        [kecamatan, kecamatanCode],
      ] as const) {
        const entry = map.get(code) ?? { code, name: null, kecamatanCode, counts: emptyCounts() };
        entry.counts[row.status] += n;
        entry.counts.total += n;
        map.set(code, entry);
      }
      total[row.status] += n;
      total.total += n;
    }
    const names = new Map(
      (await repo.regionNames(db, [...kelurahan.keys(), ...kecamatan.keys()])).map((r) => [r.code, r.name]),
    );
    for (const entry of [...kelurahan.values(), ...kecamatan.values()])
      entry.name = names.get(entry.code) ?? null;
    return { total, kelurahan: [...kelurahan.values()], kecamatan: [...kecamatan.values()] };
  }

  return {
    runSyncCheck: run,

    /** Saves the uploaded extract and queues the check as a job (`sync.check`). */
    async startCheck(
      actor: Actor,
      input: { body: NodeJS.ReadableStream; fileName: string; sheet?: string | undefined; map?: string[] },
    ): Promise<JobRow> {
      authorize(actor, 'registry.import');
      parseMapOption(input.map ?? [], DTSEN_FIELDS);
      const upload = await saveUpload(config.filesDir, input.body, input.fileName);
      const payload: SyncJobPayload = {
        uploadId: upload.id,
        fileName: input.fileName,
        sheet: input.sheet,
        map: input.map,
        actor: { ...actor },
      };
      try {
        return await jobs.enqueue(actor, 'sync.check', payload);
      } catch (error) {
        removeUpload(config.filesDir, upload.id);
        throw error;
      }
    },

    async list(actor: Actor) {
      authorize(actor, 'registry.read');
      const rows = await repo.listChecks(db, LIST_LIMIT);
      const scope = regionScope(actor);
      const counts = new Map<number, StatusCounts>();
      if (config.kabupatenCode.startsWith(scope)) {
        // The whole office: the totals stored with each check are the answer.
        for (const row of rows)
          counts.set(row.id, (row.summary as { totals?: StatusCounts }).totals ?? emptyCounts());
      } else {
        for (const row of await repo.countsByCheck(
          db,
          rows.map((r) => r.id),
          scope,
        )) {
          const entry = counts.get(row.check_id) ?? emptyCounts();
          entry[row.status] += Number(row.n);
          entry.total += Number(row.n);
          counts.set(row.check_id, entry);
        }
      }
      return rows.map((row) => presentCheck(row, counts.get(row.id) ?? emptyCounts()));
    },

    async get(actor: Actor, id: number) {
      authorize(actor, 'registry.read');
      const check = await findCheck(id);
      const summary = await regionSummary(id, regionScope(actor));
      return {
        check: presentCheck(check, summary.total),
        kecamatan: summary.kecamatan,
        kelurahan: summary.kelurahan,
      };
    },

    /** Items within scope, NIK always masked (a list is not a full record). */
    async items(actor: Actor, id: number, filter: SyncFilter & { page: number; pageSize: number }) {
      authorize(actor, 'registry.read');
      await findCheck(id);
      const itemFilter: ItemFilter = {
        checkId: id,
        regionPrefix: prefixFor(actor, filter.regionCode),
        status: filter.status,
      };
      const [rows, total] = await Promise.all([
        repo.listItems(db, itemFilter, {
          limit: filter.pageSize,
          offset: (filter.page - 1) * filter.pageSize,
        }),
        repo.countItems(db, itemFilter),
      ]);
      return { items: rows.map((row) => presentItem(row, false)), total };
    },

    /** One item, full NIK for roles that may see it; outside the scope it does not exist (404). */
    async item(actor: Actor, id: number, itemId: number) {
      authorize(actor, 'registry.read');
      const row = await repo.findItem(db, id, itemId);
      if (!row || !isWithinRegion(row.region_code, regionScope(actor)))
        throw new NotFoundError('Data cek sinkron');
      const full = can(actor, 'nik.full');
      await audit.recordNow(actor, {
        action: 'sync.item.view',
        entityType: 'sync_check_item',
        entityId: itemId,
        regionCode: row.region_code,
        details: { checkId: id, fullIdentifiers: full },
      });
      return presentItem(row, full);
    },

    /**
     * Authorises and audits an XLSX export, then hands back the writer: an export that may not
     * happen fails here, before any byte is sent. NIK as text, masked unless the role may see it.
     */
    async openExport(actor: Actor, id: number, filter: SyncFilter) {
      authorize(actor, 'registry.read');
      const check = await findCheck(id);
      const itemFilter: ItemFilter = {
        checkId: id,
        regionPrefix: prefixFor(actor, filter.regionCode),
        status: filter.status,
      };
      const full = can(actor, 'nik.full');
      const rows = await repo.countItems(db, itemFilter);
      await audit.recordNow(actor, {
        action: 'export.xlsx',
        entityType: 'sync_check',
        entityId: id,
        regionCode: regionScope(actor) || config.kabupatenCode,
        details: {
          report: 'sync.items',
          status: filter.status ?? null,
          regionCode: filter.regionCode ?? null,
          rows,
          fullIdentifiers: full,
        },
      });
      async function* items(): AsyncGenerator<PresentedItem> {
        let after = 0;
        for (;;) {
          const page = await repo.itemsAfter(db, itemFilter, after, EXPORT_PAGE);
          if (page.length === 0) return;
          for (const row of page) yield presentItem(row, full);
          after = page.at(-1)!.id;
        }
      }
      return {
        fileName: `cek-sinkron-${id}.xlsx`,
        rows,
        write: async (out: NodeJS.WritableStream) => {
          const summary = await regionSummary(id, itemFilter.regionPrefix);
          await writeSyncXlsx(out, {
            fileName: check.file_name,
            createdAt: check.created_at,
            kecamatanNames: new Map(summary.kecamatan.map((k) => [k.code, k.name])),
            kelurahan: summary.kelurahan,
            items: items(),
          });
        },
      };
    },
  };
}

export type SyncService = ReturnType<typeof createSyncService>;
