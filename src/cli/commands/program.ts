import type { Command } from 'commander';
import { formatDateId, formatRupiah } from '../../domain/format';
import { MONEY_MESSAGES, parseRupiah } from '../../domain/money';
import type { RemovedImport } from '../../modules/allocations/remove-import';
import { presentPeriod, presentProgram, presentRule } from '../../modules/programs/presenter';
import { ruleSpec } from '../../modules/programs/rule-keys';
import { ValidationError } from '../../platform/errors';
import type { Services } from '../../platform/services';
import { CLI_ACTOR, runWithServices, withDatabaseOptions } from '../context';
import { printJson } from '../run';

type ProgramOut = ReturnType<typeof presentProgram> & { periods: Array<ReturnType<typeof presentPeriod>> };
type RuleOut = ReturnType<typeof presentRule>;
interface RulesOut {
  program: ReturnType<typeof presentProgram>;
  today: string;
  items: RuleOut[];
}
interface DbOptions {
  json?: boolean;
  dataDir?: string;
  databaseUrl?: string;
}

const actorOf = (services: Services) => ({ ...CLI_ACTOR, regionCode: services.config.kabupatenCode });

/** `salur program …`: programmes, local programmes (APBD) and benefit rules (docs/program.md). */
export function registerProgramCommands(program: Command): void {
  const root = program.command('program').description('Program bansos, program daerah dan aturan manfaat');

  withDatabaseOptions(root.command('list'))
    .description('Daftar program dengan periodenya (status, KPM, rupiah dialokasikan)')
    .option('--json', 'cetak JSON')
    .action(async (options: DbOptions) => {
      const items = await runWithServices<ProgramOut[]>(
        options,
        async (services) =>
          (await services.programs.list(actorOf(services))).map(({ program: p, periods }) => ({
            ...presentProgram(p),
            periods: periods.map(presentPeriod),
          })),
        async (client) => (await client.request<{ items: ProgramOut[] }>('GET', '/api/programs')).items,
      );
      if (options.json) return printJson(items);
      for (const p of items) {
        const money =
          p.kind === 'LOCAL'
            ? ` pagu ${formatRupiah(p.budget ?? 0)}, ${formatRupiah(p.benefitAmount ?? 0)}/KPM/periode`
            : '';
        process.stdout.write(`${p.code}\t${p.name} (${p.funding}, ${p.periodKinds.join('/')})${money}\n`);
        for (const period of p.periods)
          process.stdout.write(
            `  ${period.period}\t${period.label}\t${period.status === 'FINAL' ? 'FINAL' : 'TERBUKA'}\t` +
              `${period.kpm} KPM\t${formatRupiah(period.allocated)}\t${period.reports} laporan\n`,
          );
      }
    });

  withDatabaseOptions(root.command('buat-daerah'))
    .description('Buat program daerah (dana APBD) dengan pagu dan nilai per KPM per periode')
    .requiredOption('--code <kode>', 'kode program, mis. SEMBAKO_DAERAH')
    .requiredOption('--name <nama>', 'nama program, mis. "Sembako Daerah"')
    .requiredOption('--budget <rupiah>', 'pagu anggaran, mis. 500000000 atau 500.000.000')
    .requiredOption('--nominal <rupiah>', 'nilai bantuan per KPM per periode, mis. 200000')
    .option('--periode <jenis>', 'MONTH, QUARTER atau MONTH,QUARTER', 'MONTH,QUARTER')
    .option('--json', 'cetak JSON')
    .action(
      async (
        options: DbOptions & { code: string; name: string; budget: string; nominal: string; periode: string },
      ) => {
        const body = {
          code: options.code,
          name: options.name,
          budget: rupiahOption('--budget', options.budget),
          benefitAmount: rupiahOption('--nominal', options.nominal),
          periodKinds: options.periode.split(',').map((k) => k.trim()),
        };
        const created = await runWithServices<ReturnType<typeof presentProgram>>(
          options,
          async (services) => presentProgram(await services.programs.createLocal(actorOf(services), body)),
          (client) => client.request('POST', '/api/programs', body),
        );
        if (options.json) return printJson(created);
        process.stdout.write(
          `Program ${created.code} (${created.name}) dibuat: pagu ${formatRupiah(created.budget ?? 0)}, ` +
            `${formatRupiah(created.benefitAmount ?? 0)} per KPM per periode.\n`,
        );
      },
    );

  withDatabaseOptions(root.command('ubah-daerah <kode>'))
    .description('Ubah nama, pagu atau nilai per KPM program daerah (tercatat di audit)')
    .option('--name <nama>', 'nama baru')
    .option('--budget <rupiah>', 'pagu baru')
    .option('--nominal <rupiah>', 'nilai per KPM per periode yang baru')
    .option('--json', 'cetak JSON')
    .action(
      async (code: string, options: DbOptions & { name?: string; budget?: string; nominal?: string }) => {
        const body = {
          ...(options.name !== undefined ? { name: options.name } : {}),
          ...(options.budget !== undefined ? { budget: rupiahOption('--budget', options.budget) } : {}),
          ...(options.nominal !== undefined
            ? { benefitAmount: rupiahOption('--nominal', options.nominal) }
            : {}),
        };
        const code_ = code.trim().toUpperCase();
        const updated = await runWithServices<ReturnType<typeof presentProgram>>(
          options,
          async (services) => presentProgram(await services.programs.update(actorOf(services), code_, body)),
          (client) => client.request('PATCH', `/api/programs/${encodeURIComponent(code_)}`, body),
        );
        if (options.json) return printJson(updated);
        process.stdout.write(
          `Program ${updated.code}: pagu ${formatRupiah(updated.budget ?? 0)}, ` +
            `${formatRupiah(updated.benefitAmount ?? 0)} per KPM per periode.\n`,
        );
      },
    );

  withDatabaseOptions(root.command('hapus-impor <nomor>'))
    .description(
      'Hapus impor alokasi yang keliru (periode terbuka, belum ada baris laporan yang cocok), dengan alasan; tercatat di audit',
    )
    .requiredOption('--alasan <teks>', 'mengapa impor ini dihapus (min. 10 karakter)')
    .option('--json', 'cetak JSON')
    .action(async (nomor: string, options: DbOptions & { alasan: string }) => {
      const importId = Number(nomor.replace(/^#/, ''));
      if (!Number.isSafeInteger(importId) || importId < 1)
        throw new ValidationError(
          'IMPORT_ID_INVALID',
          `Nomor impor "${nomor}" tidak sah: tulis angkanya, mis. 12.`,
        );
      const removed = await runWithServices<RemovedImport>(
        options,
        (services) => services.allocationImportRemoval.remove(actorOf(services), importId, options.alasan),
        (client) =>
          client.request('POST', `/api/allocation-imports/${importId}/remove`, { reason: options.alasan }),
      );
      if (options.json) return printJson(removed);
      process.stdout.write(
        `Impor alokasi #${removed.importId} (${removed.fileName ?? removed.source}) ${removed.program} ${removed.period} dihapus: ` +
          `${removed.lines.toLocaleString('id-ID')} baris, ${formatRupiah(removed.amount)}. ` +
          'Jalankan rekonsiliasi periode itu lagi.\n',
      );
    });

  withDatabaseOptions(root.command('aturan <kode>'))
    .description('Aturan manfaat program: nilai yang berlaku, riwayat dan dasar hukumnya')
    .option('--json', 'cetak JSON')
    .action(async (code: string, options: DbOptions) => {
      const code_ = code.trim().toUpperCase();
      const rules = await runWithServices<RulesOut>(
        options,
        async (services) => {
          const { program: p, rows, today } = await services.programs.rules(actorOf(services), code_);
          return { program: presentProgram(p), today, items: rows.map((row) => presentRule(row, today)) };
        },
        (client) => client.request('GET', `/api/programs/${encodeURIComponent(code_)}/rules`),
      );
      if (options.json) return printJson(rules);
      process.stdout.write(
        `Aturan ${rules.program.code} — ${rules.program.name} (per ${formatDateId(rules.today)})\n`,
      );
      for (const r of rules.items) {
        const state = r.state === 'CURRENT' ? 'berlaku' : r.state === 'FUTURE' ? 'akan berlaku' : 'lampau';
        process.stdout.write(
          `${r.key}\t${formatValue(r)}\t${formatDateId(r.validFrom)} s.d. ${lastDay(r.validTo)}\t${state}\t${r.source ?? ''}\n`,
        );
      }
    });

  withDatabaseOptions(root.command('ubah-aturan <kode> <kunci> <nilai>'))
    .description('Tetapkan nilai aturan mulai suatu tanggal; nilai sebelumnya berakhir di tanggal itu')
    .requiredOption('--mulai <tanggal>', 'berlaku mulai, TTTT-BB-HH (mis. 2027-01-01)')
    .requiredOption('--sumber <teks>', 'dasar nilai ini, mis. "Kepmensos 79/HUK/2025"')
    .option('--json', 'cetak JSON')
    .action(
      async (
        code: string,
        key: string,
        value: string,
        options: DbOptions & { mulai: string; sumber: string },
      ) => {
        const code_ = code.trim().toUpperCase();
        // Money keys accept the rupiah forms offices write (1.000.000); others a plain integer.
        const body = {
          key: key.trim(),
          value:
            ruleSpec(key.trim())?.unit === 'RUPIAH'
              ? rupiahOption('<nilai>', value)
              : integerOption(key, value),
          validFrom: options.mulai,
          source: options.sumber,
        };
        const result = await runWithServices<{ rule: RuleOut; previous: RuleOut | null }>(
          options,
          async (services) => {
            const { row, previous } = await services.programs.setRule(actorOf(services), code_, body);
            const today = services.programs.today();
            return {
              rule: presentRule(row, today),
              previous: previous ? presentRule(previous, today) : null,
            };
          },
          (client) => client.request('POST', `/api/programs/${encodeURIComponent(code_)}/rules`, body),
        );
        if (options.json) return printJson(result);
        const { rule, previous } = result;
        process.stdout.write(
          `${code_} ${rule.key} = ${formatValue(rule)} mulai ${formatDateId(rule.validFrom)}.\n`,
        );
        if (previous)
          process.stdout.write(
            `  Nilai sebelumnya ${formatValue(previous)} berlaku sampai ${lastDay(previous.validTo)}.\n`,
          );
      },
    );
}

function formatValue(rule: Pick<RuleOut, 'unit' | 'value'>): string {
  if (rule.unit === 'RUPIAH') return formatRupiah(rule.value);
  if (rule.unit === 'PERCENT') return `${rule.value}%`;
  return String(rule.value);
}

function rupiahOption(name: string, text: string): number {
  const parsed = parseRupiah(text);
  if (!parsed.ok) throw new ValidationError(parsed.code, `${name}: ${MONEY_MESSAGES[parsed.code]}`);
  return parsed.value;
}

function integerOption(key: string, text: string): number {
  const trimmed = text.trim();
  if (!/^-?\d+$/.test(trimmed)) {
    throw new ValidationError('RULE_VALUE_INVALID', `Nilai "${text}" untuk "${key}" bukan bilangan bulat.`);
  }
  return Number(trimmed);
}

/**
 * valid_to is exclusive (the first day of the next value): people read the last day it applied,
 * written as `31 Desember 2026` (DOMAIN.md "Dates"; --json keeps `YYYY-MM-DD`).
 */
export function lastDay(validTo: string | null): string {
  if (!validTo) return '…';
  const date = new Date(`${validTo}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() - 1);
  return formatDateId(date.toISOString().slice(0, 10));
}
