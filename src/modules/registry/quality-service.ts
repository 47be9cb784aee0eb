import ExcelJS from 'exceljs';
import type { SalurDatabase } from '../../db/database';
import { maskKk } from '../../domain/kk';
import { maskNik } from '../../domain/nik';
import { type Actor, authorize, regionScope } from '../../platform/auth/actor';
import type { AuditService } from '../audit/service';
import { createQualityRepository, QUALITY_CATEGORIES, type QualityCategory } from './quality-repository';

export type QualityItem =
  | {
      kind: 'person';
      personId: number;
      nik: string;
      name: string;
      birthDate: string | null;
      status: string;
      regionCode: string;
      householdId: number | null;
      nikWarnings: string[];
      absentSinceEdition: string | null;
    }
  | {
      kind: 'group';
      name: string;
      birthDate: string | null;
      persons: Array<{
        personId: number;
        nik: string;
        name: string;
        regionCode: string;
        householdId: number | null;
        status: string;
      }>;
    }
  | { kind: 'household'; householdId: number; kk: string; regionCode: string; memberCount: number };

const EXPORT_LIMIT = 100_000;

export function createQualityService(deps: { database: SalurDatabase; audit: AuditService }) {
  const repo = createQualityRepository();
  const { database, audit } = deps;
  const db = database.db;

  async function items(
    actor: Actor,
    category: QualityCategory,
    limit: number,
    offset: number,
  ): Promise<QualityItem[]> {
    const scope = regionScope(actor);
    // Lists always mask identifiers: the person page shows them to the roles that need them.
    if (category === 'possibleDuplicates' || category === 'personInTwoHouseholds') {
      const groups = await repo.duplicates(db, scope, category === 'personInTwoHouseholds', limit, offset);
      return groups.map((g) => ({
        kind: 'group' as const,
        name: g.persons[0]?.name ?? g.nameKey,
        birthDate: g.birthDate,
        persons: g.persons.map((p) => ({
          personId: p.id,
          nik: maskNik(p.nik),
          name: p.name,
          regionCode: p.region_code,
          householdId: p.household_id,
          status: p.status,
        })),
      }));
    }
    if (category === 'householdsWithoutHead') {
      const rows = await repo.households(db, scope, limit, offset);
      return rows.map((h) => ({
        kind: 'household' as const,
        householdId: h.id,
        kk: maskKk(h.kk),
        regionCode: h.region_code,
        memberCount: Number(h.member_count ?? 0),
      }));
    }
    const rows = await repo.persons(db, scope, category, limit, offset);
    return rows.map((p) => ({
      kind: 'person' as const,
      personId: p.id,
      nik: maskNik(p.nik),
      name: p.name,
      birthDate: p.birth_date,
      status: p.status,
      regionCode: p.region_code,
      householdId: p.household_id,
      nikWarnings: p.nik_warnings,
      absentSinceEdition: p.absent_since_edition,
    }));
  }

  return {
    async counts(actor: Actor): Promise<Record<QualityCategory, number>> {
      authorize(actor, 'registry.read');
      const scope = regionScope(actor);
      const entries = [];
      for (const category of QUALITY_CATEGORIES)
        entries.push([category, await repo.count(db, scope, category)] as const);
      return Object.fromEntries(entries) as Record<QualityCategory, number>;
    },

    async list(actor: Actor, category: QualityCategory, page: number, pageSize: number) {
      authorize(actor, 'registry.read');
      const [total, list] = [
        await repo.count(db, regionScope(actor), category),
        await items(actor, category, pageSize, (page - 1) * pageSize),
      ];
      return { total, items: list };
    },

    /** The list as .xlsx (NIK as text cells, masked unless the role may see full NIK); audited. */
    async exportXlsx(actor: Actor, category: QualityCategory, out: NodeJS.WritableStream): Promise<void> {
      authorize(actor, 'registry.read');
      await audit.recordNow(actor, {
        action: 'export.xlsx',
        entityType: 'quality',
        entityId: category,
        regionCode: regionScope(actor),
      });
      const rows = await items(actor, category, EXPORT_LIMIT, 0);
      const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
        stream: out as unknown as import('node:stream').Stream,
      });
      const sheet = workbook.addWorksheet(category);
      sheet.columns = [
        'Jenis',
        'ID',
        'NIK/KK',
        'Nama',
        'Tanggal lahir',
        'Status',
        'Kode wilayah',
        'ID keluarga',
        'Keterangan',
      ].map((header) => ({ header, width: 20 }));
      sheet.getColumn(3).numFmt = '@';
      for (const item of rows) {
        if (item.kind === 'person') {
          sheet
            .addRow([
              'penduduk',
              item.personId,
              item.nik,
              item.name,
              item.birthDate,
              item.status,
              item.regionCode,
              item.householdId,
              [
                ...item.nikWarnings,
                item.absentSinceEdition ? `tidak ada sejak ${item.absentSinceEdition}` : '',
              ]
                .filter(Boolean)
                .join(', '),
            ])
            .commit();
        } else if (item.kind === 'household') {
          sheet
            .addRow([
              'keluarga',
              item.householdId,
              item.kk,
              null,
              null,
              null,
              item.regionCode,
              item.householdId,
              `${item.memberCount} anggota hidup, tanpa kepala keluarga`,
            ])
            .commit();
        } else {
          for (const p of item.persons) {
            sheet
              .addRow([
                'kelompok',
                p.personId,
                p.nik,
                p.name,
                item.birthDate,
                p.status,
                p.regionCode,
                p.householdId,
                `sama nama dan tanggal lahir (${item.persons.length} orang)`,
              ])
              .commit();
          }
        }
      }
      sheet.commit();
      await workbook.commit();
    },
  };
}

export type QualityService = ReturnType<typeof createQualityService>;
