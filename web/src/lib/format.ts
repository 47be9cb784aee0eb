// Display formats of DOMAIN.md: dates as `25 November 2026`, times in the office's zone.
// The API does not expose the office time zone yet, so the default office zone (WIB) is used.
export const OFFICE_TIME_ZONE = 'Asia/Jakarta';
export const OFFICE_ZONE_LABEL = 'WIB';

export type Language = 'id' | 'en';

function locale(language: Language): string {
  return language === 'en' ? 'en-GB' : 'id-ID';
}

/** A timestamp (ISO 8601) as its calendar date in the office zone: `25 November 2026`. */
export function formatDate(iso: string | null | undefined, language: Language): string {
  if (!iso) return '—';
  return new Intl.DateTimeFormat(locale(language), {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: OFFICE_TIME_ZONE,
  }).format(new Date(iso));
}

/** A timestamp with its time in the office zone: `25 November 2026 19.23 WIB`. */
export function formatDateTime(iso: string | null | undefined, language: Language): string {
  if (!iso) return '—';
  const date = new Date(iso);
  const time = new Intl.DateTimeFormat(locale(language), {
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone: OFFICE_TIME_ZONE,
  }).format(date);
  return `${formatDate(iso, language)} ${time} ${OFFICE_ZONE_LABEL}`;
}

/** A calendar date without time (`1980-09-15`, e.g. a birth date): never shifted by a zone. */
export function formatCalendarDate(ymd: string | null | undefined, language: Language): string {
  if (!ymd) return '—';
  const [year, month, day] = ymd.slice(0, 10).split('-').map(Number);
  if (!year || !month || !day) return ymd;
  return new Intl.DateTimeFormat(locale(language), {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(Date.UTC(year, month - 1, day)));
}

/** Canonical region codes are digits only; people read them with dots: 13.71.01.1001. */
export function formatRegionCode(code: string | null | undefined): string {
  if (!code) return '—';
  const parts = [code.slice(0, 2), code.slice(2, 4), code.slice(4, 6), code.slice(6)];
  return parts.filter((part) => part.length > 0).join('.');
}

export function formatNumber(value: number, language: Language): string {
  return new Intl.NumberFormat(locale(language)).format(value);
}

/** Today's date in the office zone as `YYYY-MM-DD`. */
export function todayInOffice(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: OFFICE_TIME_ZONE }).format(new Date());
}

/** The day after a `YYYY-MM-DD` date (the audit `to` filter is exclusive). */
export function nextDay(ymd: string): string {
  const date = new Date(`${ymd}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + 1);
  return date.toISOString().slice(0, 10);
}

/** Integer rupiah as DOMAIN.md displays them: `Rp17.051.232.974`. */
export function formatRupiah(amount: number | null | undefined, language: Language): string {
  if (amount === null || amount === undefined) return '—';
  return `${amount < 0 ? '-' : ''}Rp${formatNumber(Math.abs(amount), language)}`;
}
