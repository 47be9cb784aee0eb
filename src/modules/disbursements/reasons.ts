import { MONEY_MESSAGES } from '../../domain/money';
import { NIK_MESSAGES } from '../../domain/nik';
import { EXTRA_CELLS_MESSAGE } from '../../platform/files/stage-rows';

/** Why a report line was rejected, with the sentence for the error report (Bahasa Indonesia). */
export const DISBURSEMENT_REJECTION_MESSAGES = {
  NIK_FORMAT: NIK_MESSAGES.NIK_FORMAT,
  NIK_NUMERIC_CELL: NIK_MESSAGES.NIK_NUMERIC_CELL,
  ACCOUNT_FORMAT:
    'Nomor rekening/KKS tidak terbaca: hanya angka dan huruf; jika terbaca sebagai angka (mis. 1,23E+14) spreadsheet telah mengubahnya — format kolom sebagai Teks.',
  REQUIRED_FIELD: 'Kolom wajib kosong: NIK atau nomor rekening/KKS, nominal, dan status harus diisi.',
  AMOUNT_FORMAT: MONEY_MESSAGES.AMOUNT_FORMAT,
  AMOUNT_AMBIGUOUS: MONEY_MESSAGES.AMOUNT_AMBIGUOUS,
  AMOUNT_NEGATIVE: MONEY_MESSAGES.AMOUNT_NEGATIVE,
  AMOUNT_FRACTION: MONEY_MESSAGES.AMOUNT_FRACTION,
  DATE_INVALID: 'Tanggal salur tidak terbaca: gunakan dd/mm/yyyy, dd-mm-yyyy, yyyy-mm-dd atau sel tanggal.',
  STATUS_UNKNOWN:
    'Status penyaluran tidak dikenal: gunakan BERHASIL/SUKSES (tersalur) atau GAGAL/GAGAL SALUR/RETUR (tidak tersalur).',
  MATCHES_TWO_ALLOCATIONS:
    'Baris ini cocok dengan lebih dari satu baris alokasi periode ini (nomor rekening/KKS atau NIK yang sama): tidak dapat ditentukan alokasi mana yang dibayar. Perbaiki alokasi atau laporan, lalu impor ulang baris ini.',
  AMOUNT_ZERO_PAID:
    'Status berhasil dengan nominal 0: KPM akan terhitung sudah menerima padahal tidak ada uang yang dibayar. Periksa nominal pada laporan penyalur.',
  EXTRA_CELLS: EXTRA_CELLS_MESSAGE,
} as const;

export type DisbursementRejectionCode = keyof typeof DISBURSEMENT_REJECTION_MESSAGES;

/** Kept lines that deserve a look; counted in the report's summary. */
export const DISBURSEMENT_WARNING_MESSAGES = {
  CHANNEL_DIFFERS:
    'Baris cocok dengan alokasi yang ditetapkan untuk penyalur lain; tetap dicatat pada alokasi itu.',
  NIK_INVALID:
    'NIK 16 angka tetapi tidak sah (tanggal lahir, nomor urut, atau kode kecamatan); baris tetap dicatat.',
  NIK_DIFFERS:
    'Baris cocok dengan alokasi lewat nomor rekening/KKS, tetapi NIK-nya NIK orang lain: tetap dicatat pada alokasi itu. Periksa bersama penyalur apakah uang masuk ke rekening KPM yang benar.',
} as const;

export type DisbursementWarningCode = keyof typeof DISBURSEMENT_WARNING_MESSAGES;
