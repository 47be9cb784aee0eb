/**
 * Display formats (DOMAIN.md "Money", "Dates"): dates as `25 November 2026`, money as integer
 * rupiah `Rp17.051.232.974`. Written out by hand rather than through Intl so the output does
 * not depend on the ICU data Node was built with.
 */

const MONTHS_ID = [
  'Januari',
  'Februari',
  'Maret',
  'April',
  'Mei',
  'Juni',
  'Juli',
  'Agustus',
  'September',
  'Oktober',
  'November',
  'Desember',
] as const;

/** `'2026-11-25'` → `'25 November 2026'`. Takes calendar-date text, never a Date (no time-zone shift). */
export function formatDateId(isoDate: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  const month = match ? MONTHS_ID[Number(match[2]) - 1] : undefined;
  if (!match || !month) throw new RangeError(`formatDateId: expected YYYY-MM-DD, got ${isoDate}`);
  return `${Number(match[3])} ${month} ${match[1]}`;
}

/** `17051232974` → `'Rp17.051.232.974'`; negative amounts `'-Rp5.000'`. Integer rupiah only. */
export function formatRupiah(amount: number): string {
  if (!Number.isSafeInteger(amount))
    throw new RangeError(`formatRupiah: expected integer rupiah, got ${amount}`);
  const grouped = String(Math.abs(amount)).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return `${amount < 0 ? '-' : ''}Rp${grouped}`;
}
