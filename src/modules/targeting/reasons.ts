/**
 * Targeting errors (DOMAIN.md "Targeting errors"): the reason codes of an inclusion error
 * candidate and the PKH components that make a left-out family eligible, with the words
 * operators read. Codes are English and stable; messages are Bahasa Indonesia.
 */
export const INCLUSION_REASONS = [
  'NOT_IN_DTSEN',
  'DESIL_ABOVE_THRESHOLD',
  'DECEASED',
  'NIK_INVALID',
  'PERSON_IN_TWO_KPM',
  'HOUSEHOLD_TWICE',
] as const;
export type InclusionReason = (typeof INCLUSION_REASONS)[number];

export const INCLUSION_REASON_LABELS: Record<InclusionReason, string> = {
  NOT_IN_DTSEN:
    'Tidak ada di DTSEN: NIK tidak dikenal di registri, pengurus/keluarga tidak ada lagi di edisi DTSEN terakhir, atau keluarga tanpa desil',
  DESIL_ABOVE_THRESHOLD: 'Desil terakhir di atas batas program',
  DECEASED: 'Pengurus meninggal, atau seluruh anggota keluarga meninggal',
  NIK_INVALID: 'NIK tidak sah',
  PERSON_IN_TWO_KPM: 'Satu orang tercatat di dua KPM (keluarga berbeda) pada periode yang sama',
  HOUSEHOLD_TWICE: 'Satu keluarga dialokasikan dua kali pada periode yang sama',
};

export type TargetingKind = 'inclusion' | 'exclusion';

/** The CLI's `--jenis` words. */
export const KIND_WORDS: Record<string, TargetingKind> = { inklusi: 'inclusion', eksklusi: 'exclusion' };
