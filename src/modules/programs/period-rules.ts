import type { Selectable } from 'kysely';
import type { Db } from '../../db/database';
import type { ProgramPeriodTable } from '../../db/types';
import { type Period, parsePeriod } from '../../domain/period';
import { ConflictError, NotFoundError, ValidationError } from '../../platform/errors';

/**
 * The period rules every distribution module shares (issue 4): a programme must exist, the
 * period must be of a kind the programme uses, and a finalised period refuses every change.
 * Each function takes the caller's transaction handle: the check and the change it guards
 * happen in one transaction.
 */
export type ProgramPeriodRow = Selectable<ProgramPeriodTable>;

export async function requireProgram(db: Db, programCode: string) {
  const program = await db
    .selectFrom('program')
    .select(['code', 'name', 'kind', 'period_kinds', 'funding', 'budget', 'benefit_amount'])
    .where('code', '=', programCode)
    .executeTakeFirst();
  if (!program) {
    throw new ValidationError('PROGRAM_UNKNOWN', `Program "${programCode}" tidak dikenal.`, {
      program: programCode,
    });
  }
  return program;
}

/** Parses the period code and checks it fits the programme (`2026-T2` for PKH, `2026-03` or `2026-Q1` for Sembako). */
export async function requirePeriodCode(db: Db, programCode: string, periodCode: string): Promise<Period> {
  const program = await requireProgram(db, programCode);
  const period = parsePeriod(periodCode);
  if (!period) {
    throw new ValidationError(
      'PERIOD_FORMAT',
      `Periode "${periodCode}" tidak sah: gunakan 2026-T2 (tahap), 2026-03 (bulan) atau 2026-Q1 (triwulan).`,
      { period: periodCode },
    );
  }
  if (!program.period_kinds.includes(period.kind)) {
    throw new ValidationError(
      'PERIOD_KIND_MISMATCH',
      `Program ${program.code} tidak memakai periode seperti "${periodCode}" (yang dipakai: ${program.period_kinds
        .map(periodKindLabel)
        .join(', ')}).`,
      { program: program.code, period: periodCode },
    );
  }
  return period;
}

/**
 * The period row for an allocation import: created on the first allocation of the period.
 * Refuses a finalised period.
 */
export async function openPeriodForAllocation(db: Db, programCode: string, periodCode: string) {
  const period = await requirePeriodCode(db, programCode, periodCode);
  await db
    .insertInto('program_period')
    .values({ program_code: programCode, period: period.code })
    .onConflict((oc) => oc.columns(['program_code', 'period']).doNothing())
    .execute();
  const row = await lockPeriod(db, programCode, period.code);
  assertOpen(row);
  return { period, row };
}

/**
 * The period row for work that needs allocations first (channel reports, reconciliation):
 * an unknown period is refused with PERIOD_UNKNOWN. `open: true` also refuses a finalised one.
 */
export async function requireExistingPeriod(
  db: Db,
  programCode: string,
  periodCode: string,
  options: { open: boolean; lock?: boolean },
) {
  const period = await requirePeriodCode(db, programCode, periodCode);
  const row = options.lock
    ? await lockPeriod(db, programCode, period.code)
    : await db
        .selectFrom('program_period')
        .selectAll()
        .where('program_code', '=', programCode)
        .where('period', '=', period.code)
        .executeTakeFirst();
  if (!row) {
    throw new ValidationError(
      'PERIOD_UNKNOWN',
      `Periode ${period.code} program ${programCode} belum dikenal: impor alokasinya terlebih dahulu.`,
      { program: programCode, period: period.code },
    );
  }
  if (options.open) assertOpen(row);
  return { period, row };
}

/**
 * For records kept per period before its first allocation arrives (non-compliance): the period
 * code must fit the programme, a period not created yet is fine, a finalised one refuses.
 */
export async function refuseFinalPeriod(db: Db, programCode: string, periodCode: string) {
  const period = await requirePeriodCode(db, programCode, periodCode);
  const row = await lockPeriod(db, programCode, period.code);
  if (row) assertOpen(row);
  return { period, row: row ?? null };
}

/** Finds a period for reading; 404 when it does not exist. */
export async function findPeriod(db: Db, programCode: string, periodCode: string) {
  const row = await db
    .selectFrom('program_period')
    .selectAll()
    .where('program_code', '=', programCode)
    .where('period', '=', periodCode)
    .executeTakeFirst();
  if (!row) throw new NotFoundError('Periode program');
  return row;
}

// Row lock: two imports (or an import and a finalisation) of one period never interleave.
async function lockPeriod(db: Db, programCode: string, periodCode: string) {
  return db
    .selectFrom('program_period')
    .selectAll()
    .where('program_code', '=', programCode)
    .where('period', '=', periodCode)
    .forUpdate()
    .executeTakeFirst();
}

function assertOpen(row: ProgramPeriodRow | undefined): asserts row is ProgramPeriodRow {
  if (!row) throw new NotFoundError('Periode program');
  if (row.status === 'FINAL') {
    throw new ConflictError(
      'PERIOD_FINAL',
      `Periode ${row.period} program ${row.program_code} sudah difinalkan: data dibekukan. Admin dapat membukanya kembali dengan alasan.`,
      { program: row.program_code, period: row.period },
    );
  }
}

function periodKindLabel(kind: string): string {
  return kind === 'TAHAP'
    ? 'tahap, mis. 2026-T2'
    : kind === 'MONTH'
      ? 'bulan, mis. 2026-03'
      : 'triwulan, mis. 2026-Q1';
}

/**
 * The benefit rules in force on a date, as `{ key: value }` (DOMAIN.md: rules are data with
 * validity dates). `date` is the first day of the period.
 */
export async function rulesAt(db: Db, programCode: string, date: string): Promise<Record<string, number>> {
  const rows = await db
    .selectFrom('benefit_rule')
    .select(['key', 'value'])
    .where('program_code', '=', programCode)
    .where('valid_from', '<=', date)
    .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>', date)]))
    .orderBy('valid_from')
    .execute();
  return Object.fromEntries(rows.map((r) => [r.key, r.value]));
}
