import { KK_MESSAGES } from '../../domain/kk';
import { MONEY_MESSAGES } from '../../domain/money';
import { NIK_MESSAGES } from '../../domain/nik';
import { EXTRA_CELLS_MESSAGE } from '../../platform/files/stage-rows';

/** Why a line of an allocation file was rejected, with the sentence for the error report. */
export const ALLOCATION_REJECTION_MESSAGES = {
  NIK_FORMAT: NIK_MESSAGES.NIK_FORMAT,
  NIK_NUMERIC_CELL: NIK_MESSAGES.NIK_NUMERIC_CELL,
  KK_FORMAT: `${KK_MESSAGES.KK_FORMAT} Jika terbaca sebagai angka, spreadsheet telah menghapus angka terakhirnya.`,
  REQUIRED_FIELD: 'Kolom wajib kosong (NIK, nominal, atau penyalur).',
  AMOUNT_FORMAT: MONEY_MESSAGES.AMOUNT_FORMAT,
  AMOUNT_AMBIGUOUS: MONEY_MESSAGES.AMOUNT_AMBIGUOUS,
  AMOUNT_NEGATIVE: MONEY_MESSAGES.AMOUNT_NEGATIVE,
  AMOUNT_FRACTION: MONEY_MESSAGES.AMOUNT_FRACTION,
  CHANNEL_UNKNOWN: 'Penyalur tidak dikenal: gunakan BRI, BNI, MANDIRI, BTN, BSI atau POS.',
  DUPLICATE_IN_FILE: 'NIK ini sudah muncul pada baris sebelumnya di berkas yang sama; baris ini diabaikan.',
  ALREADY_ALLOCATED:
    'Baris ini sama persis (NIK, nominal, penyalur, rekening) dengan alokasi yang sudah tersimpan di periode ini dari impor sebelumnya: tidak disimpan dua kali.',
  EXTRA_CELLS: EXTRA_CELLS_MESSAGE,
} as const;

export type AllocationRejectionCode = keyof typeof ALLOCATION_REJECTION_MESSAGES;

/** Lines kept but marked for checking (allocation.flags), with what each means. */
export const ALLOCATION_FLAG_MESSAGES = {
  NIK_NOT_IN_REGISTRY: 'NIK tidak ada di registri DTSEN kantor ini: baris disimpan tanpa keluarga.',
  NIK_INVALID:
    'NIK 16 angka tetapi tanggal lahir, nomor urut atau kode kecamatannya tidak sah: periksa ke Dukcapil.',
  KK_MISMATCH: 'No. KK di berkas berbeda dengan No. KK keluarga di registri.',
  AMOUNT_MISMATCH: 'Nominal berbeda dengan hak yang dihitung dari data keluarga di registri.',
} as const;

export type AllocationFlag = keyof typeof ALLOCATION_FLAG_MESSAGES;
export const ALLOCATION_FLAGS = Object.keys(ALLOCATION_FLAG_MESSAGES) as AllocationFlag[];
