import type { Db, SalurDatabase } from '../../db/database';
import { isWithinRegion } from '../../domain/region-code';
import { type Actor, authorize, regionScope } from '../../platform/auth/actor';
import { ConflictError, NotFoundError, ValidationError } from '../../platform/errors';
import type { AuditService } from '../audit/service';
import { refuseFinalPeriod, requirePeriodCode } from './period-rules';
import { createProgramsRepository } from './repository';

/**
 * Missed PKH commitments (komitmen) per family and period (DOMAIN.md "Conditions" and
 * "Sanctions"): the PKH amount check cuts pkh.sanction_percent for a family recorded here. The
 * pendamping verifies commitments, so they record too; every change is audited, and a
 * finalised period refuses changes (its allocations are frozen).
 */
export function createNoncomplianceService(deps: { database: SalurDatabase; audit: AuditService }) {
  const repo = createProgramsRepository();
  const { database, audit } = deps;

  async function requirePkhProgram(db: Db, code: string) {
    const program = await repo.findProgram(db, code);
    if (!program) throw new NotFoundError('Program');
    if (program.kind !== 'PKH') {
      throw new ValidationError(
        'NONCOMPLIANCE_NOT_PKH',
        `Komitmen hanya berlaku untuk PKH; program ${code} tidak memiliki sanksi komitmen.`,
      );
    }
    return program;
  }

  /** A household outside the actor's region is "not found" (no leak). */
  async function requireVisibleHousehold(db: Db, actor: Actor, householdId: number) {
    const household = await repo.findHouseholdRegion(db, householdId);
    if (!household || !isWithinRegion(household.region_code, regionScope(actor)))
      throw new NotFoundError('Keluarga');
    return household;
  }

  async function findVisible(db: Db, actor: Actor, id: number) {
    const [row] = await repo.listNoncompliance(db, { scopePrefix: regionScope(actor), id });
    return row;
  }

  return {
    async record(
      actor: Actor,
      code: string,
      periodCode: string,
      input: { householdId: number; reason: string },
    ) {
      authorize(actor, 'noncompliance.record');
      const reason = input.reason.trim();
      if (reason.length < 3 || reason.length > 500) {
        throw new ValidationError(
          'NONCOMPLIANCE_REASON_REQUIRED',
          'Sebutkan komitmen yang tidak dipenuhi (3–500 karakter), mis. "kehadiran sekolah di bawah 85%".',
        );
      }
      return database.transaction(async ({ db }) => {
        await requirePkhProgram(db, code);
        const { period } = await refuseFinalPeriod(db, code, periodCode);
        const household = await requireVisibleHousehold(db, actor, input.householdId);
        const inserted = await repo.insertNoncompliance(db, {
          household_id: household.id,
          program_code: code,
          period: period.code,
          reason,
          recorded_by: actor.userId > 0 ? actor.userId : null,
        });
        if (!inserted) {
          throw new ConflictError(
            'NONCOMPLIANCE_EXISTS',
            `Keluarga ini sudah tercatat tidak memenuhi komitmen pada ${period.label}.`,
            { householdId: household.id, period: period.code },
          );
        }
        await audit.record(db, actor, {
          action: 'noncompliance.record',
          entityType: 'household',
          entityId: household.id,
          regionCode: household.region_code,
          after: { id: inserted.id, program: code, period: period.code, reason },
        });
        const row = await findVisible(db, actor, inserted.id);
        if (!row) throw new NotFoundError('Catatan komitmen');
        return row;
      });
    },

    async list(actor: Actor, code: string, periodCode: string, page: { page: number; pageSize: number }) {
      authorize(actor, 'noncompliance.read');
      const program = await repo.findProgram(database.db, code);
      if (!program) throw new NotFoundError('Program');
      const period = await requirePeriodCode(database.db, code, periodCode);
      const rows = await repo.listNoncompliance(database.db, {
        scopePrefix: regionScope(actor),
        programCode: code,
        period: period.code,
        limit: page.pageSize,
        offset: (page.page - 1) * page.pageSize,
      });
      return { rows, total: rows.length > 0 ? Number(rows[0]?.total) : 0 };
    },

    async listForHousehold(actor: Actor, householdId: number) {
      authorize(actor, 'noncompliance.read');
      await requireVisibleHousehold(database.db, actor, householdId);
      return repo.listNoncompliance(database.db, { scopePrefix: regionScope(actor), householdId });
    },

    /** An admin correction (a record made by mistake); audited with what was removed. */
    async remove(actor: Actor, code: string, periodCode: string, id: number) {
      authorize(actor, 'programs.manage');
      await database.transaction(async ({ db }) => {
        await requirePkhProgram(db, code);
        const { period } = await refuseFinalPeriod(db, code, periodCode);
        const row = await findVisible(db, actor, id);
        if (!row || row.program_code !== code || row.period !== period.code)
          throw new NotFoundError('Catatan komitmen');
        await repo.deleteNoncompliance(db, id);
        await audit.record(db, actor, {
          action: 'noncompliance.delete',
          entityType: 'household',
          entityId: row.household_id,
          regionCode: row.region_code,
          before: { id: row.id, program: code, period: row.period, reason: row.reason },
        });
      });
    },
  };
}

export type NoncomplianceService = ReturnType<typeof createNoncomplianceService>;
