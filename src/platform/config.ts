import path from 'node:path';
import { canonicalRegionCode } from '../domain/region-code';

/** Everything the process reads from its environment, read once and typed. */
export interface Config {
  port: number;
  host: string;
  /** `postgres://…` to run on a PostgreSQL server; absent → embedded PGlite in `dataDir`. */
  databaseUrl: string | undefined;
  dataDir: string;
  /** Uploaded files waiting for their job (shared storage when several processes run). */
  filesDir: string;
  /** Canonical (digits-only) code of the office's kabupaten/kota, e.g. `1371`. */
  kabupatenCode: string;
  adminPassword: string | undefined;
  /** Office time zone for display: WIB, WITA or WIT. */
  timeZone: string;
  sessionTtlHours: number;
  login: { maxFailuresBeforeLock: number; lockMinutes: number; maxAttemptsPerIpPer15Min: number };
  bodyLimitBytes: number;
  /** Cookies get `Secure` when served over HTTPS (behind a TLS proxy set SALUR_SECURE_COOKIES=1). */
  secureCookies: boolean;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const kabupaten = canonicalRegionCode(env.SALUR_KABUPATEN ?? '13.71');
  if (kabupaten?.length !== 4) {
    throw new Error(
      `SALUR_KABUPATEN harus kode kabupaten/kota seperti 13.71 (didapat: ${env.SALUR_KABUPATEN})`,
    );
  }
  return {
    port: intFrom(env.PORT, 3000),
    host: env.HOST ?? '0.0.0.0',
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: path.resolve(env.SALUR_DATA_DIR ?? './data'),
    filesDir: path.resolve(env.SALUR_FILES_DIR ?? `${env.SALUR_DATA_DIR ?? './data'}-files`),
    kabupatenCode: kabupaten,
    adminPassword: env.SALUR_ADMIN_PASSWORD || undefined,
    timeZone: env.SALUR_TIME_ZONE ?? 'Asia/Jakarta',
    sessionTtlHours: intFrom(env.SALUR_SESSION_TTL_HOURS, 12),
    login: {
      maxFailuresBeforeLock: intFrom(env.SALUR_LOGIN_MAX_FAILURES, 5),
      lockMinutes: intFrom(env.SALUR_LOGIN_LOCK_MINUTES, 15),
      maxAttemptsPerIpPer15Min: intFrom(env.SALUR_LOGIN_MAX_PER_IP, 30),
    },
    bodyLimitBytes: intFrom(env.SALUR_BODY_LIMIT_BYTES, 1024 * 1024),
    secureCookies: env.SALUR_SECURE_COOKIES === '1',
  };
}

function intFrom(value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const n = Number.parseInt(value, 10);
  if (!Number.isFinite(n)) throw new Error(`Nilai bukan angka: ${value}`);
  return n;
}
