/**
 * Synthetic files for bench/disbursement-import.ts: the allocation lines of one period (as a
 * CSV ready for COPY into `allocation`) and the channel's report of them (a comma-separated
 * report file as BRI sends it). Deterministic; written line by line, so memory stays flat.
 *
 * Report lines: one per allocation line, in allocation order, except every 200th allocation is
 * left unreported and replaced by a line for a NIK allocated nowhere (TIDAK_DIALOKASIKAN);
 * 90 % carry the account, 3 % are GAGAL with a reason; 10 % of allocations are for PT Pos
 * (the report is BRI's: CHANNEL_DIFFERS warnings).
 */
import fs from 'node:fs';
import { csvRow } from '../../src/db/copy-csv';
import { encodeNik } from '../../src/domain/nik';

export const ALLOCATION_COPY_COLUMNS = [
  'import_id',
  'line',
  'program_code',
  'period',
  'nik',
  'amount',
  'channel',
  'account',
  'scope_code',
] as const;
export const REPORT_HEADERS = ['NIK', 'NO_REKENING', 'NOMINAL', 'TGL_SALUR', 'STATUS', 'KETERANGAN'] as const;

// Kecamatan of Kota Padang (13.71) and one kelurahan code each: enough spread for scope.
const KECAMATAN = [
  '137101',
  '137102',
  '137103',
  '137104',
  '137105',
  '137106',
  '137107',
  '137108',
  '137109',
  '137110',
  '137111',
];
const AMOUNTS = [750000, 225000, 375000, 500000, 600000, 1350000];

function nikOf(i: number, salt: number): string {
  const kec = KECAMATAN[i % KECAMATAN.length]!;
  // Birth dates spread over ~27 years so that serials (≤ 9999 per date and sex) never run out.
  const day = new Date(
    Date.UTC(1960 + salt * 30, 0, 1) + (Math.floor(i / KECAMATAN.length) % 10_000) * 86_400_000,
  );
  const serial = 1 + Math.floor(i / (KECAMATAN.length * 10_000));
  return encodeNik({
    kecamatanCode: kec,
    birthDate: day.toISOString().slice(0, 10),
    sex: i % 2 ? 'P' : 'L',
    serial,
  });
}

export interface BenchFiles {
  allocationCsv: string;
  reportCsv: string;
  lines: number;
  reportBytes: number;
}

async function writeLines(file: string, count: number, line: (i: number) => string, header?: string) {
  const out = fs.createWriteStream(file);
  if (header) out.write(header);
  let buffer = '';
  for (let i = 0; i < count; i++) {
    buffer += line(i);
    if (buffer.length > 1 << 20) {
      if (!out.write(buffer)) await new Promise<void>((r) => out.once('drain', () => r()));
      buffer = '';
    }
  }
  out.end(buffer);
  await new Promise<void>((r) => out.once('finish', () => r()));
}

export async function writeBenchFiles(dir: string, lines: number, importId: number): Promise<BenchFiles> {
  const allocationCsv = `${dir}/allocation-${lines}.csv`;
  const reportCsv = `${dir}/laporan-bri-${lines}.csv`;
  const account = (i: number) => String(100_000_000_000 + i * 7);
  await writeLines(allocationCsv, lines, (i) =>
    csvRow([
      importId,
      i + 2,
      'PKH',
      '2026-T2',
      nikOf(i, 0),
      AMOUNTS[i % AMOUNTS.length]!,
      i % 10 === 9 ? 'POS' : 'BRI',
      account(i),
      `${KECAMATAN[i % KECAMATAN.length]}1001`,
    ]),
  );
  await writeLines(
    reportCsv,
    lines,
    (i) => {
      if (i % 200 === 199) return csvRow([nikOf(i, 1), '', AMOUNTS[0]!, '16/05/2026', 'BERHASIL', '']);
      const failed = i % 33 === 5;
      return csvRow([
        nikOf(i, 0),
        i % 10 === 3 ? '' : account(i),
        AMOUNTS[i % AMOUNTS.length]!,
        `${String(10 + (i % 18)).padStart(2, '0')}/05/2026`,
        failed ? 'GAGAL SALUR' : i % 2 ? 'SUKSES' : 'BERHASIL',
        failed ? 'Rekening belum dibuka' : '',
      ]);
    },
    `${REPORT_HEADERS.join(',')}\n`,
  );
  return { allocationCsv, reportCsv, lines, reportBytes: fs.statSync(reportCsv).size };
}
