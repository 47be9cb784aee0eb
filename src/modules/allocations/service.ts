import type { SalurDatabase } from '../../db/database';
import type { Channel } from '../../db/types';
import { parsePeriod } from '../../domain/period';
import { computePkhBenefit, pkhRulesFrom } from '../../domain/pkh-benefit';
import { isWithinRegion } from '../../domain/region-code';
import { type Actor, authorize, can, regionScope } from '../../platform/auth/actor';
import { NotFoundError } from '../../platform/errors';
import type { AuditService } from '../audit/service';
import { rulesAt } from '../programs/period-rules';
import { presentDetail, presentListItem } from './presenter';
import { createAllocationRepository, pkhMemberOf } from './repository';

export interface AllocationListInput {
  flag?: string | undefined;
  channel?: string | undefined;
  /** Canonical kecamatan or kelurahan code. */
  regionCode?: string | undefined;
  name?: string | undefined;
  nik?: string | undefined;
  importId?: number | undefined;
  page: number;
  pageSize: number;
}

/**
 * The read side of allocations: the lines of a period within the actor's region (a line is
 * in scope when its scope_code starts with the actor's region), one line with its PKH
 * calculation, and the import history. Every full view of a line is audited.
 */
export function createAllocationService(deps: { database: SalurDatabase; audit: AuditService }) {
  const { database, audit } = deps;
  const repo = createAllocationRepository();

  /**
   * The explanation of a line whose calculation was not kept at import (its amount matched):
   * the same rule on the registry as it is now. The expected amount stored at import stays the
   * reference; the page says when this explanation comes from today's data.
   */
  async function explain(row: {
    program_code: string;
    period: string;
    household_id: number | null;
  }): Promise<unknown> {
    const period = parsePeriod(row.period);
    const program = await repo.program(database.db, row.program_code);
    if (!period || !program) return null;
    const rules = await rulesAt(database.db, program.code, period.start);
    if (program.kind === 'SEMBAKO') {
      const monthly = rules['sembako.monthly'];
      return monthly === undefined
        ? null
        : { kind: 'SEMBAKO', monthly, months: period.months, expected: monthly * period.months };
    }
    if (program.kind === 'LOCAL') {
      const amount = program.benefit_amount;
      return amount === null ? null : { kind: 'LOCAL', benefitAmount: amount, expected: amount };
    }
    if (row.household_id === null) return null;
    const [members, sanctioned] = await Promise.all([
      repo.members(database.db, row.household_id),
      repo.hasNoncompliance(database.db, row.household_id, program.code, period.code),
    ]);
    return computePkhBenefit(members.map(pkhMemberOf), period, pkhRulesFrom(rules), { sanctioned });
  }

  return {
    async list(actor: Actor, program: string, period: string, input: AllocationListInput) {
      authorize(actor, 'distribution.read');
      const scope = regionScope(actor);
      // A region filter outside the actor's scope narrows to nothing rather than widening it.
      const scopePrefix = input.regionCode
        ? isWithinRegion(input.regionCode, scope)
          ? input.regionCode
          : '-'
        : scope;
      const { rows, total } = await repo.list(database.db, {
        program,
        period,
        scopePrefix,
        flag: input.flag,
        channel: input.channel as Channel | undefined,
        name: input.name,
        nik: input.nik,
        importId: input.importId,
        limit: input.pageSize,
        offset: (input.page - 1) * input.pageSize,
      });
      return { total, items: rows.map(presentListItem) };
    },

    async get(actor: Actor, id: number) {
      authorize(actor, 'distribution.read');
      const row = await repo.find(database.db, id);
      if (!row || !isWithinRegion(row.scope_code, regionScope(actor)))
        throw new NotFoundError('Baris alokasi');
      const full = can(actor, 'nik.full');
      await audit.recordNow(actor, {
        action: 'allocation.view',
        entityType: 'allocation',
        entityId: id,
        regionCode: row.scope_code,
        details: { fullIdentifiers: full },
      });
      const kept = row.calculation ?? null;
      const calculation = kept ?? (await explain(row));
      return {
        ...presentDetail(row, full),
        calculation: calculation as never,
        calculationSource: kept ? ('IMPORT' as const) : calculation ? ('REGISTRY_NOW' as const) : null,
      };
    },

    async listImports(actor: Actor, program: string, period: string) {
      authorize(actor, 'distribution.read');
      const rows = await repo.listImports(database.db, program, period);
      return {
        items: rows.map((r) => ({
          id: r.id,
          source: r.source,
          fileName: r.file_name,
          rowsRead: r.rows_read,
          accepted: r.accepted,
          rejected: r.rejected,
          summary: r.summary,
          createdBy: r.created_by_name,
          startedAt: new Date(r.started_at).toISOString(),
          finishedAt: r.finished_at.toISOString(),
        })),
      };
    },

    /** The import a rejection report belongs to; only those who import may download it (it holds every region's NIKs). */
    async requireImport(actor: Actor, id: number) {
      authorize(actor, 'distribution.import');
      const row = await repo.findImport(database.db, id);
      if (!row) throw new NotFoundError('Impor alokasi');
      return row;
    },
  };
}

export type AllocationService = ReturnType<typeof createAllocationService>;
