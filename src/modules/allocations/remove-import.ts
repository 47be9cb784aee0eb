import { sql } from 'kysely';
import type { SalurDatabase } from '../../db/database';
import { type Actor, authorize } from '../../platform/auth/actor';
import type { Config } from '../../platform/config';
import { ConflictError, NotFoundError, ValidationError } from '../../platform/errors';
import type { AuditService } from '../audit/service';
import { requireExistingPeriod } from '../programs/period-rules';

/** Removing an import is an exception that must be explained, as reopening a period is. */
export const REMOVE_REASON_MIN = 10;

export interface RemovedImport {
  importId: number;
  program: string;
  period: string;
  fileName: string | null;
  source: string;
  lines: number;
  amount: number;
}

/**
 * Removes an allocation import made by mistake (the wrong period's file, the wrong programme, a
 * test file): its lines and its rejected lines, in one audited transaction, while the period is
 * open, and the period's stored reconciliation, which counted them. Refused once a channel
 * report line has been matched to one of its lines: the report's matching would then be wrong,
 * and reports are not removed.
 */
export function createAllocationImportRemoval(deps: {
  database: SalurDatabase;
  config: Config;
  audit: AuditService;
}) {
  const { database, config, audit } = deps;
  return {
    async remove(actor: Actor, importId: number, reason: string): Promise<RemovedImport> {
      authorize(actor, 'distribution.import');
      const why = reason.trim();
      if (why.length < REMOVE_REASON_MIN) {
        throw new ValidationError(
          'REASON_REQUIRED',
          `Alasan menghapus impor alokasi wajib diisi (minimal ${REMOVE_REASON_MIN} karakter).`,
          { min: REMOVE_REASON_MIN },
        );
      }
      return database.transaction(async ({ db }) => {
        const row = await db
          .selectFrom('allocation_import')
          .select([
            'id',
            'program_code',
            'period',
            'file_name',
            'file_sha256',
            'source',
            'accepted',
            'rejected',
          ])
          .where('id', '=', importId)
          .executeTakeFirst();
        if (!row) throw new NotFoundError(`Impor alokasi #${importId}`);
        // Locked: an import, a report or a finalisation of the period waits for this to end.
        await requireExistingPeriod(db, row.program_code, row.period, { open: true, lock: true });
        const reported = await sql<{ n: number }>`
          SELECT count(*)::int AS n FROM disbursement d JOIN allocation a ON a.id = d.allocation_id
          WHERE a.import_id = ${importId}`.execute(db);
        const matched = Number(reported.rows[0]?.n ?? 0);
        if (matched > 0) {
          throw new ConflictError(
            'ALLOCATION_IMPORT_HAS_REPORT_LINES',
            `Impor alokasi #${importId} tidak dapat dihapus: ${matched.toLocaleString('id-ID')} baris laporan penyaluran sudah dicocokkan dengan baris-barisnya.`,
            { importId, reportLines: matched },
          );
        }
        const totals = await sql<{ lines: number; amount: string | null }>`
          SELECT count(*)::int AS lines, sum(amount)::text AS amount FROM allocation WHERE import_id = ${importId}`.execute(
          db,
        );
        // The period's stored reconciliation counted these lines: it is dropped whole, so the
        // period reads "not reconciled" (even with no import left) until it is run again.
        await db
          .deleteFrom('reconciliation_line')
          .where('program_code', '=', row.program_code)
          .where('period', '=', row.period)
          .execute();
        await db
          .updateTable('program_period')
          .set({ reconciled_at: null, summary: null })
          .where('program_code', '=', row.program_code)
          .where('period', '=', row.period)
          .execute();
        await db.deleteFrom('allocation').where('import_id', '=', importId).execute();
        await db.deleteFrom('allocation_import_rejection').where('import_id', '=', importId).execute();
        await db.deleteFrom('allocation_import').where('id', '=', importId).execute();
        const removed: RemovedImport = {
          importId,
          program: row.program_code,
          period: row.period,
          fileName: row.file_name,
          source: row.source,
          lines: Number(totals.rows[0]?.lines ?? 0),
          amount: Number(totals.rows[0]?.amount ?? 0),
        };
        await audit.record(db, actor, {
          action: 'allocation.import.remove',
          entityType: 'allocation_import',
          entityId: importId,
          regionCode: config.kabupatenCode,
          before: { ...removed, sha256: row.file_sha256, accepted: row.accepted, rejected: row.rejected },
          details: { reason: why },
        });
        return removed;
      });
    },
  };
}

export type AllocationImportRemoval = ReturnType<typeof createAllocationImportRemoval>;
