/**
 * Fills the demo office's programmes the way a real office would, through the same services:
 * PKH tahap I 2026 allocated, paid (banks and PT Pos over two weeks), reconciled and
 * finalised; tahap II allocated and partly reported; Sembako October 2026 allocated and
 * paid; a local Sembako programme with its budget, ready for enrolment. Deterministic.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { parsePeriod } from '../../domain/period';
import { pkhRulesFrom } from '../../domain/pkh-benefit';
import type { Actor } from '../../platform/auth/actor';
import type { Services } from '../../platform/services';
import { rulesAt } from '../programs/period-rules';
import {
  allocationCsv,
  channelReport,
  type DemoAllocation,
  type DemoFamily,
  pkhAllocations,
  type ReportLine,
  reportCsv,
  retryReport,
  sembakoAllocations,
} from './distribution-files';
import { createRandom } from './random';

export interface DemoDistributionSummary {
  allocations: Record<string, number>;
  reports: number;
}

export async function seedDemoDistribution(
  services: Services,
  actor: Actor,
  seed: number,
  onStep?: (step: string) => void,
): Promise<DemoDistributionSummary | null> {
  const { db } = services.database;
  const existing = await db.selectFrom('allocation').select('id').limit(1).executeTakeFirst();
  if (existing) return null;
  const families = await loadFamilies(services);
  const random = createRandom(seed);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'salur-demo-'));
  const summary: DemoDistributionSummary = { allocations: {}, reports: 0 };
  try {
    const write = (name: string, content: string) => {
      const file = path.join(dir, name);
      fs.writeFileSync(file, content);
      return file;
    };
    const importAllocations = async (program: string, period: string, lines: DemoAllocation[]) => {
      onStep?.(`alokasi ${program} ${period}`);
      const file = write(`alokasi-${program}-${period}.csv`, allocationCsv(lines));
      await services.allocationImport.importAllocations(actor, { program, period, filePath: file });
      summary.allocations[`${program} ${period}`] = lines.length;
    };
    const importReport = async (
      program: string,
      period: string,
      channel: string,
      name: string,
      lines: ReportLine[],
    ) => {
      if (lines.length === 0) return;
      onStep?.(`laporan ${channel} ${program} ${period}`);
      const file = write(name, reportCsv(lines));
      await services.disbursementImport.importReport(actor, { program, period, channel, filePath: file });
      summary.reports++;
    };
    const byChannel = (lines: DemoAllocation[]) => {
      const groups = new Map<string, DemoAllocation[]>();
      for (const line of lines) groups.set(line.channel, [...(groups.get(line.channel) ?? []), line]);
      return groups;
    };
    const allocatedNiks = new Set<string>();
    const strangers = (count: number) =>
      families
        .filter((f) => f.members[0] && !allocatedNiks.has(f.members[0].nik))
        .filter(() => random.chance(0.002))
        .slice(0, count)
        .map((f) => ({
          nik: f.members[0]!.nik,
          kk: f.kk,
          name: f.members[0]!.name,
          amount: 750_000,
          channel: 'BRI' as const,
          account: '',
        }));

    // PKH tahap I: everything reported, reconciled, finalised.
    for (const code of ['2026-T1', '2026-T2'] as const) {
      const period = parsePeriod(code)!;
      const rules = pkhRulesFrom(await rulesAt(db, 'PKH', period.start));
      const lines = pkhAllocations(families, period, rules, random);
      for (const l of lines) allocatedNiks.add(l.nik);
      await importAllocations('PKH', code, lines);
      const paidShare = code === '2026-T1' ? 1 : 0.85;
      for (const [channel, group] of byChannel(lines)) {
        if (code === '2026-T2' && channel !== 'BRI') continue; // tahap II: only BRI has reported so far
        const start = code === '2026-T1' ? '2026-02-16' : '2026-05-18';
        const first = channelReport(
          group,
          {
            start,
            days: channel === 'POS' ? 7 : 3,
            paidShare,
            strangers: channel === 'BRI' ? strangers(3) : [],
          },
          random,
        );
        await importReport('PKH', code, channel, `penyaluran-${channel}-PKH-${code}.csv`, first.report);
        if (channel === 'POS')
          await importReport(
            'PKH',
            code,
            channel,
            `penyaluran-POS-PKH-${code}-minggu2.csv`,
            retryReport(first.failed, '2026-02-23', random),
          );
      }
      onStep?.(`rekonsiliasi PKH ${code}`);
      await services.reconciliation.run(actor, 'PKH', code);
    }
    await services.reconciliation.finalise(actor, 'PKH', '2026-T1');

    // Sembako October 2026: allocated and paid.
    const october = parsePeriod('2026-10')!;
    const sembakoRules = await rulesAt(db, 'SEMBAKO', october.start);
    const sembako = sembakoAllocations(families, sembakoRules['sembako.monthly'] ?? 200_000, random);
    await importAllocations('SEMBAKO', '2026-10', sembako);
    for (const [channel, group] of byChannel(sembako)) {
      const { report } = channelReport(
        group,
        { start: '2026-10-12', days: 5, paidShare: 0.97, strangers: [] },
        random,
      );
      await importReport('SEMBAKO', '2026-10', channel, `penyaluran-${channel}-SEMBAKO-2026-10.csv`, report);
    }
    await services.reconciliation.run(actor, 'SEMBAKO', '2026-10');

    // The city's own programme for families the centre's Sembako misses (DOMAIN.md).
    await services.programs.createLocal(actor, {
      code: 'SEMBAKO_DAERAH',
      name: 'Sembako Daerah Kota Padang (APBD)',
      budget: 300_000_000,
      benefitAmount: 200_000,
      periodKinds: ['MONTH'],
    });
    return summary;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function loadFamilies(services: Services): Promise<DemoFamily[]> {
  const { rows } = await sql<{
    household_id: number;
    kk: string;
    region_code: string;
    desil: number | null;
    person_id: number;
    nik: string;
    name: string;
    relationship: string | null;
    birth_date: string | null;
    status: 'HIDUP' | 'MENINGGAL' | 'PINDAH';
    schooling: string | null;
    pregnancy_due_date: string | null;
    severe_disability: boolean;
  }>`
    SELECT h.id AS household_id, h.kk, h.region_code,
           (SELECT d.desil FROM household_desil d WHERE d.household_id = h.id ORDER BY d.edition DESC LIMIT 1) AS desil,
           p.id AS person_id, p.nik, p.name, p.relationship, p.birth_date, p.status, p.schooling,
           p.pregnancy_due_date, p.severe_disability
    FROM household h JOIN person p ON p.household_id = h.id
    ORDER BY h.id, p.id`.execute(services.database.db);
  const families: DemoFamily[] = [];
  for (const r of rows) {
    let family = families[families.length - 1];
    if (!family || family.householdId !== r.household_id) {
      family = {
        householdId: r.household_id,
        kk: r.kk,
        regionCode: r.region_code,
        desil: r.desil,
        members: [],
      };
      families.push(family);
    }
    family.members.push({
      personId: r.person_id,
      nik: r.nik,
      name: r.name,
      relationship: r.relationship,
      birthDate: r.birth_date,
      status: r.status,
      schooling: r.schooling,
      pregnancyDueDate: r.pregnancy_due_date,
      severeDisability: r.severe_disability,
    });
  }
  return families;
}
