import type { FieldSynonyms } from '../../platform/files/header-map';

/**
 * Columns of a channel report (laporan penyaluran) and the header spellings accepted for each
 * (issue 4; listed for operators in docs/format-laporan-penyaluran.md — keep both in step).
 */
export const DISBURSEMENT_FIELDS = ['nik', 'account', 'amount', 'paidOn', 'status', 'reason'] as const;

export type DisbursementField = (typeof DISBURSEMENT_FIELDS)[number];

export const DISBURSEMENT_SYNONYMS: FieldSynonyms<DisbursementField> = {
  nik: ['NIK', 'NIK_PENGURUS', 'NIK_KPM', 'NIK_PENERIMA', 'NO_NIK', 'NOMOR_NIK'],
  account: [
    'NO_REKENING',
    'NO_KKS',
    'NOREK',
    'NO_REK',
    'NOMOR_REKENING',
    'REKENING',
    'NOMOR_KKS',
    'NO_KARTU',
  ],
  amount: ['NOMINAL', 'JUMLAH_DISALURKAN', 'NILAI_DISALURKAN', 'JUMLAH_SALUR', 'NOMINAL_SALUR', 'JUMLAH'],
  paidOn: ['TANGGAL', 'TGL_SALUR', 'TANGGAL_SALUR', 'TGL_PENYALURAN', 'TANGGAL_PENYALURAN', 'TGL_TRANSAKSI'],
  status: ['STATUS', 'STATUS_SALUR', 'STATUS_PENYALURAN', 'STATUS_TRANSAKSI'],
  reason: ['KETERANGAN', 'ALASAN', 'ALASAN_GAGAL', 'KETERANGAN_GAGAL', 'KET'],
};

/** Without these a line can never be stored: the import stops before reading rows. */
export const DISBURSEMENT_REQUIRED_COLUMNS: readonly DisbursementField[] = ['amount', 'status'];

/** A line is tied to a KPM by its NIK or its account/card number: one of the two columns must exist. */
export const DISBURSEMENT_IDENTITY_COLUMNS: readonly DisbursementField[] = ['nik', 'account'];

/** Indonesian labels of the fields, for error reports. */
export const DISBURSEMENT_FIELD_LABELS: Record<DisbursementField, string> = {
  nik: 'NIK',
  account: 'No. rekening / KKS',
  amount: 'Nominal',
  paidOn: 'Tanggal salur',
  status: 'Status',
  reason: 'Keterangan',
};
