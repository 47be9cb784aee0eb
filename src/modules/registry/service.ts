import type { SalurDatabase } from '../../db/database';
import { maskKk } from '../../domain/kk';
import { maskNik } from '../../domain/nik';
import { isWithinRegion } from '../../domain/region-code';
import { type Actor, authorize, can, regionScope } from '../../platform/auth/actor';
import { NotFoundError } from '../../platform/errors';
import type { AuditService } from '../audit/service';
import { createRegistryRepository } from './repository';

/**
 * Read side of the registry the foundation needs: scoped household lists and the full
 * household record. Lists always mask NIK/KK; the full record shows them to roles that need
 * them and every full view is audited (DOMAIN.md "Personal data").
 */
export function createRegistryService(deps: { database: SalurDatabase; audit: AuditService }) {
  const repo = createRegistryRepository();
  const { database, audit } = deps;

  return {
    async listHouseholds(
      actor: Actor,
      filter: { q?: string | undefined; regionCode?: string | undefined; page: number; pageSize: number },
    ) {
      authorize(actor, 'registry.read');
      const scope = regionScope(actor);
      // A filter outside the actor's scope narrows to nothing rather than widening the scope.
      const prefix =
        filter.regionCode && isWithinRegion(filter.regionCode, scope) ? filter.regionCode : scope;
      const narrowed = filter.regionCode && !isWithinRegion(filter.regionCode, scope) ? '-' : prefix;
      const { rows, total } = await repo.listHouseholds(database.db, {
        regionPrefix: narrowed,
        q: filter.q,
        limit: filter.pageSize,
        offset: (filter.page - 1) * filter.pageSize,
      });
      return {
        total,
        items: rows.map((row) => ({
          id: row.id,
          kkMasked: maskKk(row.kk),
          regionCode: row.region_code,
          address: row.address,
          rt: row.rt,
          rw: row.rw,
          headName: row.head_name ?? null,
          memberCount: Number(row.member_count ?? 0),
          desil: row.desil ?? null,
        })),
      };
    },

    async getHousehold(actor: Actor, id: number) {
      authorize(actor, 'registry.read');
      const household = await repo.findHousehold(database.db, id);
      if (!household || !isWithinRegion(household.region_code, regionScope(actor)))
        throw new NotFoundError('Keluarga');
      const [members, desil] = await Promise.all([
        repo.members(database.db, id),
        repo.desilHistory(database.db, id),
      ]);
      const full = can(actor, 'nik.full');
      await audit.recordNow(actor, {
        action: 'household.view',
        entityType: 'household',
        entityId: id,
        regionCode: household.region_code,
        details: { fullIdentifiers: full },
      });
      return {
        id: household.id,
        kk: full ? household.kk : maskKk(household.kk),
        regionCode: household.region_code,
        address: household.address,
        rt: household.rt,
        rw: household.rw,
        idDtsen: household.id_dtsen,
        desil,
        members: members.map((m) => ({
          id: m.id,
          nik: full ? m.nik : maskNik(m.nik),
          name: m.name,
          birthPlace: m.birth_place,
          birthDate: m.birth_date,
          sex: m.sex,
          relationship: m.relationship,
          motherName: m.mother_name,
          status: m.status,
          deathDate: m.death_date,
          schooling: m.schooling,
          pregnancyDueDate: m.pregnancy_due_date,
          severeDisability: m.severe_disability,
          nikWarnings: m.nik_warnings,
        })),
      };
    },
  };
}

export type RegistryService = ReturnType<typeof createRegistryService>;
