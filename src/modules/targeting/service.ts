import type { SalurDatabase } from '../../db/database';
import { isWithinRegion } from '../../domain/region-code';
import { type Actor, authorize, regionScope } from '../../platform/auth/actor';
import type { Clock } from '../../platform/clock';
import type { Config } from '../../platform/config';
import type { AuditService } from '../audit/service';
import { createEnrolment } from './enrolment';
import { writeTargetingXlsx } from './export-xlsx';
import {
  countsToRecord,
  type ExclusionItem,
  type InclusionItem,
  presentExclusion,
  presentInclusion,
  type RegionNames,
  regionCounts,
} from './present';
import type { InclusionReason } from './reasons';
import { createTargetingRepository } from './repository';
import { type TargetingScopes, targetingScopes } from './scopes';

export interface TargetingQuery {
  program: string;
  period: string;
  /** Canonical region code (kecamatan or desa/kelurahan) inside the reader's scope. */
  regionCode?: string | undefined;
  /** Inclusion only: lines having this reason. */
  reason?: InclusionReason | undefined;
  /** Exclusion only: only families allocated in this programme and period. */
  requireProgram?: string | undefined;
  requirePeriod?: string | undefined;
}

export interface Paging {
  page: number;
  pageSize: number;
}

// Households per exclusion export chunk: one short transaction each, memory bounded.
const EXPORT_CHUNK = 50_000;
// Inclusion candidates read per query while an export is written.
const EXPORT_BATCH = 5_000;

/**
 * Targeting errors (issue 4; DOMAIN.md "Targeting errors"): per programme and period, the
 * allocation lines that may not belong (inclusion error candidates) and the families of the
 * registry left out (exclusion error candidates), limited to the reader's region (role ×
 * region), NIK masked; exports audited. Enrolment into a local programme is in enrolment.ts.
 */
export function createTargetingService(deps: {
  database: SalurDatabase;
  config: Config;
  clock: Clock;
  audit: AuditService;
}) {
  const { database, audit, config } = deps;
  const repo = createTargetingRepository();
  const db = database.db;

  /** The region prefix of a reader: their scope, narrowed by a filter inside it, never widened. */
  function prefixFor(actor: Actor, regionCode: string | undefined): string {
    const scope = regionScope(actor);
    if (!regionCode || isWithinRegion(scope, regionCode)) return scope;
    return isWithinRegion(regionCode, scope) ? regionCode : '-';
  }

  async function namesFor(codes: Iterable<string>): Promise<RegionNames> {
    const unique = [...new Set(codes)];
    return new Map((await repo.regionNames(db, unique)).map((r) => [r.code, r.name]));
  }

  async function scopes(actor: Actor, query: TargetingQuery): Promise<TargetingScopes> {
    return targetingScopes(db, { ...query, prefix: prefixFor(actor, query.regionCode) });
  }

  async function inclusion(actor: Actor, query: TargetingQuery, paging: Paging) {
    authorize(actor, 'targeting.read');
    const { inclusion: scope, meta } = await scopes(actor, query);
    const result = await database.transaction((tx) =>
      repo.inclusionList(tx.db, scope, query.reason, {
        limit: paging.pageSize,
        offset: (paging.page - 1) * paging.pageSize,
      }),
    );
    const names = await namesFor([
      ...result.rows.map((r) => r.scope_code),
      ...result.byKecamatan.map((r) => r.key),
      ...result.byKelurahan.map((r) => r.key),
    ]);
    return {
      ...meta,
      total: result.total,
      candidates: result.all,
      items: result.rows.map((row) => presentInclusion(row, names)),
      byReason: countsToRecord(result.byReason),
      byKecamatan: regionCounts(result.byKecamatan, names),
      byKelurahan: regionCounts(result.byKelurahan, names),
    };
  }

  async function exclusion(actor: Actor, query: TargetingQuery, paging: Paging) {
    authorize(actor, 'targeting.read');
    const { exclusion: scope, meta } = await scopes(actor, query);
    const result = await database.transaction((tx) =>
      repo.exclusionList(tx.db, scope(), {
        limit: paging.pageSize,
        offset: (paging.page - 1) * paging.pageSize,
      }),
    );
    const names = await namesFor([
      ...result.rows.map((r) => r.region_code),
      ...result.byKecamatan.map((r) => r.key),
      ...result.byKelurahan.map((r) => r.key),
    ]);
    return {
      ...meta,
      total: result.total,
      items: result.rows.map((row) => presentExclusion(row, names)),
      byDesil: countsToRecord(result.byDesil),
      byComponent: countsToRecord(result.byComponent),
      byKecamatan: regionCounts(result.byKecamatan, names),
      byKelurahan: regionCounts(result.byKelurahan, names),
    };
  }

  /**
   * Authorises and audits an XLSX export, then hands back the writer: an export that may not
   * happen fails here, before any byte is sent. Read chunk by chunk (no long transaction).
   */
  async function openExport(actor: Actor, kind: 'inclusion' | 'exclusion', query: TargetingQuery) {
    authorize(actor, 'targeting.read');
    const resolved = await scopes(actor, query);
    const prefix = prefixFor(actor, query.regionCode);
    await audit.recordNow(actor, {
      action: 'export.xlsx',
      entityType: 'program_period',
      entityId: `${resolved.meta.program}/${resolved.meta.period}`,
      regionCode: regionScope(actor) || config.kabupatenCode,
      details: {
        report: `targeting.${kind}`,
        regionCode: query.regionCode ?? null,
        reason: query.reason ?? null,
        requireProgram: query.requireProgram ?? null,
        requirePeriod: query.requirePeriod ?? null,
        fullIdentifiers: false,
      },
    });
    async function* inclusionItems(): AsyncGenerator<InclusionItem> {
      // The reasons once for the whole scope (one transaction), then the rows batch by batch,
      // the next batch read while the current one is written.
      const { ids, masks } = await database.transaction((tx) =>
        repo.inclusionCandidateIds(tx.db, resolved.inclusion, query.reason),
      );
      const batch = (start: number) => {
        if (start >= ids.length) return null;
        const end = start + EXPORT_BATCH;
        const read = repo.inclusionDetails(db, ids.subarray(start, end), masks.subarray(start, end));
        // Awaited on the next turn; if the download stops first, its failure must not go unhandled.
        read.catch(() => {});
        return read;
      };
      let next = batch(0);
      for (let start = 0; next !== null; start += EXPORT_BATCH) {
        const rows = await next;
        next = batch(start + EXPORT_BATCH);
        const names = await namesFor(rows.map((r) => r.scope_code));
        for (const row of rows) yield presentInclusion(row, names);
      }
    }
    async function* exclusionItems(): AsyncGenerator<ExclusionItem> {
      let after = 0;
      const scope = resolved.exclusion();
      for (;;) {
        const chunk = await database.transaction((tx) =>
          repo.exclusionChunk(tx.db, scope, after, EXPORT_CHUNK),
        );
        const names = await namesFor(chunk.rows.map((r) => r.region_code));
        for (const row of chunk.rows) yield presentExclusion(row, names);
        if (chunk.next === null) return;
        after = chunk.next;
      }
    }
    const word = kind === 'inclusion' ? 'inklusi' : 'eksklusi';
    return {
      fileName: `sasaran-${word}-${resolved.meta.program}-${resolved.meta.period}.xlsx`,
      write: (out: NodeJS.WritableStream) =>
        writeTargetingXlsx(out, {
          kind,
          meta: resolved.meta,
          prefix,
          createdAt: deps.clock.now(),
          names: namesFor,
          inclusion: kind === 'inclusion' ? inclusionItems() : undefined,
          exclusion: kind === 'exclusion' ? exclusionItems() : undefined,
        }),
    };
  }

  return {
    inclusion,
    exclusion,
    openExport,
    ...createEnrolment({ ...deps, repo }),
  };
}

export type TargetingService = ReturnType<typeof createTargetingService>;
