/**
 * The files a demo office receives for its programmes, generated from its own registry:
 * the centre's allocation (alokasi) lists and the channels' pay-out reports (penyaluran),
 * with the imperfections real ones have (a wrong amount, a better-off family, a failed
 * transfer, a payment made twice, a line for a family nobody allocated), all deterministic.
 */
import type { Channel } from '../../db/types';
import type { Period } from '../../domain/period';
import { computePkhBenefit, type PkhMember, type PkhRules } from '../../domain/pkh-benefit';
import type { Random } from './random';

export interface DemoFamily {
  householdId: number;
  kk: string;
  regionCode: string;
  desil: number | null;
  members: Array<PkhMember & { nik: string; relationship: string | null }>;
}

export interface DemoAllocation {
  nik: string;
  kk: string;
  name: string;
  amount: number;
  channel: Channel;
  account: string;
}

const FAILURE_REASONS = [
  'REKENING BELUM AKTIF',
  'DATA TIDAK SESUAI DUKCAPIL',
  'KPM MENINGGAL DUNIA',
  'KPM PINDAH DOMISILI',
  'KKS BELUM DIDISTRIBUSIKAN',
] as const;

/** PT Pos pays two kecamatan in cash (Bungus Teluk Kabung, Pauh); banks pay the others. */
const POS_KECAMATAN = new Set(['137105', '137108']);

export function channelFor(family: DemoFamily, random: Random): Channel {
  if (POS_KECAMATAN.has(family.regionCode.slice(0, 6))) return 'POS';
  return random.weighted<Channel>([
    ['BRI', 70],
    ['BNI', 15],
    ['BSI', 10],
    ['MANDIRI', 5],
  ]);
}

export function accountFor(family: DemoFamily, channel: Channel): string {
  if (channel === 'POS') return '';
  // KKS account numbers: 15 digits, stable per family and bank.
  const prefix = { BRI: '0012', BNI: '0098', BSI: '7150', MANDIRI: '1110', BTN: '0031', POS: '' }[channel];
  return `${prefix}${String(family.householdId).padStart(11, '0')}`;
}

function representative(family: DemoFamily) {
  const living = family.members.filter((m) => m.status === 'HIDUP');
  return living.find((m) => m.relationship === 'KEPALA_KELUARGA') ?? living[0] ?? family.members[0];
}

/**
 * The centre's PKH list for a tahap: most families of desil 1–4 with an eligible member, at
 * their entitlement; about one in 150 with a different amount, and a few of desil 6–7
 * (inclusion errors for the targeting lists).
 */
export function pkhAllocations(
  families: readonly DemoFamily[],
  period: Period,
  rules: PkhRules,
  random: Random,
): DemoAllocation[] {
  const lines: DemoAllocation[] = [];
  for (const family of families) {
    const head = representative(family);
    if (!head || family.desil === null) continue;
    const benefit = computePkhBenefit(family.members, period, rules, { sanctioned: false });
    if (benefit.expected === 0) continue;
    const targeted = family.desil <= 4 ? random.chance(0.88) : family.desil <= 7 && random.chance(0.01);
    if (!targeted) continue;
    const channel = channelFor(family, random);
    const amount = random.chance(1 / 150) ? benefit.expected + 75_000 : benefit.expected;
    lines.push({
      nik: head.nik,
      kk: family.kk,
      name: head.name,
      amount,
      channel,
      account: accountFor(family, channel),
    });
  }
  return lines;
}

/** The centre's Sembako list for a month: most families of desil 1–5, Rp200.000 each. */
export function sembakoAllocations(
  families: readonly DemoFamily[],
  monthly: number,
  random: Random,
): DemoAllocation[] {
  const lines: DemoAllocation[] = [];
  for (const family of families) {
    const head = representative(family);
    if (head?.status !== 'HIDUP' || family.desil === null || family.desil > 5) continue;
    if (!random.chance(0.8)) continue;
    const channel = channelFor(family, random);
    lines.push({
      nik: head.nik,
      kk: family.kk,
      name: head.name,
      amount: monthly,
      channel,
      account: accountFor(family, channel),
    });
  }
  return lines;
}

export interface ReportLine {
  nik: string;
  account: string;
  amount: number;
  date: string;
  status: 'BERHASIL' | 'GAGAL';
  reason: string;
}

/**
 * What a channel reports for its allocation lines: `paidShare` of them paid in full on a date
 * within `days` of `start`, about 2 % failed with a reason, one in 400 paid twice, one in 300
 * paid a different amount, and a few payments to families not on the list (`strangers`).
 */
export function channelReport(
  lines: readonly DemoAllocation[],
  options: { start: string; days: number; paidShare: number; strangers: readonly DemoAllocation[] },
  random: Random,
): { report: ReportLine[]; failed: DemoAllocation[] } {
  const report: ReportLine[] = [];
  const failed: DemoAllocation[] = [];
  const date = () => addDays(options.start, random.int(0, options.days - 1));
  for (const line of lines) {
    if (!random.chance(options.paidShare)) continue;
    if (random.chance(0.02)) {
      report.push({
        ...reportBase(line),
        amount: 0,
        date: date(),
        status: 'GAGAL',
        reason: random.pick(FAILURE_REASONS),
      });
      failed.push(line);
      continue;
    }
    const amount = random.chance(1 / 300) ? line.amount - 50_000 : line.amount;
    report.push({ ...reportBase(line), amount, date: date(), status: 'BERHASIL', reason: '' });
    if (random.chance(1 / 400))
      report.push({ ...reportBase(line), amount, date: date(), status: 'BERHASIL', reason: '' });
  }
  for (const stranger of options.strangers)
    report.push({ ...reportBase(stranger), date: date(), status: 'BERHASIL', reason: '' });
  return { report, failed };
}

/** PT Pos's second week: most of the failures of the first week paid on a retry. */
export function retryReport(failed: readonly DemoAllocation[], start: string, random: Random): ReportLine[] {
  return failed
    .filter(() => random.chance(0.7))
    .map((line) => ({
      ...reportBase(line),
      date: addDays(start, random.int(0, 4)),
      status: 'BERHASIL',
      reason: '',
    }));
}

function reportBase(line: DemoAllocation) {
  return { nik: line.nik, account: line.account, amount: line.amount };
}

function addDays(isoDate: string, days: number): string {
  const d = new Date(`${isoDate}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export function allocationCsv(lines: readonly DemoAllocation[]): string {
  const rows = lines.map((l) => [l.nik, l.kk, l.name, String(l.amount), l.channel, l.account].join(';'));
  return `NIK;NO_KK;NAMA;NOMINAL;BANK;NO_REKENING\r\n${rows.join('\r\n')}\r\n`;
}

export function reportCsv(lines: readonly ReportLine[]): string {
  // Dates as the channels write them: dd/mm/yyyy.
  const rows = lines.map((l) =>
    [l.nik, l.account, String(l.amount), l.date.split('-').reverse().join('/'), l.status, l.reason].join(';'),
  );
  return `NIK;NO_REKENING;JUMLAH_DISALURKAN;TGL_SALUR;STATUS;KETERANGAN\r\n${rows.join('\r\n')}\r\n`;
}
