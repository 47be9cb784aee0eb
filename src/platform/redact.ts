/**
 * What may go into a log line from an error: its code and message with every 16-digit number
 * (a NIK or a KK, e.g. in PostgreSQL's "Key (nik)=(…) already exists") masked.
 */
const SIXTEEN_DIGITS = /\d{16}/g;

export function redactText(text: string): string {
  return text.replace(SIXTEEN_DIGITS, (digits) => `${digits.slice(0, 4)}********${digits.slice(12)}`);
}

export function redactError(error: unknown): {
  type: string;
  code?: string;
  message: string;
  stack?: string;
} {
  const e = error as { name?: string; code?: string; message?: string; stack?: string; detail?: string };
  return {
    type: e?.name ?? typeof error,
    ...(e?.code ? { code: String(e.code) } : {}),
    message: redactText(`${e?.message ?? String(error)}${e?.detail ? ` (${e.detail})` : ''}`),
    ...(e?.stack ? { stack: redactText(e.stack) } : {}),
  };
}
