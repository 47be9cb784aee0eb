import {
  parseDateCell,
  parseDesil,
  parseRelationship,
  parseRtRw,
  parseSex,
  parseStatus,
  parseText,
} from '../../../domain/cell-values';
import { parseKk } from '../../../domain/kk';
import { parseNik } from '../../../domain/nik';
import { canonicalRegionCode } from '../../../domain/region-code';
import type { CellValue } from '../../../platform/files/tabular';
import type { DtsenField } from './fields';
import type { RejectionCode, WarningCode } from './reasons';

/** One accepted row, in canonical form, ready for the staging table. */
export interface RegistryRecord {
  line: number;
  nik: string;
  kk: string;
  name: string;
  birthDate: string | null;
  birthPlace: string | null;
  sex: 'L' | 'P' | null;
  relationship: string | null;
  regionCode: string;
  address: string | null;
  rt: string | null;
  rw: string | null;
  desil: number | null;
  idDtsen: string | null;
  idDtks: string | null;
  motherName: string | null;
  status: 'HIDUP' | 'MENINGGAL' | 'PINDAH';
  warnings: WarningCode[];
}

export interface RowRejection {
  line: number;
  reasons: RejectionCode[];
  /** The fields the reasons point at, for the report. */
  fields: DtsenField[];
}

export interface RowContext {
  columns: Partial<Record<DtsenField, number>>;
  /** Known kecamatan codes (6 digits), retired ones included: a NIK keeps its issuing code. */
  kecamatanExists: (code: string) => boolean;
  villageExists: (code: string) => boolean;
  kabupatenCode: string;
  today: Date;
  /** NIKs accepted earlier in this file (DUPLICATE_IN_FILE): a Set, or a NikSet for large files. */
  seen: { has(nik: string): boolean; add(nik: string): unknown };
}

export function validateRow(
  line: number,
  cells: readonly CellValue[],
  ctx: RowContext,
): RegistryRecord | RowRejection {
  const cell = (field: DtsenField): CellValue => {
    const index = ctx.columns[field];
    return index === undefined ? null : (cells[index] ?? null);
  };
  const reasons = new Set<RejectionCode>();
  const fields = new Set<DtsenField>();
  const reject = (code: RejectionCode, field: DtsenField) => {
    reasons.add(code);
    fields.add(field);
  };

  const name = parseText(cell('name'));
  if (name === null) reject('REQUIRED_FIELD', 'name');

  const birthDate = parseDateCell(cell('birthDate'));
  if (birthDate === undefined) reject('DATE_INVALID', 'birthDate');
  const sex = parseSex(cell('sex'));
  if (sex === undefined) reject('VALUE_INVALID', 'sex');
  const relationship = parseRelationship(cell('relationship'));
  if (relationship === undefined) reject('VALUE_INVALID', 'relationship');
  const status = parseStatus(cell('status'));
  if (status === undefined) reject('VALUE_INVALID', 'status');
  const desil = parseDesil(cell('desil'));
  if (desil === undefined) reject('VALUE_INVALID', 'desil');

  let nik: string | null = null;
  const warnings: WarningCode[] = [];
  const rawNik = cell('nik');
  if (rawNik === null) reject('REQUIRED_FIELD', 'nik');
  else {
    const parsed = parseNik(rawNik, {
      kecamatanExists: ctx.kecamatanExists,
      today: ctx.today,
      ...(birthDate ? { recordedBirthDate: birthDate } : {}),
      ...(sex ? { recordedSex: sex } : {}),
    });
    for (const code of parsed.errors) reject(code, 'nik');
    warnings.push(...parsed.warnings);
    if (parsed.valid) nik = parsed.nik;
  }

  let kk: string | null = null;
  const rawKk = cell('kk');
  if (rawKk === null) reject('REQUIRED_FIELD', 'kk');
  else {
    const parsed = parseKk(rawKk);
    if (parsed.valid) kk = parsed.kk;
    else reject('KK_FORMAT', 'kk');
  }

  const rawRegion = cell('regionCode');
  const regionCode = rawRegion === null ? null : canonicalRegionCode(String(rawRegion));
  if (rawRegion === null) reject('REQUIRED_FIELD', 'regionCode');
  else if (regionCode?.length !== 10 || !ctx.villageExists(regionCode))
    reject('WILAYAH_UNKNOWN', 'regionCode');
  else if (!regionCode.startsWith(ctx.kabupatenCode)) reject('WILAYAH_OUT_OF_SCOPE', 'regionCode');

  if (nik && reasons.size === 0) {
    if (ctx.seen.has(nik)) reject('DUPLICATE_IN_FILE', 'nik');
    else ctx.seen.add(nik);
  }
  if (reasons.size > 0 || !nik || !kk || !name || !regionCode) {
    return { line, reasons: [...reasons], fields: [...fields] };
  }
  return {
    line,
    nik,
    kk,
    name,
    birthDate: birthDate ?? null,
    birthPlace: parseText(cell('birthPlace')),
    sex: sex ?? null,
    relationship: relationship ?? null,
    regionCode,
    address: parseText(cell('address')),
    rt: parseRtRw(cell('rt')),
    rw: parseRtRw(cell('rw')),
    desil: desil ?? null,
    idDtsen: parseText(cell('idDtsen'), 60),
    idDtks: parseText(cell('idDtks'), 60),
    motherName: parseText(cell('motherName')),
    status: status ?? 'HIDUP',
    warnings,
  };
}

export function isRejection(result: RegistryRecord | RowRejection): result is RowRejection {
  return 'reasons' in result;
}
