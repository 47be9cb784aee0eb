import type { SalurDatabase } from '../../db/database';
import type { PeriodKind } from '../../db/types';
import { formatRupiah } from '../../domain/format';
import { type Actor, authorize, regionScope } from '../../platform/auth/actor';
import type { Clock } from '../../platform/clock';
import type { Config } from '../../platform/config';
import { ConflictError, NotFoundError, ValidationError } from '../../platform/errors';
import type { AuditService } from '../audit/service';
import { requirePeriodCode } from './period-rules';
import { createProgramsRepository, type PeriodCounts, type ProgramRow } from './repository';
import { checkRule, ruleKeysFor, ruleSpec } from './rule-keys';

export interface NewLocalProgram {
  code: string;
  name: string;
  budget: number;
  benefitAmount: number;
  periodKinds: string[];
}

export interface ProgramPatch {
  name?: string | undefined;
  budget?: number | undefined;
  benefitAmount?: number | undefined;
}

export interface NewRuleValue {
  key: string;
  value: number;
  validFrom: string;
  source: string;
}

// A local programme pays per month or per quarter; tahap are PKH's (DOMAIN.md "Sembako daerah").
const LOCAL_PERIOD_KINDS: readonly PeriodKind[] = ['MONTH', 'QUARTER'];

/**
 * Programmes, their periods and their benefit rules (issue 4 "Programmes and periods").
 * Rules are data with validity dates (DOMAIN.md "Programmes — rules kept as data"): a new value
 * is a new row from its date and closes the row it replaces; nothing is deleted.
 */
export function createProgramsService(deps: {
  database: SalurDatabase;
  audit: AuditService;
  clock: Clock;
  config: Config;
}) {
  const repo = createProgramsRepository();
  const { database, audit } = deps;

  const today = () =>
    new Intl.DateTimeFormat('en-CA', { timeZone: deps.config.timeZone }).format(deps.clock.now());

  async function loadProgram(code: string): Promise<ProgramRow> {
    const program = await repo.findProgram(database.db, code);
    if (!program) throw new NotFoundError('Program');
    return program;
  }

  /** Periods of the programmes with allocation figures limited to the actor's region. */
  async function periodsWithCounts(actor: Actor, filter: { programCode?: string; period?: string }) {
    const [periods, counts, reports] = await Promise.all([
      repo.listPeriods(database.db, filter),
      repo.periodCounts(database.db, regionScope(actor), filter),
      repo.reportCounts(database.db, filter),
    ]);
    const key = (program: string, period: string) => `${program}/${period}`;
    const countBy = new Map<string, PeriodCounts>(counts.map((c) => [key(c.program_code, c.period), c]));
    const reportBy = new Map(reports.map((r) => [key(r.program_code, r.period), r.reports]));
    return periods.map((p) => {
      const c = countBy.get(key(p.program_code, p.period));
      return {
        ...p,
        lines: c?.lines ?? 0,
        kpm: c?.kpm ?? 0,
        allocated: c?.allocated ?? 0,
        reports: reportBy.get(key(p.program_code, p.period)) ?? 0,
      };
    });
  }

  return {
    today,

    async list(actor: Actor) {
      authorize(actor, 'distribution.read');
      const [programs, periods] = await Promise.all([
        repo.listPrograms(database.db),
        periodsWithCounts(actor, {}),
      ]);
      return programs.map((program) => ({
        program,
        periods: periods.filter((p) => p.program_code === program.code),
      }));
    },

    async get(actor: Actor, code: string) {
      authorize(actor, 'distribution.read');
      const program = await loadProgram(code);
      return { program, periods: await periodsWithCounts(actor, { programCode: code }) };
    },

    /** The header of a period page; 404 while the period has no allocation yet. */
    async getPeriod(actor: Actor, code: string, periodCode: string) {
      authorize(actor, 'distribution.read');
      const program = await loadProgram(code);
      const period = await requirePeriodCode(database.db, code, periodCode);
      const [row] = await periodsWithCounts(actor, { programCode: code, period: period.code });
      if (!row) throw new NotFoundError('Periode program');
      return { program, period, row };
    },

    async createLocal(actor: Actor, input: NewLocalProgram) {
      authorize(actor, 'programs.manage');
      const code = input.code.trim().toUpperCase();
      if (!/^[A-Z][A-Z0-9_]{1,29}$/.test(code)) {
        throw new ValidationError(
          'PROGRAM_CODE_FORMAT',
          'Kode program 2–30 karakter: huruf besar, angka dan garis bawah, diawali huruf (mis. SEMBAKO_DAERAH).',
        );
      }
      const name = checkName(input.name);
      checkMoney('PROGRAM_BUDGET_INVALID', 'Pagu anggaran', input.budget, 0);
      checkMoney('PROGRAM_BENEFIT_INVALID', 'Nilai bantuan per KPM per periode', input.benefitAmount, 1);
      checkBudgetCoversOneKpm(input.budget, input.benefitAmount);
      const kinds = [...new Set(input.periodKinds.map((k) => k.trim().toUpperCase()))];
      if (kinds.length === 0 || kinds.some((k) => !LOCAL_PERIOD_KINDS.includes(k as PeriodKind))) {
        throw new ValidationError(
          'PROGRAM_PERIOD_KINDS',
          'Program daerah dibayar per bulan (MONTH) dan/atau per triwulan (QUARTER).',
          { periodKinds: input.periodKinds },
        );
      }
      return database.transaction(async ({ db }) => {
        if (await repo.findProgram(db, code)) {
          throw new ConflictError('PROGRAM_EXISTS', `Program dengan kode ${code} sudah ada.`, { code });
        }
        const program = await repo.insertProgram(db, {
          code,
          name,
          kind: 'LOCAL',
          funding: 'APBD',
          period_kinds: kinds as PeriodKind[],
          budget: input.budget,
          benefit_amount: input.benefitAmount,
          created_by: actor.userId > 0 ? actor.userId : null,
        });
        await audit.record(db, actor, {
          action: 'program.create',
          entityType: 'program',
          entityId: code,
          after: auditView(program),
        });
        return program;
      });
    },

    /** Name, budget and benefit of a local programme; the central ones are set by the centre. */
    async update(actor: Actor, code: string, patch: ProgramPatch) {
      authorize(actor, 'programs.manage');
      const set: { name?: string; budget?: number; benefit_amount?: number } = {};
      if (patch.name !== undefined) set.name = checkName(patch.name);
      if (patch.budget !== undefined) {
        checkMoney('PROGRAM_BUDGET_INVALID', 'Pagu anggaran', patch.budget, 0);
        set.budget = patch.budget;
      }
      if (patch.benefitAmount !== undefined) {
        checkMoney('PROGRAM_BENEFIT_INVALID', 'Nilai bantuan per KPM per periode', patch.benefitAmount, 1);
        set.benefit_amount = patch.benefitAmount;
      }
      return database.transaction(async ({ db }) => {
        const before = await repo.findProgram(db, code, { lock: true });
        if (!before) throw new NotFoundError('Program');
        if (before.kind !== 'LOCAL') {
          throw new ValidationError(
            'PROGRAM_NOT_LOCAL',
            `Program ${code} adalah program pusat: pagu dan nilainya tidak diubah di sini (nilai manfaat diatur lewat aturan).`,
          );
        }
        if (Object.keys(set).length === 0) return before;
        if (set.budget !== undefined || set.benefit_amount !== undefined) {
          const budget = set.budget ?? before.budget;
          const benefit = set.benefit_amount ?? before.benefit_amount;
          if (budget !== null && benefit !== null) checkBudgetCoversOneKpm(Number(budget), Number(benefit));
        }
        if (set.budget !== undefined && before.budget !== null && set.budget < Number(before.budget)) {
          // The programme row is locked (as enrolment locks it), so no allocation slips in between.
          const allocated = await repo.allocatedTotal(db, code);
          if (set.budget < allocated) {
            throw new ConflictError(
              'PROGRAM_BUDGET_BELOW_ALLOCATED',
              `Pagu ${formatRupiah(set.budget)} lebih kecil dari yang sudah dialokasikan untuk program ${code} ` +
                `(${formatRupiah(allocated)}, semua periode). Tetapkan pagu paling sedikit ${formatRupiah(allocated)}.`,
              { budget: set.budget, allocated },
            );
          }
        }
        const after = await repo.updateProgram(db, code, set);
        await audit.record(db, actor, {
          action: 'program.update',
          entityType: 'program',
          entityId: code,
          before: auditView(before),
          after: auditView(after),
        });
        return after;
      });
    },

    /** Every rule row of the programme (current, past and future) and the keys it may carry. */
    async rules(actor: Actor, code: string) {
      authorize(actor, 'distribution.read');
      const program = await loadProgram(code);
      const rows = await repo.listRules(database.db, code);
      return { program, rows, keys: ruleKeysFor(program.kind), today: today() };
    },

    /**
     * Sets a new value from a date: the open row of the key ends on that date (valid_to is
     * exclusive, like rulesAt reads it) and the new row starts there.
     */
    async setRule(actor: Actor, code: string, input: NewRuleValue) {
      authorize(actor, 'programs.manage');
      const key = input.key.trim();
      const validFrom = input.validFrom.trim();
      if (!isDate(validFrom)) {
        throw new ValidationError(
          'RULE_VALID_FROM_FORMAT',
          `Tanggal mulai berlaku "${input.validFrom}" tidak sah: tulis TTTT-BB-HH, mis. 2027-01-01.`,
        );
      }
      const source = input.source.trim();
      if (source.length === 0 || source.length > 300) {
        throw new ValidationError(
          'RULE_SOURCE_REQUIRED',
          'Sebutkan dasar nilai ini (mis. nomor Kepmensos atau pedoman), paling banyak 300 karakter.',
        );
      }
      return database.transaction(async ({ db }) => {
        const program = await repo.findProgram(db, code);
        if (!program) throw new NotFoundError('Program');
        const problem = checkRule(program.kind, key, input.value);
        if (problem) throw new ValidationError(problem.code, problem.message, { key, value: input.value });
        const open = await repo.findOpenRule(db, code, key);
        if (open && validFrom <= open.valid_from) {
          throw new ConflictError(
            'RULE_VALID_FROM_NOT_AFTER',
            `Aturan ${key} bernilai ${ruleSpec(key)?.unit === 'RUPIAH' ? formatRupiah(open.value) : open.value} sejak ${open.valid_from}: nilai baru harus mulai sesudah tanggal itu.`,
            { key, currentValidFrom: open.valid_from },
          );
        }
        if (open) await repo.closeRule(db, open.id, validFrom);
        const row = await repo.insertRule(db, {
          program_code: code,
          key,
          value: input.value,
          valid_from: validFrom,
          source,
          created_by: actor.userId > 0 ? actor.userId : null,
        });
        await audit.record(db, actor, {
          action: 'benefit_rule.set',
          entityType: 'benefit_rule',
          entityId: row.id,
          before: open
            ? {
                id: open.id,
                key,
                value: open.value,
                validFrom: open.valid_from,
                validTo: null,
                source: open.source,
              }
            : null,
          after: {
            program: code,
            key,
            value: row.value,
            validFrom: row.valid_from,
            source,
            previousValidTo: open ? validFrom : null,
          },
        });
        return { row, previous: open ? { ...open, valid_to: validFrom } : null };
      });
    },
  };
}

export type ProgramsService = ReturnType<typeof createProgramsService>;

function checkName(text: string): string {
  const name = text.trim();
  if (name.length === 0 || name.length > 120) {
    throw new ValidationError(
      'PROGRAM_NAME_REQUIRED',
      'Nama program wajib diisi, paling banyak 120 karakter.',
    );
  }
  return name;
}

function checkMoney(code: string, what: string, value: number, min: number): void {
  if (!Number.isSafeInteger(value) || value < min) {
    throw new ValidationError(
      code,
      `${what} harus rupiah bilangan bulat${min > 0 ? ' lebih dari 0' : ', 0 atau lebih'}.`,
      { value },
    );
  }
}

/** A budget (pagu) that cannot pay one KPM one period is a typing slip, not a programme. */
function checkBudgetCoversOneKpm(budget: number, benefitAmount: number): void {
  if (budget < benefitAmount) {
    throw new ValidationError(
      'PROGRAM_BUDGET_BELOW_BENEFIT',
      `Pagu anggaran ${formatRupiah(budget)} lebih kecil dari nilai untuk satu KPM per periode (${formatRupiah(benefitAmount)}): ` +
        'periksa angka nol pada pagu.',
      { budget, benefitAmount },
    );
  }
}

function isDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
}

function auditView(program: ProgramRow) {
  return {
    code: program.code,
    name: program.name,
    kind: program.kind,
    funding: program.funding,
    periodKinds: program.period_kinds,
    budget: program.budget,
    benefitAmount: program.benefit_amount,
  };
}
