import type { Db } from '../../db/database';
import type { Channel } from '../../db/types';

/** Kysely queries of the channel-report module: one statement per method, explicit columns. */

export const REPORT_COLUMNS = [
  'id',
  'program_code',
  'period',
  'channel',
  'file_name',
  'file_sha256',
  'rows_read',
  'accepted',
  'rejected',
  'summary',
  'created_by_name',
  'started_at',
  'finished_at',
] as const;

export interface LineFilter {
  program: string;
  period: string;
  /** Region prefix of the actor; null = the whole office, including lines with no region. */
  scope: string | null;
  reportId?: number | undefined;
  channel?: Channel | undefined;
  status?: 'BERHASIL' | 'GAGAL' | undefined;
  /** true: lines paying an allocation; false: TIDAK_DIALOKASIKAN lines. */
  allocated?: boolean | undefined;
  /** Narrows further to a kecamatan or kelurahan (inside the actor's scope). */
  region?: string | undefined;
  limit: number;
  offset: number;
}

export function createDisbursementRepository() {
  return {
    findReportBySha(db: Db, program: string, period: string, sha256: string) {
      return db
        .selectFrom('disbursement_report')
        .select(REPORT_COLUMNS)
        .where('program_code', '=', program)
        .where('period', '=', period)
        .where('file_sha256', '=', sha256)
        .executeTakeFirst();
    },

    findReport(db: Db, program: string, period: string, id: number) {
      return db
        .selectFrom('disbursement_report')
        .select(REPORT_COLUMNS)
        .where('program_code', '=', program)
        .where('period', '=', period)
        .where('id', '=', id)
        .executeTakeFirst();
    },

    listReports(db: Db, program: string, period: string) {
      return db
        .selectFrom('disbursement_report')
        .select(REPORT_COLUMNS)
        .where('program_code', '=', program)
        .where('period', '=', period)
        .orderBy('id', 'desc')
        .execute();
    },

    insertReport(
      db: Db,
      values: {
        program: string;
        period: string;
        channel: Channel;
        fileName: string;
        sha256: string;
        rowsRead: number;
        accepted: number;
        rejected: number;
        createdBy: number | null;
        createdByName: string;
        startedAt: Date;
      },
    ) {
      return db
        .insertInto('disbursement_report')
        .values({
          program_code: values.program,
          period: values.period,
          channel: values.channel,
          file_name: values.fileName,
          file_sha256: values.sha256,
          rows_read: values.rowsRead,
          accepted: values.accepted,
          rejected: values.rejected,
          summary: '{}',
          created_by: values.createdBy,
          created_by_name: values.createdByName,
          started_at: values.startedAt,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
    },

    /** The summary, and the counts again: a report read and matched in one pass is inserted before its lines. */
    setReportSummary(db: Db, id: number, summary: { rowsRead: number; accepted: number; rejected: number }) {
      return db
        .updateTable('disbursement_report')
        .set({
          rows_read: summary.rowsRead,
          accepted: summary.accepted,
          rejected: summary.rejected,
          summary: JSON.stringify(summary),
        })
        .where('id', '=', id)
        .execute();
    },

    /** One page of report lines, newest report first, in file order; plus one row to tell if more follow. */
    listLines(db: Db, f: LineFilter) {
      let query = db
        .selectFrom('disbursement as d')
        .innerJoin('disbursement_report as r', 'r.id', 'd.report_id')
        .select([
          'd.id',
          'd.report_id',
          'r.file_name',
          'd.line',
          'd.channel',
          'd.nik',
          'd.account',
          'd.amount',
          'd.paid_on',
          'd.status',
          'd.reason',
          'd.allocation_id',
          'd.scope_code',
        ])
        .where('d.program_code', '=', f.program)
        .where('d.period', '=', f.period);
      if (f.scope !== null) query = query.where('d.scope_code', 'like', `${f.scope}%`);
      if (f.region) query = query.where('d.scope_code', 'like', `${f.region}%`);
      if (f.reportId !== undefined) query = query.where('d.report_id', '=', f.reportId);
      if (f.channel) query = query.where('d.channel', '=', f.channel);
      if (f.status) query = query.where('d.status', '=', f.status);
      if (f.allocated === true) query = query.where('d.allocation_id', 'is not', null);
      if (f.allocated === false) query = query.where('d.allocation_id', 'is', null);
      return query
        .orderBy('d.report_id', 'desc')
        .orderBy('d.line')
        .limit(f.limit + 1)
        .offset(f.offset)
        .execute();
    },
  };
}

export type DisbursementRepository = ReturnType<typeof createDisbursementRepository>;
