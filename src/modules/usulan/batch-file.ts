import ExcelJS from 'exceljs';
import { formatRegionCode } from '../../domain/region-code';
import type { BatchLine } from './batch-repository';
import type { ChangeField } from './schemas';
import { USULAN_KINDS, type UsulanKind } from './states';

/**
 * The file a batch sends to SIKS-NG: one sheet per kind of proposal, one header row, the
 * column names the office already knows from DTSEN files (docs/usulan.md lists them and why).
 * NIK, KK, region codes, RT/RW and dates are written as text cells in text-formatted columns,
 * so a spreadsheet never turns a NIK into a number that loses its last digit (DOMAIN.md).
 */

type Cell = string | number | null;
interface Column {
  header: string;
  width: number;
  /** Text column (format `@`). */
  text?: boolean;
}

const LEAD: Column[] = [
  { header: 'ID_USULAN', width: 10 },
  { header: 'KODE_WILAYAH', width: 16, text: true },
  { header: 'NAMA_KECAMATAN', width: 22 },
  { header: 'NAMA_DESA', width: 22 },
  { header: 'NO_KK', width: 20, text: true },
];

export const BATCH_COLUMNS: Record<UsulanKind, Column[]> = {
  TAMBAH_KELUARGA: [
    ...LEAD,
    { header: 'NIK', width: 20, text: true },
    { header: 'NAMA', width: 28 },
    { header: 'TEMPAT_LAHIR', width: 18 },
    { header: 'TGL_LAHIR', width: 12, text: true },
    { header: 'JENIS_KELAMIN', width: 8, text: true },
    { header: 'HUB_KELUARGA', width: 18 },
    { header: 'NAMA_IBU_KANDUNG', width: 28 },
    { header: 'ALAMAT', width: 32 },
    { header: 'RT', width: 6, text: true },
    { header: 'RW', width: 6, text: true },
    { header: 'ALASAN', width: 48 },
  ],
  UBAH_DATA: [
    ...LEAD,
    { header: 'NIK', width: 20, text: true },
    { header: 'NAMA', width: 28 },
    { header: 'KOLOM', width: 18 },
    { header: 'NILAI_LAMA', width: 28, text: true },
    { header: 'NILAI_BARU', width: 28, text: true },
    { header: 'ALASAN', width: 48 },
  ],
  HAPUS_ORANG: [
    ...LEAD,
    { header: 'NIK', width: 20, text: true },
    { header: 'NAMA', width: 28 },
    { header: 'SEBAB', width: 16 },
    { header: 'TGL_KEJADIAN', width: 12, text: true },
    { header: 'ALASAN', width: 48 },
  ],
  HAPUS_KELUARGA: [
    ...LEAD,
    { header: 'NIK_KEPALA', width: 20, text: true },
    { header: 'NAMA_KEPALA', width: 28 },
    { header: 'JUMLAH_ANGGOTA', width: 10 },
    { header: 'SEBAB', width: 16 },
    { header: 'TGL_KEJADIAN', width: 12, text: true },
    { header: 'ALASAN', width: 48 },
  ],
};

/** UBAH_DATA's KOLOM: the DTSEN column name of the changed field. */
const FIELD_COLUMN: Record<ChangeField, string> = {
  name: 'NAMA',
  birthDate: 'TGL_LAHIR',
  birthPlace: 'TEMPAT_LAHIR',
  sex: 'JENIS_KELAMIN',
  relationship: 'HUB_KELUARGA',
  motherName: 'NAMA_IBU_KANDUNG',
};

interface Member {
  nik: string;
  name: string;
  birthDate: string;
  birthPlace: string | null;
  sex: string;
  relationship: string;
  motherName: string | null;
}

/** `2015-03-02` → `02-03-2015`, the way offices write dates; other text unchanged. */
function dmy(value: string | null | undefined): string | null {
  const m = value ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(value) : null;
  return m ? `${m[3]}-${m[2]}-${m[1]}` : (value ?? null);
}

function rowsOf(line: BatchLine): Cell[][] {
  const p = line.payload as Record<string, unknown>;
  const lead = (kk: string | null | undefined): Cell[] => [
    line.id,
    formatRegionCode(line.region_code),
    line.kecamatan_name,
    line.desa_name,
    kk ?? null,
  ];
  switch (line.kind) {
    case 'TAMBAH_KELUARGA':
      return (p.members as Member[]).map((m) => [
        ...lead(p.kk as string),
        m.nik,
        m.name,
        m.birthPlace,
        dmy(m.birthDate),
        m.sex,
        m.relationship,
        m.motherName,
        p.address as string,
        (p.rt as string | null) ?? null,
        (p.rw as string | null) ?? null,
        line.reason,
      ]);
    case 'UBAH_DATA': {
      const changes = p.changes as Partial<Record<ChangeField, string>>;
      const previous = (p.previous ?? {}) as Partial<Record<ChangeField, string | null>>;
      return (Object.keys(changes) as ChangeField[]).map((field) => [
        ...lead(line.household_kk),
        line.nik,
        line.person_name ?? line.subject_name,
        FIELD_COLUMN[field],
        field === 'birthDate' ? dmy(previous[field]) : (previous[field] ?? null),
        field === 'birthDate' ? dmy(changes[field]) : (changes[field] ?? null),
        line.reason,
      ]);
    }
    case 'HAPUS_ORANG':
      return [
        [
          ...lead(line.household_kk),
          line.nik,
          line.person_name ?? line.subject_name,
          p.cause as string,
          dmy(p.eventDate as string | null),
          line.reason,
        ],
      ];
    case 'HAPUS_KELUARGA':
      return [
        [
          ...lead(line.household_kk),
          line.nik,
          line.subject_name,
          (p.memberCount as number | undefined) ?? null,
          p.cause as string,
          dmy(p.eventDate as string | null),
          line.reason,
        ],
      ];
  }
}

export async function buildBatchWorkbook(lines: readonly BatchLine[], createdAt: Date): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Salur';
  workbook.created = createdAt;
  for (const kind of USULAN_KINDS) {
    const columns = BATCH_COLUMNS[kind];
    const sheet = workbook.addWorksheet(kind);
    sheet.columns = columns.map((c, i) => ({ header: c.header, key: `c${i}`, width: c.width }));
    columns.forEach((c, i) => {
      if (c.text) sheet.getColumn(i + 1).numFmt = '@';
    });
    sheet.getRow(1).font = { bold: true };
    sheet.views = [{ state: 'frozen', ySplit: 1 }];
    for (const line of lines) {
      if (line.kind !== kind) continue;
      for (const cells of rowsOf(line)) {
        // Text columns get strings even when the value looks like a number.
        sheet.addRow(cells.map((value, i) => (columns[i]?.text && value !== null ? String(value) : value)));
      }
    }
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
