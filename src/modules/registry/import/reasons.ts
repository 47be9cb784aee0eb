import { KK_MESSAGES } from '../../../domain/kk';
import { NIK_MESSAGES } from '../../../domain/nik';
import { EXTRA_CELLS_MESSAGE } from '../../../platform/files/stage-rows';

/** Why a row was rejected (or only warned), with the sentence for the error report. */
export const REJECTION_MESSAGES = {
  NIK_FORMAT: NIK_MESSAGES.NIK_FORMAT,
  NIK_NUMERIC_CELL: NIK_MESSAGES.NIK_NUMERIC_CELL,
  NIK_DATE: NIK_MESSAGES.NIK_DATE,
  NIK_SERIAL: NIK_MESSAGES.NIK_SERIAL,
  NIK_REGION_UNKNOWN: NIK_MESSAGES.NIK_REGION_UNKNOWN,
  KK_FORMAT: `${KK_MESSAGES.KK_FORMAT} Jika terbaca sebagai angka, spreadsheet telah menghapus angka terakhirnya.`,
  WILAYAH_UNKNOWN: 'Kode wilayah desa/kelurahan tidak dikenal dalam daftar wilayah Kemendagri.',
  WILAYAH_OUT_OF_SCOPE: 'Desa/kelurahan ini berada di luar kabupaten/kota kantor ini.',
  REQUIRED_FIELD: 'Kolom wajib kosong (NIK, No. KK, nama, atau kode wilayah).',
  DATE_INVALID: 'Tanggal lahir tidak terbaca: gunakan dd/mm/yyyy, dd-mm-yyyy, yyyy-mm-dd atau sel tanggal.',
  VALUE_INVALID: 'Nilai tidak dikenal pada jenis kelamin, hubungan keluarga, status, atau desil.',
  DUPLICATE_IN_FILE: 'NIK ini sudah muncul pada baris sebelumnya di berkas yang sama; baris ini diabaikan.',
  EXTRA_CELLS: EXTRA_CELLS_MESSAGE,
} as const;

export type RejectionCode = keyof typeof REJECTION_MESSAGES;

export const WARNING_MESSAGES = {
  NIK_BIRTHDATE_MISMATCH: NIK_MESSAGES.NIK_BIRTHDATE_MISMATCH,
  NIK_SEX_MISMATCH: NIK_MESSAGES.NIK_SEX_MISMATCH,
} as const;

export type WarningCode = keyof typeof WARNING_MESSAGES;
