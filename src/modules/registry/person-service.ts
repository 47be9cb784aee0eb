import type { SalurDatabase } from '../../db/database';
import { maskKk } from '../../domain/kk';
import { maskNik } from '../../domain/nik';
import { isWithinRegion } from '../../domain/region-code';
import { type Actor, authorize, can, regionScope } from '../../platform/auth/actor';
import { NotFoundError, ValidationError } from '../../platform/errors';
import type { AuditService } from '../audit/service';
import { createPersonRepository } from './person-repository';

/**
 * People in the registry: scoped search (NIK/KK masked) and the full record with its history
 * and KK history. A full view is audited (DOMAIN.md "Personal data").
 */
export function createPersonService(deps: { database: SalurDatabase; audit: AuditService }) {
  const repo = createPersonRepository();
  const { database, audit } = deps;

  async function fullRecord(actor: Actor, person: NonNullable<Awaited<ReturnType<typeof repo.findById>>>) {
    const full = can(actor, 'nik.full');
    const [history, household] = await Promise.all([
      repo.history(database.db, person.id),
      person.household_id ? repo.household(database.db, person.household_id) : undefined,
    ]);
    const kkHistory = household ? await repo.kkHistory(database.db, household.id) : [];
    const createdBy = person.created_import_id
      ? await repo.importInfo(database.db, person.created_import_id)
      : undefined;
    await audit.recordNow(actor, {
      action: 'person.view',
      entityType: 'person',
      entityId: person.id,
      regionCode: person.region_code,
      details: { fullIdentifiers: full },
    });
    const kk = (value: string) => (full ? value : maskKk(value));
    return {
      id: person.id,
      nik: full ? person.nik : maskNik(person.nik),
      name: person.name,
      birthPlace: person.birth_place,
      birthDate: person.birth_date,
      sex: person.sex,
      relationship: person.relationship,
      motherName: person.mother_name,
      status: person.status,
      deathDate: person.death_date,
      regionCode: person.region_code,
      idDtsen: person.id_dtsen,
      idDtks: person.id_dtks,
      lastSeenEdition: person.last_seen_edition,
      absentSinceEdition: person.absent_since_edition,
      nikWarnings: person.nik_warnings,
      household: household
        ? {
            id: household.id,
            kk: kk(household.kk),
            regionCode: household.region_code,
            address: household.address,
            rt: household.rt,
            rw: household.rw,
          }
        : null,
      kkHistory: kkHistory.map((h) => ({
        kk: kk(h.kk),
        validFrom: h.valid_from.toISOString(),
        validTo: h.valid_to?.toISOString() ?? null,
      })),
      history: history
        .map((h) => ({
          id: h.id,
          at: h.at.toISOString(),
          change: h.change,
          // KK numbers inside a change are masked like every other KK for roles without full view.
          fields: full ? h.fields : maskKkInFields(h.fields),
          source: h.import_id
            ? { kind: 'import' as const, importId: h.import_id, edition: h.edition, fileName: h.file_name }
            : { kind: 'user' as const, username: h.username },
        }))
        .concat(
          // The first import is kept on the person, not as a history row (migration 0006).
          createdBy
            ? [
                {
                  id: 0,
                  at: person.created_at.toISOString(),
                  change: 'INSERT' as const,
                  fields: {},
                  source: {
                    kind: 'import' as const,
                    importId: createdBy.id,
                    edition: createdBy.edition,
                    fileName: createdBy.file_name,
                  },
                },
              ]
            : [],
        ),
    };
  }

  return {
    async search(actor: Actor, input: { q: string; limit: number }) {
      authorize(actor, 'registry.read');
      const q = input.q.trim();
      if (q.length < 3)
        throw new ValidationError(
          'QUERY_TOO_SHORT',
          'Ketik minimal 3 huruf nama, atau NIK/KK lengkap 16 angka.',
        );
      const rows = await repo.search(database.db, q, regionScope(actor), input.limit);
      return rows.map((r) => ({
        id: r.id,
        nikMasked: maskNik(r.nik),
        kkMasked: r.kk ? maskKk(r.kk) : null,
        name: r.name,
        birthDate: r.birth_date,
        sex: r.sex,
        status: r.status,
        regionCode: r.region_code,
        householdId: r.household_id,
      }));
    },

    async get(actor: Actor, id: number) {
      authorize(actor, 'registry.read');
      const person = await repo.findById(database.db, id);
      if (!person || !isWithinRegion(person.region_code, regionScope(actor)))
        throw new NotFoundError('Penduduk');
      return fullRecord(actor, person);
    },

    async getByNik(actor: Actor, nik: string) {
      authorize(actor, 'registry.read');
      const person = await repo.findByNik(database.db, nik);
      if (!person || !isWithinRegion(person.region_code, regionScope(actor)))
        throw new NotFoundError('Penduduk');
      return fullRecord(actor, person);
    },
  };
}

export type PersonService = ReturnType<typeof createPersonService>;

function maskKkInFields(fields: unknown): unknown {
  const copy = { ...(fields as Record<string, unknown>) };
  if (Array.isArray(copy.kk)) copy.kk = copy.kk.map((v) => (typeof v === 'string' ? maskKk(v) : v));
  return copy;
}
