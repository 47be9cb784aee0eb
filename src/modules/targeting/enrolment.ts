import { sql } from 'kysely';
import type { Db, SalurDatabase } from '../../db/database';
import type { Channel } from '../../db/types';
import { parseChannel, parsePeriod } from '../../domain/period';
import { type Actor, authorize, regionScope } from '../../platform/auth/actor';
import type { Clock } from '../../platform/clock';
import type { Config } from '../../platform/config';
import { ConflictError, ValidationError } from '../../platform/errors';
import { relinkUnallocatedReportLines } from '../allocations/relink-reports';
import type { AuditService } from '../audit/service';
import {
  openPeriodForAllocation,
  requireExistingPeriod,
  requirePeriodCode,
  requireProgram,
} from '../programs/period-rules';
import type { ExclusionRow, ExclusionScope } from './exclusion-sql';
import { presentExclusion } from './present';
import type { TargetingRepository } from './repository';
import { targetingScopes } from './scopes';

export interface EnrolmentInput {
  /** The local programme (kind LOCAL) and its period. */
  local: string;
  period: string;
  /** The exclusion list the families come from. */
  fromProgram: string;
  fromPeriod: string;
  channel?: string | undefined;
  requireProgram?: string | undefined;
  requirePeriod?: string | undefined;
  dryRun: boolean;
}

const PREVIEW_FAMILIES = 20;
// Priority (issue 4): lowest desil, then most living members, then KK so a run is repeatable.
const PRIORITY = sql`x.desil, x.living DESC, x.kk`;

/**
 * Enrolment of left-out families into a local programme (issue 4; the seeds' rule "a PKH family
 * not covered by the central Sembako goes into the local one"): from the exclusion list of
 * (programme A, period P), families not yet in (L, P') by priority, as many as L's remaining
 * budget pays at L's benefit amount. A preview writes nothing; a commit writes one
 * allocation_import (source LOCAL_ENROLMENT) and its lines in one audited transaction.
 */
export function createEnrolment(deps: {
  database: SalurDatabase;
  config: Config;
  clock: Clock;
  audit: AuditService;
  repo: TargetingRepository;
}) {
  const { database, audit, config, clock } = deps;

  async function loadLocal(db: Db, code: string) {
    const local = await requireProgram(db, code);
    if (local.kind !== 'LOCAL') {
      throw new ValidationError(
        'PROGRAM_NOT_LOCAL',
        `Program ${local.code} bukan program daerah: keluarga hanya dapat didaftarkan ke program daerah (APBD).`,
        { program: local.code },
      );
    }
    if (local.budget === null || !local.benefit_amount) {
      throw new ValidationError(
        'LOCAL_PROGRAM_INCOMPLETE',
        `Program ${local.code} belum memiliki pagu anggaran dan nilai bantuan per KPM.`,
        { program: local.code },
      );
    }
    return { ...local, budget: Number(local.budget), benefitAmount: Number(local.benefit_amount) };
  }

  /** Everything a preview shows, read in `db` (the commit's transaction, or the plain handle). */
  async function plan(db: Db, actor: Actor, input: EnrolmentInput) {
    const local = await loadLocal(db, input.local);
    const channel = parseChannel(input.channel ?? 'POS');
    if (!channel) {
      throw new ValidationError(
        'CHANNEL_UNKNOWN',
        `Penyalur "${input.channel}" tidak dikenal: gunakan BRI, BNI, MANDIRI, BTN, BSI atau POS.`,
      );
    }
    const target = await requirePeriodCode(db, local.code, input.period);
    const source = await targetingScopes(db, {
      program: input.fromProgram,
      period: input.fromPeriod,
      prefix: regionScope(actor),
      requireProgram: input.requireProgram,
      requirePeriod: input.requirePeriod,
    });
    const scope: ExclusionScope = source.exclusion();
    // The exclusion list once into tgt_exclusion; counted, previewed and enrolled from there.
    await deps.repo.fillExclusion(db, scope);
    await sql`ALTER TABLE tgt_exclusion ADD COLUMN enrolled boolean`.execute(db);
    await sql`UPDATE tgt_exclusion x SET enrolled = EXISTS (SELECT 1 FROM allocation e
      WHERE e.household_id = x.household_id AND e.program_code = ${local.code} AND e.period = ${target.code})`.execute(
      db,
    );
    const counts = await sql<{ candidates: number; already: number }>`
      SELECT count(*) AS candidates, count(*) FILTER (WHERE enrolled) AS already FROM tgt_exclusion`.execute(
      db,
    );
    const used = Number(
      (
        await db
          .selectFrom('allocation')
          .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('amount'), eb.lit(0)).as('used'))
          .where('program_code', '=', local.code)
          .executeTakeFirst()
      )?.used ?? 0,
    );
    const candidates = Number(counts.rows[0]?.candidates ?? 0);
    const alreadyEnrolled = Number(counts.rows[0]?.already ?? 0);
    const eligible = candidates - alreadyEnrolled;
    const remainingBefore = Math.max(0, local.budget - used);
    const enrolled = Math.min(eligible, Math.floor(remainingBefore / local.benefitAmount));
    const total = enrolled * local.benefitAmount;
    const alsoReceiving = await otherProgrammesOf(db, local.code, target, enrolled);
    return {
      local,
      target,
      channel,
      source: source.meta,
      summary: {
        local: local.code,
        localName: local.name,
        period: target.code,
        fromProgram: source.meta.program,
        fromPeriod: source.meta.period,
        requireProgram: source.meta.requireProgram,
        requirePeriod: source.meta.requirePeriod,
        channel,
        benefitAmount: local.benefitAmount,
        budget: local.budget,
        used,
        remainingBefore,
        candidates,
        alreadyEnrolled,
        enrolled,
        notFunded: eligible - enrolled,
        total,
        remainingAfter: remainingBefore - total,
        alsoReceiving,
      },
    };
  }

  async function firstFamilies(db: Db, limit: number) {
    const rows = await sql<ExclusionRow>`SELECT * FROM tgt_exclusion x WHERE NOT x.enrolled
      ORDER BY ${PRIORITY} LIMIT ${limit}`.execute(db);
    const names = new Map(
      (await deps.repo.regionNames(db, [...new Set(rows.rows.map((r) => r.region_code))])).map((r) => [
        r.code,
        r.name,
      ]),
    );
    return rows.rows.map((row) => presentExclusion(row, names));
  }

  return {
    /**
     * Preview (`dryRun`) or commit. A finalised target period is refused either way; a commit
     * with nothing to enrol writes nothing (not even the period).
     */
    async enrol(actor: Actor, input: EnrolmentInput) {
      authorize(actor, 'targeting.enrol');
      if (input.dryRun) {
        // A transaction only for the temporary table: nothing else is written.
        return database.transaction(async ({ db }) => {
          const planned = await plan(db, actor, input);
          const existing = await db
            .selectFrom('program_period')
            .select('status')
            .where('program_code', '=', planned.local.code)
            .where('period', '=', planned.target.code)
            .executeTakeFirst();
          if (existing)
            await requireExistingPeriod(db, planned.local.code, planned.target.code, { open: true });
          return {
            ...planned.summary,
            dryRun: true,
            importId: null,
            families: await firstFamilies(db, PREVIEW_FAMILIES),
          };
        });
      }
      return database.transaction(async ({ db }) => {
        const startedAt = clock.now();
        // The programme row is the budget's lock: two enrolments never spend the same rupiah.
        await db.selectFrom('program').select('code').where('code', '=', input.local).forUpdate().execute();
        const planned = await plan(db, actor, input);
        await openPeriodForAllocation(db, planned.local.code, planned.target.code);
        const s = planned.summary;
        if (s.candidates - s.alreadyEnrolled === 0) {
          throw new ValidationError(
            'ENROLMENT_NO_CANDIDATES',
            `Tidak ada keluarga di daftar kesalahan eksklusi ${s.fromProgram} ${s.fromPeriod} yang belum terdaftar di ${s.local} ${s.period}.`,
          );
        }
        if (s.enrolled === 0) {
          throw new ConflictError(
            'BUDGET_EXHAUSTED',
            `Sisa pagu program ${s.local} (Rp${s.remainingBefore.toLocaleString('id-ID')}) tidak cukup untuk satu KPM (Rp${s.benefitAmount.toLocaleString('id-ID')}).`,
            { remaining: s.remainingBefore, benefitAmount: s.benefitAmount },
          );
        }
        const families = await firstFamilies(db, PREVIEW_FAMILIES);
        const importRow = await db
          .insertInto('allocation_import')
          .values({
            program_code: s.local,
            period: s.period,
            source: 'LOCAL_ENROLMENT',
            rows_read: s.candidates,
            accepted: s.enrolled,
            rejected: 0,
            summary: JSON.stringify(s),
            created_by: actor.userId > 0 ? actor.userId : null,
            created_by_name: actor.fullName,
            started_at: startedAt,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        await insertLines(db, importRow.id, planned.channel, s);
        // A channel may already have reported paying some of these families (TIDAK_DIALOKASIKAN).
        const reportLinesLinked = await relinkUnallocatedReportLines(db, s.local, s.period);
        await audit.record(db, actor, {
          action: 'allocation.enrol',
          entityType: 'allocation_import',
          entityId: importRow.id,
          regionCode: regionScope(actor) || config.kabupatenCode,
          details: { ...s, reportLinesLinked },
        });
        return { ...s, dryRun: false, importId: importRow.id, families };
      });
    },
  };
}

/**
 * Of the `limit` families the enrolment takes (priority order), how many each other programme
 * allocated in its two latest periods begun by the end of the target period (what it pays
 * "now": Sembako allocations come month by month, so November's may be missing or partial when
 * November's local enrolment is planned, and October's says whom the centre covers). A local
 * programme is
 * often meant for families a central one leaves out ("a PKH family not covered by the central
 * Sembako"): enrolling from the wrong list would spend its budget on families the centre
 * already pays, so the preview says so before anything is written.
 */
async function otherProgrammesOf(
  db: Db,
  localCode: string,
  target: { code: string },
  limit: number,
): Promise<Array<{ program: string; period: string; families: number }>> {
  const window = parsePeriod(target.code);
  if (!window || limit === 0) return [];
  // Each programme's two latest periods begun by then: the latest may hold only a first or
  // supplementary file while the one before says whom the centre pays.
  const begun = new Map<string, Array<{ period: string; start: string }>>();
  const periods = await db
    .selectFrom('program_period')
    .select(['program_code', 'period'])
    .where('program_code', '<>', localCode)
    .execute();
  for (const p of periods) {
    const other = parsePeriod(p.period);
    if (!other || other.start > window.end) continue;
    const list = begun.get(p.program_code) ?? [];
    list.push({ period: p.period, start: other.start });
    begun.set(p.program_code, list);
  }
  const recent = [...begun].flatMap(([program, list]) =>
    list
      .sort((a, b) => b.start.localeCompare(a.start))
      .slice(0, 2)
      .map((p) => [program, p.period] as const),
  );
  if (recent.length === 0) return [];
  const pairs = sql.join(recent.map(([program, period]) => sql`(${program}, ${period})`));
  const { rows } = await sql<{ program: string; period: string; families: number }>`
    WITH chosen AS (
      SELECT x.household_id FROM tgt_exclusion x WHERE NOT x.enrolled ORDER BY ${PRIORITY} LIMIT ${limit}
    )
    SELECT a.program_code AS program, a.period, count(DISTINCT a.household_id)::int AS families
    FROM allocation a JOIN chosen c ON c.household_id = a.household_id
    WHERE (a.program_code, a.period) IN (${pairs})
    GROUP BY a.program_code, a.period
    ORDER BY families DESC, a.program_code, a.period`.execute(db);
  return rows.map((r) => ({ ...r, families: Number(r.families) }));
}

/** The enrolled lines, set-based: the household's village is the scope, the head's NIK the line's. */
async function insertLines(
  db: Db,
  importId: number,
  channel: Channel,
  s: { local: string; period: string; benefitAmount: number; enrolled: number },
) {
  await sql`
    INSERT INTO allocation (import_id, line, program_code, period, nik, kk, name, amount, channel,
      household_id, person_id, scope_code)
    SELECT ${importId}, y.n, ${s.local}, ${s.period}, y.head_nik, y.kk, y.head_name, ${s.benefitAmount}, ${channel},
      y.household_id, y.head_person_id, y.region_code
    FROM (SELECT x.*, row_number() OVER (ORDER BY ${PRIORITY}) AS n FROM tgt_exclusion x WHERE NOT x.enrolled) y
    WHERE y.n <= ${s.enrolled}`.execute(db);
}
