import type { FieldSynonyms } from '../../platform/files/header-map';

/**
 * Columns of an allocation (alokasi) file from the centre and the header spellings accepted for
 * each (issue 4 "Allocations"; listed for operators in docs/format-impor-alokasi.md — keep both
 * in step). Headers are compared case-insensitively with spaces, dots and dashes alike.
 */
export const ALLOCATION_FIELDS = ['nik', 'kk', 'name', 'amount', 'channel', 'account'] as const;

export type AllocationField = (typeof ALLOCATION_FIELDS)[number];

export const ALLOCATION_SYNONYMS: FieldSynonyms<AllocationField> = {
  nik: ['NIK', 'NIK_PENGURUS', 'NIK_KPM', 'NIK_PENERIMA', 'NO_NIK', 'NOMOR_NIK'],
  kk: ['NO_KK', 'NOKK', 'NOMOR_KK', 'KK'],
  name: ['NAMA', 'NAMA_PENGURUS', 'NAMA_KPM', 'NAMA_PENERIMA'],
  amount: ['NOMINAL', 'JUMLAH', 'NILAI_BANTUAN', 'NILAI', 'NOMINAL_BANTUAN'],
  channel: ['BANK', 'PENYALUR', 'KANAL', 'BANK_PENYALUR', 'LEMBAGA_PENYALUR'],
  account: ['NO_REKENING', 'NO_KKS', 'NOREK', 'NOMOR_REKENING', 'NOMOR_KKS', 'NO_KARTU'],
};

/**
 * Without these no line could be accepted: the import stops before reading rows. The channel
 * is required too unless the operator names one for the whole file (`--channel`).
 */
export function requiredAllocationColumns(defaultChannel: string | undefined): AllocationField[] {
  return defaultChannel ? ['nik', 'amount'] : ['nik', 'amount', 'channel'];
}

/** Indonesian labels of the fields, for error reports. */
export const ALLOCATION_FIELD_LABELS: Record<AllocationField, string> = {
  nik: 'NIK',
  kk: 'No. KK',
  name: 'Nama',
  amount: 'Nominal',
  channel: 'Penyalur',
  account: 'No. rekening/KKS',
};
