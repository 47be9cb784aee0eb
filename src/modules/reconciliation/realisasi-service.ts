import type { SalurDatabase } from '../../db/database';
import type { Channel } from '../../db/types';
import { formatRupiah } from '../../domain/format';
import { parsePeriod } from '../../domain/period';
import { canonicalRegionCode, isWithinRegion } from '../../domain/region-code';
import { type Actor, authorize, regionScope } from '../../platform/auth/actor';
import type { Config } from '../../platform/config';
import { NotFoundError, ValidationError } from '../../platform/errors';
import { requirePeriodCode, requireProgram } from '../programs/period-rules';
import {
  type Figures,
  failureReasons,
  figuresBy,
  figuresTotal,
  type LineFilter,
  periodsOfYear,
  regionNames,
  unallocatedByChannel,
} from './realisasi-sql';
import { formatCount } from './report-format';

export interface RealisasiQuery {
  program: string;
  year: number;
  /** Last period included (`2026-T2`); absent = every period of the year. */
  upTo?: string | undefined;
  /** Narrows to a kecamatan or desa/kelurahan inside the reader's scope. */
  regionCode?: string | undefined;
}

export interface RealisasiReport {
  program: string;
  programName: string;
  year: number;
  upTo: string | null;
  /** The region the figures cover: the office's kabupaten/kota, or the reader's region. */
  regionCode: string;
  regionName: string | null;
  /** e.g. "PKH 2026 sampai Tahap II: 23.964 KPM, Rp17.051.232.974". */
  headline: string;
  totals: Figures;
  byPeriod: Array<
    Figures & { period: string; label: string; status: 'OPEN' | 'FINAL'; reconciledAt: string | null }
  >;
  byKecamatan: Array<Figures & { code: string; name: string | null }>;
  byKelurahan: Array<Figures & { code: string; name: string | null; kecamatanCode: string }>;
  byChannel: Array<Figures & { channel: Channel }>;
  failureReasons: Array<{ reason: string | null; kpm: number }>;
  /** TIDAK_DIALOKASIKAN report lines: reported separately, never in the totals. */
  unallocated: { lines: number; paidLines: number; paid: number };
}

/**
 * The realisation report (issue 4 "Reports"): KPM paid at least once and the rupiah paid to
 * them, from the stored reconciliation of every period of a year up to a chosen one, by
 * period, kecamatan, desa/kelurahan and channel, with the reasons of failed payments.
 * Role × region: readers see the lines whose scope_code lies in their region only.
 */
export function createRealisasiService(deps: { database: SalurDatabase; config: Config }) {
  const db = deps.database.db;

  /** The actor's prefix (null = the whole office), narrowed by an optional region inside it. */
  function prefixFor(actor: Actor, regionCode: string | undefined): string | null {
    const scope = regionScope(actor);
    const officeWide = scope.length <= deps.config.kabupatenCode.length;
    if (!regionCode) return officeWide ? null : scope;
    const code = canonicalRegionCode(regionCode);
    if (!code) {
      throw new ValidationError(
        'REGION_CODE_FORMAT',
        `Kode wilayah "${regionCode}" tidak sesuai format Kemendagri.`,
      );
    }
    if (isWithinRegion(scope, code)) return officeWide ? null : scope;
    // A region outside the reader's scope is answered as unknown, never as "forbidden".
    if (!isWithinRegion(code, scope)) throw new NotFoundError(`Wilayah ${regionCode}`);
    return code;
  }

  return {
    prefixFor,

    async report(actor: Actor, query: RealisasiQuery): Promise<RealisasiReport> {
      authorize(actor, 'distribution.read');
      const program = await requireProgram(db, query.program.trim().toUpperCase());
      const upTo = query.upTo
        ? await requirePeriodCode(db, program.code, query.upTo.trim().toUpperCase())
        : null;
      if (upTo && upTo.year !== query.year) {
        throw new ValidationError(
          'PERIOD_YEAR_MISMATCH',
          `Periode ${upTo.code} bukan periode tahun ${query.year}.`,
          { year: query.year, upTo: upTo.code },
        );
      }
      const prefix = prefixFor(actor, query.regionCode);
      const periods = (await periodsOfYear(db, program.code, query.year))
        .map((row) => ({ row, period: parsePeriod(row.period)! }))
        .filter(({ period }) => !upTo || period.end <= upTo.end)
        .sort(
          (a, b) => a.period.start.localeCompare(b.period.start) || a.period.end.localeCompare(b.period.end),
        );
      const filter: LineFilter = {
        program: program.code,
        periods: periods.map((p) => p.period.code),
        prefix,
      };

      const [totals, perPeriod, perKecamatan, perKelurahan, perChannel, reasons, unallocated] =
        await Promise.all([
          figuresTotal(db, filter),
          figuresBy(db, filter, 'period'),
          figuresBy(db, filter, 'kecamatan'),
          figuresBy(db, filter, 'kelurahan'),
          figuresBy(db, filter, 'channel'),
          failureReasons(db, filter),
          unallocatedByChannel(db, filter),
        ]);
      const regionCode = prefix ?? deps.config.kabupatenCode;
      const names = await regionNames(db, [
        regionCode,
        ...perKecamatan.map((r) => r.key),
        ...perKelurahan.map((r) => r.key),
      ]);
      const periodFigures = new Map(perPeriod.map((r) => [r.key, r]));
      const zero: Figures = { kpm: 0, paid: 0, allocatedKpm: 0, allocated: 0 };

      return {
        program: program.code,
        programName: program.name,
        year: query.year,
        upTo: upTo?.code ?? null,
        regionCode,
        regionName: names.get(regionCode) ?? null,
        headline: headline(program.code, query.year, upTo?.label ?? null, totals),
        totals,
        byPeriod: periods.map(({ row, period }) => {
          const { key: _key, ...f } = periodFigures.get(period.code) ?? { key: '', ...zero };
          return {
            period: period.code,
            label: period.label,
            status: row.status,
            reconciledAt: row.reconciled_at ? row.reconciled_at.toISOString() : null,
            ...f,
          };
        }),
        byKecamatan: perKecamatan.map(({ key, ...f }) => ({ code: key, name: names.get(key) ?? null, ...f })),
        byKelurahan: perKelurahan.map(({ key, ...f }) => ({
          code: key,
          // A 6-digit scope is a NIK unknown in the registry: its desa/kelurahan is not known.
          name: key.length === 10 ? (names.get(key) ?? null) : null,
          kecamatanCode: key.slice(0, 6),
          ...f,
        })),
        byChannel: perChannel.map(({ key, ...f }) => ({ channel: key as Channel, ...f })),
        failureReasons: reasons,
        unallocated: unallocated.reduce(
          (sum, r) => ({
            lines: sum.lines + r.lines,
            paidLines: sum.paidLines + r.paidLines,
            paid: sum.paid + r.paid,
          }),
          { lines: 0, paidLines: 0, paid: 0 },
        ),
      };
    },
  };
}

export type RealisasiService = ReturnType<typeof createRealisasiService>;

/** `PKH 2026 sampai Tahap II: 23.964 KPM, Rp17.051.232.974` (DOMAIN.md display formats). */
export function headline(program: string, year: number, upToLabel: string | null, totals: Figures): string {
  const until = upToLabel ? ` sampai ${upToLabel.replace(/ \d{4}$/, '')}` : '';
  return `${program} ${year}${until}: ${formatCount(totals.kpm)} KPM, ${formatRupiah(totals.paid)}`;
}
