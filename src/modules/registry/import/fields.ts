import type { FieldSynonyms } from '../../../platform/files/header-map';

/**
 * Columns of a DTSEN/DTKS file and the header spellings accepted for each (issue 3; listed for
 * operators in docs/format-impor-dtsen.md — keep both in step).
 */
export const DTSEN_FIELDS = [
  'nik',
  'kk',
  'name',
  'birthDate',
  'birthPlace',
  'sex',
  'relationship',
  'regionCode',
  'address',
  'rt',
  'rw',
  'desil',
  'idDtsen',
  'idDtks',
  'motherName',
  'status',
] as const;

export type DtsenField = (typeof DTSEN_FIELDS)[number];

export const DTSEN_SYNONYMS: FieldSynonyms<DtsenField> = {
  nik: ['NIK', 'NO_NIK', 'NOMOR_NIK'],
  kk: ['NO_KK', 'NOKK', 'NOMOR_KK', 'KK'],
  name: ['NAMA', 'NAMA_LENGKAP', 'NAMA_ART'],
  birthDate: ['TGL_LAHIR', 'TANGGAL_LAHIR'],
  birthPlace: ['TEMPAT_LAHIR', 'TMP_LAHIR'],
  sex: ['JENIS_KELAMIN', 'JK', 'JNS_KEL'],
  relationship: ['HUB_KELUARGA', 'HUBUNGAN_KELUARGA', 'SHDK'],
  regionCode: ['KODE_WILAYAH', 'KODE_DESA', 'KODE_KELURAHAN'],
  address: ['ALAMAT'],
  rt: ['RT'],
  rw: ['RW'],
  desil: ['DESIL', 'DESIL_NASIONAL'],
  idDtsen: ['ID_DTSEN'],
  idDtks: ['ID_DTKS', 'IDDTKS'],
  motherName: ['NAMA_IBU_KANDUNG', 'NAMA_IBU'],
  status: ['STATUS', 'KETERANGAN'],
};

/** Without these columns no row could be accepted: the import stops before reading rows. */
export const DTSEN_REQUIRED_COLUMNS: readonly DtsenField[] = ['nik', 'kk', 'name', 'regionCode'];

/** Indonesian labels of the fields, for error reports. */
export const DTSEN_FIELD_LABELS: Record<DtsenField, string> = {
  nik: 'NIK',
  kk: 'No. KK',
  name: 'Nama',
  birthDate: 'Tanggal lahir',
  birthPlace: 'Tempat lahir',
  sex: 'Jenis kelamin',
  relationship: 'Hubungan keluarga',
  regionCode: 'Kode wilayah',
  address: 'Alamat',
  rt: 'RT',
  rw: 'RW',
  desil: 'Desil',
  idDtsen: 'ID DTSEN',
  idDtks: 'ID DTKS',
  motherName: 'Nama ibu kandung',
  status: 'Status',
};
