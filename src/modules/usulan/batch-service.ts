import type { Db, SalurDatabase } from '../../db/database';
import { isWithinRegion } from '../../domain/region-code';
import { type Actor, authorize, regionScope, SYSTEM_ACTOR } from '../../platform/auth/actor';
import type { Clock } from '../../platform/clock';
import { ConflictError, NotFoundError } from '../../platform/errors';
import type { AuditService } from '../audit/service';
import { buildBatchWorkbook } from './batch-file';
import { createBatchRepository } from './batch-repository';
import { asBuffer, authorId, eventRow, sha256Hex } from './history';
import type { UsulanRepository } from './repository';

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

interface BatchMeta {
  id: number;
  file_name: string;
  count: number;
  file_sha256: string;
  created_by_name: string;
  created_at: Date;
}

export function presentBatch(batch: BatchMeta) {
  return {
    id: batch.id,
    fileName: batch.file_name,
    count: batch.count,
    fileSha256: batch.file_sha256,
    createdByName: batch.created_by_name,
    createdAt: batch.created_at.toISOString(),
  };
}

/**
 * The way out and back of approved proposals: Dinsos sends them to SIKS-NG in batches (one
 * .xlsx per batch, kept as sent), and a later DTSEN edition that contains the change closes
 * them (SELESAI). Part of the usulan service; split out to keep each file to one concern.
 */
export function createBatchService(deps: {
  database: SalurDatabase;
  audit: AuditService;
  clock: Clock;
  repo: UsulanRepository;
}) {
  const batches = createBatchRepository();
  const { database, audit, clock, repo } = deps;

  return {
    /** Every DISETUJUI_DINSOS proposal in the actor's scope becomes DIKIRIM, in one new file. */
    async createBatch(actor: Actor) {
      authorize(actor, 'usulan.batch');
      const scope = regionScope(actor);
      return database.transaction(async ({ db }) => {
        const lines = await batches.lockApproved(db, scope);
        if (lines.length === 0) {
          throw new ConflictError(
            'USULAN_BATCH_EMPTY',
            'Tidak ada usulan berstatus DISETUJUI_DINSOS yang siap dikirim.',
          );
        }
        const now = clock.now();
        // The row first: its id names the file.
        const draft = await batches.insertBatch(db, {
          created_by: authorId(actor),
          created_by_name: actor.fullName,
          created_at: now,
          region_code: scope,
          file_name: '',
          count: lines.length,
          file_sha256: '',
          content: new Uint8Array(),
        });
        const content = await buildBatchWorkbook(lines, now);
        const fileName = `usulan-siks-ng-${scope}-${now.toISOString().slice(0, 10).replaceAll('-', '')}-${draft.id}.xlsx`;
        const batch = await batches.updateBatchFile(db, draft.id, {
          file_name: fileName,
          file_sha256: sha256Hex(content),
          content,
        });
        const ids = lines.map((l) => l.id);
        await batches.markSent(db, ids, batch.id, now);
        await repo.insertEvents(
          db,
          lines.map((l) =>
            eventRow(actor, l.id, 'DISETUJUI_DINSOS', 'DIKIRIM', now, `Dikirim dalam batch #${batch.id}.`),
          ),
        );
        for (const line of lines) {
          await audit.record(db, actor, {
            action: 'usulan.send',
            entityType: 'usulan',
            entityId: line.id,
            regionCode: line.region_code,
            before: { status: 'DISETUJUI_DINSOS', batchId: null, fulfilledImportId: null },
            after: { status: 'DIKIRIM', batchId: batch.id, fulfilledImportId: null },
          });
        }
        const byKind: Record<string, number> = {};
        for (const line of lines) byKind[line.kind] = (byKind[line.kind] ?? 0) + 1;
        await audit.record(db, actor, {
          action: 'usulan.batch.create',
          entityType: 'usulan_batch',
          entityId: batch.id,
          regionCode: scope,
          after: { fileName, count: lines.length, byKind, sha256: batch.file_sha256 },
        });
        return { ...presentBatch(batch), byKind };
      });
    },

    async listBatches(actor: Actor) {
      authorize(actor, 'usulan.batch.read');
      return (await batches.listBatches(database.db, regionScope(actor))).map(presentBatch);
    },

    /** The batch file exactly as it was made; every download is audited as an export. */
    async downloadBatch(actor: Actor, id: number) {
      authorize(actor, 'usulan.batch.read');
      const batch = await batches.findBatch(database.db, id);
      if (!batch || !isWithinRegion(batch.region_code, regionScope(actor)))
        throw new NotFoundError('Batch usulan');
      await audit.recordNow(actor, {
        action: 'export.xlsx',
        entityType: 'usulan_batch',
        entityId: id,
        regionCode: batch.region_code,
        details: { fileName: batch.file_name, count: batch.count, sha256: batch.file_sha256 },
      });
      return { fileName: batch.file_name, content: asBuffer(batch.content) };
    },

    /**
     * Called at the end of a committed-to-be registry import, inside its transaction (`db` is
     * the import's): marks SELESAI every sent proposal whose change the import's edition
     * contains (the rules are in batch-repository `lockFulfilled`). Returns how many.
     */
    async markUsulanFulfilled(db: Db, importId: number, actor: Actor = SYSTEM_ACTOR): Promise<number> {
      const rows = await batches.lockFulfilled(db, importId);
      if (rows.length === 0) return 0;
      const now = clock.now();
      await batches.markFulfilled(
        db,
        rows.map((r) => r.id),
        importId,
        now,
      );
      await repo.insertEvents(
        db,
        rows.map((r) =>
          eventRow(
            actor,
            r.id,
            'DIKIRIM',
            'SELESAI',
            now,
            `Perubahan terlihat di DTSEN edisi ${r.edition} (impor #${importId}).`,
          ),
        ),
      );
      for (const r of rows) {
        await audit.record(db, actor, {
          action: 'usulan.fulfil',
          entityType: 'usulan',
          entityId: r.id,
          regionCode: r.region_code,
          before: { status: 'DIKIRIM', batchId: r.batch_id, fulfilledImportId: null },
          after: { status: 'SELESAI', batchId: r.batch_id, fulfilledImportId: importId },
          details: { importId, edition: r.edition },
        });
      }
      return rows.length;
    },
  };
}
