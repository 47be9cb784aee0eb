import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { encodeNik } from '../../src/domain/nik';

export const HEADERS = [
  'NO_KK',
  'NIK',
  'NAMA',
  'TGL_LAHIR',
  'JK',
  'HUB_KELUARGA',
  'KODE_DESA',
  'ALAMAT',
  'RT',
  'RW',
  'DESIL',
  'STATUS',
];

export type FixtureRow = Record<string, string | number | Date | null | undefined>;

// NIK serials per (kecamatan, birth date, sex), as Dukcapil numbers them: unique, 1…9999.
const serials = new Map<string, number>();
let names = 0;

/** A valid person row of a family in kelurahan `desa` (canonical code), NIK issued there. */
export function personRow(
  kk: string,
  desa: string,
  overrides: Partial<FixtureRow> & { birth?: string; sex?: 'L' | 'P' } = {},
): FixtureRow {
  const birth = overrides.birth ?? '1980-05-17';
  const sex = overrides.sex ?? 'L';
  const [y, m, d] = birth.split('-');
  const { birth: _b, sex: _s, ...rest } = overrides;
  const key = `${desa.slice(0, 6)}${birth}${sex}`;
  const serial = (serials.get(key) ?? 100) + 1;
  serials.set(key, serial);
  return {
    NO_KK: kk,
    NIK: encodeNik({ kecamatanCode: desa.slice(0, 6), birthDate: birth, sex, serial }),
    NAMA: `Warga ${++names}`,
    TGL_LAHIR: `${d}/${m}/${y}`,
    JK: sex,
    HUB_KELUARGA: 'KEPALA KELUARGA',
    KODE_DESA: `${desa.slice(0, 2)}.${desa.slice(2, 4)}.${desa.slice(4, 6)}.${desa.slice(6)}`,
    ALAMAT: 'Jl. Uji',
    RT: '1',
    RW: '2',
    DESIL: '3',
    STATUS: 'HIDUP',
    ...rest,
  };
}

let kkSerial = 1;
export function newKk(desa: string): string {
  // Issuing kecamatan + registration date (01-01-20) + serial; the serial spills into the date
  // digits past 9,999 families, which is still a well-formed 16-digit KK.
  return `${desa.slice(0, 6)}${String(1012_00_0000 + kkSerial++).padStart(10, '0')}`;
}

export function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'salur-fixture-'));
}

function csvField(value: FixtureRow[string], delimiter: string): string {
  if (value === null || value === undefined) return '';
  const text = value instanceof Date ? value.toISOString().slice(0, 10) : String(value);
  return text.includes(delimiter) || text.includes('"') ? `"${text.replaceAll('"', '""')}"` : text;
}

export function writeCsv(
  dir: string,
  name: string,
  rows: FixtureRow[],
  options: { delimiter?: string; bom?: boolean; headers?: string[] } = {},
) {
  const delimiter = options.delimiter ?? ',';
  const headers = options.headers ?? HEADERS;
  const lines = [
    headers.join(delimiter),
    ...rows.map((r) => headers.map((h) => csvField(r[h] ?? null, delimiter)).join(delimiter)),
  ];
  const file = path.join(dir, name);
  fs.writeFileSync(file, `${options.bom ? '\uFEFF' : ''}${lines.join('\r\n')}\r\n`);
  return file;
}

/** A real .xlsx; a number value becomes a numeric cell (as a spreadsheet does to a NIK). */
export async function writeXlsx(dir: string, name: string, rows: FixtureRow[], headers = HEADERS) {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Data DTSEN');
  sheet.addRow(headers);
  for (const row of rows) sheet.addRow(headers.map((h) => row[h] ?? null));
  sheet.getColumn(headers.indexOf('TGL_LAHIR') + 1).numFmt = 'dd/mm/yyyy';
  const file = path.join(dir, name);
  await workbook.xlsx.writeFile(file);
  return file;
}
