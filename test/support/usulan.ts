import ExcelJS from 'exceljs';
import { encodeNik } from '../../src/domain/nik';

let serial = 9000;

/** A new family (not in the registry) for a TAMBAH_KELUARGA proposal in kelurahan `desa`. */
export function newFamily(desa: string) {
  const kecamatan = desa.slice(0, 6);
  const n = ++serial;
  const head = {
    nik: encodeNik({ kecamatanCode: kecamatan, birthDate: '1985-02-10', sex: 'L', serial: n }),
    name: `Budi Usulan ${n}`,
    birthDate: '1985-02-10',
    birthPlace: 'Padang',
    sex: 'L' as const,
    relationship: 'KEPALA_KELUARGA' as const,
    motherName: 'Siti',
  };
  const wife = {
    nik: encodeNik({ kecamatanCode: kecamatan, birthDate: '1988-07-21', sex: 'P', serial: n }),
    name: `Ani Usulan ${n}`,
    birthDate: '1988-07-21',
    sex: 'P' as const,
    relationship: 'ISTRI' as const,
  };
  return {
    kind: 'TAMBAH_KELUARGA' as const,
    regionCode: desa,
    kk: `${kecamatan}1002${String(n).padStart(6, '0')}`,
    address: 'Jl. Usulan No. 1',
    rt: '3',
    rw: '4',
    members: [wife, head],
    reason: 'Keluarga miskin belum terdaftar di DTSEN, hasil musyawarah kelurahan.',
  };
}

export type NewFamily = ReturnType<typeof newFamily>;

/** DTSEN file rows (the fixture's columns) for the members of a proposed family. */
export function familyRows(family: NewFamily) {
  return family.members.map((m) => ({
    NO_KK: family.kk,
    NIK: m.nik,
    NAMA: m.name.toUpperCase(),
    TGL_LAHIR: m.birthDate,
    JK: m.sex,
    HUB_KELUARGA: m.relationship,
    KODE_DESA: family.regionCode,
    ALAMAT: family.address,
    RT: family.rt,
    RW: family.rw,
    DESIL: '2',
    STATUS: 'HIDUP',
  }));
}

/** A tiny but real PDF, and bytes that are not one of the accepted types. */
export const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n',
);
export const EXE = Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00'), Buffer.alloc(200, 1)]);
export const PNG = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.alloc(64),
]);

/** A PDF-looking body of `bytes` bytes. */
export function pdfOfSize(bytes: number): Buffer {
  const body = Buffer.alloc(bytes, 0x20);
  PDF.copy(body, 0, 0, 5);
  return body;
}

/** The rows of one sheet of a batch file as { header: cell }. */
export async function readSheet(content: Buffer, name: string) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(content as unknown as ArrayBuffer);
  const sheet = workbook.getWorksheet(name);
  if (!sheet) throw new Error(`no sheet ${name}`);
  const headers = (sheet.getRow(1).values as unknown[]).slice(1).map(String);
  const rows: Array<Record<string, ExcelJS.Cell>> = [];
  sheet.eachRow((row, number) => {
    if (number === 1) return;
    rows.push(Object.fromEntries(headers.map((h, i) => [h, row.getCell(i + 1)])));
  });
  return { sheetNames: workbook.worksheets.map((w) => w.name), headers, rows };
}
