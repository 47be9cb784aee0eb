import type { Channel, ReconciliationStatus } from '../../db/types';
import { formatDateId, formatRupiah } from '../../domain/format';

/** The paying institutions as they are named on an official document. */
export const CHANNEL_NAMES: Record<Channel, string> = {
  BRI: 'PT Bank Rakyat Indonesia (Persero) Tbk',
  BNI: 'PT Bank Negara Indonesia (Persero) Tbk',
  MANDIRI: 'PT Bank Mandiri (Persero) Tbk',
  BTN: 'PT Bank Tabungan Negara (Persero) Tbk',
  BSI: 'PT Bank Syariah Indonesia Tbk',
  POS: 'PT Pos Indonesia (Persero)',
};

/** DOMAIN.md "Distribution and reconciliation", one line per status. */
export const STATUS_DESCRIPTIONS: Record<ReconciliationStatus, string> = {
  TERSALUR: 'Tersalur penuh sesuai alokasi',
  SELISIH_NOMINAL: 'Tersalur dengan nominal berbeda',
  GANDA: 'Tersalur lebih dari satu kali',
  GAGAL_SALUR: 'Gagal salur (alasan dari lembaga penyalur)',
  BELUM_ADA_LAPORAN: 'Belum ada laporan penyaluran',
};

const WEEKDAYS = ['Minggu', 'Senin', 'Selasa', 'Rabu', 'Kamis', "Jum'at", 'Sabtu'];

const ZONE_NAMES: Record<string, string> = {
  'Asia/Jakarta': 'WIB',
  'Asia/Pontianak': 'WIB',
  'Asia/Makassar': 'WITA',
  'Asia/Jayapura': 'WIT',
};

export interface LocalTime {
  /** `YYYY-MM-DD` in the office's zone. */
  date: string;
  /** `25 November 2026`. */
  dateText: string;
  weekday: string;
  /** `10.15 WIB`. */
  time: string;
}

/** A moment as the office reads it (DOMAIN.md: times in the office's zone, WIB, WITA or WIT). */
export function localTime(at: Date, timeZone: string): LocalTime {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  const date = `${parts.year}-${parts.month}-${parts.day}`;
  const weekday = WEEKDAYS[new Date(`${date}T00:00:00Z`).getUTCDay()] ?? '';
  return {
    date,
    dateText: formatDateId(date),
    weekday,
    time: `${parts.hour}.${parts.minute} ${ZONE_NAMES[timeZone] ?? timeZone}`,
  };
}

/** `9876` of 10 000 → `98,76%` (Indonesian decimal comma); integer arithmetic on rupiah. */
export function formatPercent(part: number, whole: number): string {
  if (whole <= 0) return '–';
  const basisPoints = Math.round((part * 10000) / whole);
  const text = (basisPoints / 100).toFixed(2).replace('.', ',');
  return `${text}%`;
}

/** "Kota Padang" → "Padang", "Kabupaten Agam" → "Agam": the place line above signatures. */
export function placeName(kabupatenName: string): string {
  return kabupatenName.replace(/^(Kota|Kabupaten|Kab\.)\s+/i, '');
}

/** Counts with the dot thousands separator: `23.964`. */
export function formatCount(n: number): string {
  return formatRupiah(n).replace('Rp', '');
}
