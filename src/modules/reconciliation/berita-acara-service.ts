import type { SalurDatabase } from '../../db/database';
import type { Channel } from '../../db/types';
import { maskNik } from '../../domain/nik';
import { type Actor, authorize, can, regionScope } from '../../platform/auth/actor';
import type { Clock } from '../../platform/clock';
import type { Config } from '../../platform/config';
import { ConflictError } from '../../platform/errors';
import type { AuditService } from '../audit/service';
import { requireExistingPeriod, requireProgram } from '../programs/period-rules';
import type { RegionsService } from '../regions/service';
import {
  auditPin,
  type BeritaAcaraContent,
  type BeritaAcaraFigures,
  channelsOfPeriod,
  type DetailLine,
  detailLinesAfter,
  figuresFromSummary,
  importedSince,
  scopeCodes,
  type UnallocatedLine,
  unallocatedLinesAfter,
  userName,
} from './berita-acara-data';
import { beritaAcaraTitle, renderBeritaAcaraPdf } from './berita-acara-pdf';
import { STYLED_MAX_LINES, writeBeritaAcaraXlsx } from './berita-acara-xlsx';
import {
  figuresBy,
  figuresTotal,
  type LineFilter,
  regionNames,
  STATUS_ORDER,
  unallocatedByChannel,
} from './realisasi-sql';

const EXPORT_PAGE = 5000;

/**
 * Berita Acara Rekonsiliasi (issue 4 "Reports"): the official minutes of one programme period
 * as a PDF, and its detail lines as an XLSX. Both read the stored reconciliation
 * (reconciliation_line, written by the last run and frozen with the period); a period never
 * reconciled is refused with NOT_RECONCILED. Every download is audited.
 *
 * Who may download (docs/berita-acara-dan-realisasi.md):
 *  - the PDF: `distribution.berita_acara` (admin Dinsos, auditor). It is the office's document
 *    for the whole kabupaten/kota; a partial copy under the same heading would mislead.
 *  - the XLSX: every `distribution.read` role, limited to the reader's region, so operators can
 *    follow up their own failed payments. NIK masked unless the role has `nik.full`.
 */
export function createBeritaAcaraService(deps: {
  database: SalurDatabase;
  config: Config;
  clock: Clock;
  audit: AuditService;
  regions: RegionsService;
}) {
  const { database, config, clock, audit, regions } = deps;
  const db = database.db;

  function prefixOf(actor: Actor): string | null {
    const scope = regionScope(actor);
    return config.kabupatenCode.startsWith(scope) ? null : scope;
  }

  /** The programme and a reconciled period, or NOT_RECONCILED. */
  async function requireReconciled(programCode: string, periodCode: string) {
    const program = await requireProgram(db, programCode.trim().toUpperCase());
    const { period, row } = await requireExistingPeriod(db, program.code, periodCode.trim().toUpperCase(), {
      open: false,
    });
    if (row.reconciled_at === null) {
      throw new ConflictError(
        'NOT_RECONCILED',
        `Periode ${period.code} program ${program.code} belum pernah direkonsiliasi: jalankan rekonsiliasi ` +
          'terlebih dahulu, lalu unduh Berita Acara.',
        { program: program.code, period: period.code },
      );
    }
    return { program, period, row, reconciledAt: row.reconciled_at };
  }

  /** The figures aggregated from the stored lines (a reader limited to a region). */
  async function computeFigures(filter: LineFilter): Promise<BeritaAcaraFigures> {
    const [byStatus, total, byChannel, byKecamatan] = await Promise.all([
      figuresBy(db, filter, 'status', 'line'),
      figuresTotal(db, filter, 'line'),
      figuresBy(db, filter, 'channel', 'line'),
      figuresBy(db, filter, 'kecamatan', 'line'),
    ]);
    const names = await regionNames(
      db,
      byKecamatan.map((r) => r.key),
    );
    const statuses = new Map(byStatus.map(({ key, ...f }) => [key, f]));
    const zero = { kpm: 0, paid: 0, allocatedKpm: 0, allocated: 0 };
    return {
      byStatus: STATUS_ORDER.map((status) => ({ status, ...(statuses.get(status) ?? zero) })),
      total,
      byChannel: byChannel.map(({ key, ...f }) => ({ channel: key as Channel, ...f })),
      byKecamatan: byKecamatan.map(({ key, ...f }) => ({ code: key, name: names.get(key) ?? null, ...f })),
    };
  }

  async function loadContent(
    actor: Actor,
    found: Awaited<ReturnType<typeof requireReconciled>>,
    filter: LineFilter,
    pin: BeritaAcaraContent['audit'],
  ): Promise<BeritaAcaraContent> {
    const { program, period, row, reconciledAt } = found;
    const [figures, unallocated, channels] = await Promise.all([
      (filter.prefix === null ? figuresFromSummary(row.summary) : null) ?? computeFigures(filter),
      unallocatedByChannel(db, filter),
      channelsOfPeriod(db, program.code, period.code),
    ]);
    const office = await regions.path(config.kabupatenCode);
    return {
      office: {
        kabupatenCode: config.kabupatenCode,
        kabupatenName: office.find((r) => r.level === 'kabupaten')?.name ?? config.kabupatenCode,
        provinceName: office.find((r) => r.level === 'provinsi')?.name ?? null,
      },
      program: { code: program.code, name: program.name },
      period: {
        code: period.code,
        label: period.label,
        status: row.status,
        finalisedAt: row.finalised_at,
        finalisedBy: (await userName(db, row.finalised_by)) ?? row.finalised_by_name,
        reconciledAt,
        // A finalised period refuses imports: its frozen result cannot be stale.
        stale: row.status === 'OPEN' && (await importedSince(db, program.code, period.code, reconciledAt)),
      },
      generatedAt: clock.now(),
      generatedBy: actor.fullName || actor.username,
      timeZone: config.timeZone,
      ...figures,
      unallocated,
      channels,
      audit: pin,
    };
  }

  /** Records the download and reads the chain's newest entry (this one) in the same transaction. */
  async function recordDownload(actor: Actor, action: string, details: Record<string, unknown>) {
    return database.transaction(async (tx) => {
      const id = await audit.record(tx.db, actor, {
        action,
        entityType: 'program_period',
        entityId: `${details.program}/${details.period}`,
        regionCode: regionScope(actor) || config.kabupatenCode,
        details,
      });
      return auditPin(tx.db, id);
    });
  }

  return {
    /** The PDF, whole office. `compress: false` only for tests that read the text. */
    async pdf(actor: Actor, programCode: string, periodCode: string, options: { compress?: boolean } = {}) {
      authorize(actor, 'distribution.berita_acara');
      const found = await requireReconciled(programCode, periodCode);
      const filter: LineFilter = { program: found.program.code, periods: [found.period.code], prefix: null };
      const pin = await recordDownload(actor, 'report.berita_acara.pdf', {
        program: found.program.code,
        period: found.period.code,
        periodStatus: found.row.status,
        reconciledAt: found.reconciledAt.toISOString(),
      });
      const content = await loadContent(actor, found, filter, pin);
      return {
        fileName: `berita-acara-rekonsiliasi-${found.program.code}-${found.period.code}.pdf`,
        title: beritaAcaraTitle(content),
        draft: content.period.status !== 'FINAL',
        content,
        body: await renderBeritaAcaraPdf(content, options),
      };
    },

    /** The detail lines as XLSX, within the reader's region; written row by row to `out`. */
    async openXlsx(actor: Actor, programCode: string, periodCode: string) {
      authorize(actor, 'distribution.read');
      const found = await requireReconciled(programCode, periodCode);
      const filter: LineFilter = {
        program: found.program.code,
        periods: [found.period.code],
        prefix: prefixOf(actor),
      };
      const full = can(actor, 'nik.full');
      const pin = await recordDownload(actor, 'export.xlsx', {
        report: 'berita_acara.detail',
        program: found.program.code,
        period: found.period.code,
        regionCode: filter.prefix,
        fullIdentifiers: full,
      });
      const content = await loadContent(actor, found, filter, pin);
      const names = await regionNames(db, await scopeCodes(db, filter));
      const mask = (nik: string | null) => (nik === null ? '' : full ? nik : maskNik(nik));
      // An account number identifies a person as well as a NIK does: only its last 4 digits.
      const maskAccount = (account: string | null) =>
        account === null || full
          ? account
          : `${'*'.repeat(Math.max(account.length - 4, 0))}${account.slice(-4)}`;

      async function* lines(): AsyncGenerator<DetailLine> {
        for (let after = 0; ; ) {
          const page = await detailLinesAfter(db, filter, after, EXPORT_PAGE);
          if (page.length === 0) return;
          for (const line of page) yield { ...line, nik: mask(line.nik) };
          after = page.at(-1)!.id;
        }
      }
      async function* unallocated(): AsyncGenerator<UnallocatedLine> {
        for (let after = 0; ; ) {
          const page = await unallocatedLinesAfter(db, filter, after, EXPORT_PAGE);
          if (page.length === 0) return;
          for (const line of page) yield { ...line, nik: mask(line.nik), account: maskAccount(line.account) };
          after = page.at(-1)!.id;
        }
      }
      return {
        fileName: `rincian-rekonsiliasi-${found.program.code}-${found.period.code}.xlsx`,
        write: (out: NodeJS.WritableStream) =>
          writeBeritaAcaraXlsx(out, {
            content,
            regionNames: names,
            scope: filter.prefix,
            lines: lines(),
            unallocated: unallocated(),
            styled: content.total.allocatedKpm <= STYLED_MAX_LINES,
          }),
      };
    },
  };
}

export type BeritaAcaraService = ReturnType<typeof createBeritaAcaraService>;
