import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Db } from '../../src/db/database';
import type { Channel } from '../../src/db/types';
import { encodeNik } from '../../src/domain/nik';

/**
 * Allocation lines inserted directly (the channel-report tests do not depend on the allocation
 * import), and channel report files to import against them.
 */
let serial = 100;

/** A valid NIK issued in the kecamatan of `regionCode` (new serial each call). */
export function reportNik(regionCode: string, sex: 'L' | 'P' = 'P'): string {
  return encodeNik({ kecamatanCode: regionCode.slice(0, 6), birthDate: '1979-08-21', sex, serial: ++serial });
}

export interface AllocationLine {
  nik: string;
  amount: number;
  /** The household's kelurahan (10 digits), or a kecamatan (6) for a NIK not in the registry. */
  scopeCode: string;
  channel?: Channel;
  account?: string | null;
}

/** The OPEN period row and one allocation import with these lines; returns the allocation ids in order. */
export async function seedAllocations(
  db: Db,
  lines: readonly AllocationLine[],
  options: { program?: string; period?: string } = {},
): Promise<number[]> {
  const program = options.program ?? 'PKH';
  const period = options.period ?? '2026-T2';
  await db
    .insertInto('program_period')
    .values({ program_code: program, period })
    .onConflict((oc) => oc.columns(['program_code', 'period']).doNothing())
    .execute();
  const imported = await db
    .insertInto('allocation_import')
    .values({
      program_code: program,
      period,
      source: 'FILE',
      file_name: 'alokasi-uji.csv',
      file_sha256: `uji-${++serial}`,
      rows_read: lines.length,
      accepted: lines.length,
      rejected: 0,
      summary: '{}',
      created_by_name: 'uji',
      started_at: new Date(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (lines.length === 0) return [];
  const rows = await db
    .insertInto('allocation')
    .values(
      lines.map((l, i) => ({
        import_id: imported.id,
        line: i + 2,
        program_code: program,
        period,
        nik: l.nik,
        amount: l.amount,
        channel: l.channel ?? 'BRI',
        account: l.account ?? null,
        scope_code: l.scopeCode,
      })),
    )
    .returning('id')
    .execute();
  return rows.map((r) => r.id);
}

export async function finalisePeriod(db: Db, program = 'PKH', period = '2026-T2') {
  await db
    .updateTable('program_period')
    .set({ status: 'FINAL', finalised_at: new Date() })
    .where('program_code', '=', program)
    .where('period', '=', period)
    .execute();
}

export type ReportRow = Record<string, string | number | null>;

export const REPORT_HEADERS = ['NIK', 'NO_REKENING', 'NOMINAL', 'TGL_SALUR', 'STATUS', 'KETERANGAN'];

/** A report line: defaults BERHASIL on 15/05/2026. */
export function reportLine(overrides: ReportRow): ReportRow {
  return {
    NIK: null,
    NO_REKENING: null,
    NOMINAL: 750000,
    TGL_SALUR: '15/05/2026',
    STATUS: 'BERHASIL',
    KETERANGAN: null,
    ...overrides,
  };
}

export function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'salur-penyaluran-'));
}

/** Writes a CSV (semicolon-separated, as bank exports often are) with the given headers. */
export function writeReportCsv(
  dir: string,
  name: string,
  rows: readonly ReportRow[],
  headers: readonly string[] = REPORT_HEADERS,
): string {
  const cell = (v: string | number | null | undefined) => {
    if (v === null || v === undefined) return '';
    const text = String(v);
    return /[;"\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
  };
  const lines = [headers.join(';'), ...rows.map((r) => headers.map((h) => cell(r[h])).join(';'))];
  const file = path.join(dir, name);
  fs.writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}
