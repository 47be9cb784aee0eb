/**
 * Kysely table types of programmes and distribution (migrations 0007–0008), kept apart from
 * src/db/types.ts by use case; types.ts joins them into `DB` and re-exports them.
 */
import type { Generated } from 'kysely';
import type { Json, Timestamp } from './types';

export type ProgramKind = 'PKH' | 'SEMBAKO' | 'LOCAL';
export type PeriodKind = 'TAHAP' | 'MONTH' | 'QUARTER';
export type Channel = 'BRI' | 'BNI' | 'MANDIRI' | 'BTN' | 'BSI' | 'POS';
export type ReconciliationStatus =
  | 'TERSALUR'
  | 'GAGAL_SALUR'
  | 'SELISIH_NOMINAL'
  | 'BELUM_ADA_LAPORAN'
  | 'GANDA';

export interface ProgramTable {
  code: string;
  name: string;
  kind: ProgramKind;
  period_kinds: PeriodKind[];
  funding: 'APBN' | 'APBD';
  budget: number | null;
  benefit_amount: number | null;
  created_by: number | null;
  created_at: Generated<Date>;
}

export interface BenefitRuleTable {
  id: Generated<number>;
  program_code: string;
  key: string;
  value: number;
  valid_from: string;
  valid_to: string | null;
  source: string | null;
  created_by: number | null;
  created_at: Generated<Date>;
}

export interface ProgramPeriodTable {
  program_code: string;
  period: string;
  status: Generated<'OPEN' | 'FINAL'>;
  finalised_at: Date | null;
  finalised_by: number | null;
  finalised_by_name: string | null;
  reconciled_at: Date | null;
  summary: Json | null;
  created_at: Generated<Date>;
}

export interface AllocationImportTable {
  id: Generated<number>;
  program_code: string;
  period: string;
  source: 'FILE' | 'LOCAL_ENROLMENT';
  file_name: string | null;
  file_sha256: string | null;
  rows_read: number;
  accepted: number;
  rejected: number;
  summary: Json;
  created_by: number | null;
  created_by_name: string | null;
  started_at: Timestamp;
  finished_at: Generated<Date>;
}

export interface ImportRejectionColumns {
  line: number;
  reasons: string[];
  fields: string[];
  original: Json;
}

export interface AllocationImportRejectionTable extends ImportRejectionColumns {
  import_id: number;
}

export interface AllocationTable {
  id: Generated<number>;
  import_id: number;
  line: number;
  program_code: string;
  period: string;
  nik: string;
  kk: string | null;
  name: string | null;
  amount: number;
  channel: Channel;
  account: string | null;
  household_id: number | null;
  person_id: number | null;
  scope_code: string;
  flags: Generated<string[]>;
  expected_amount: number | null;
  calculation: Json | null;
}

export interface DisbursementReportTable {
  id: Generated<number>;
  program_code: string;
  period: string;
  channel: Channel;
  file_name: string;
  file_sha256: string;
  rows_read: number;
  accepted: number;
  rejected: number;
  summary: Json;
  created_by: number | null;
  created_by_name: string | null;
  started_at: Timestamp;
  finished_at: Generated<Date>;
}

export interface DisbursementReportRejectionTable extends ImportRejectionColumns {
  report_id: number;
}

export interface DisbursementTable {
  id: Generated<number>;
  report_id: number;
  line: number;
  program_code: string;
  period: string;
  channel: Channel;
  nik: string | null;
  account: string | null;
  amount: number;
  paid_on: string | null;
  status: 'BERHASIL' | 'GAGAL';
  reason: string | null;
  allocation_id: number | null;
  scope_code: Generated<string>;
}

export interface ReconciliationLineTable {
  allocation_id: number;
  program_code: string;
  period: string;
  status: ReconciliationStatus;
  paid_amount: Generated<number>;
  paid_count: Generated<number>;
  failed_count: Generated<number>;
  last_paid_on: string | null;
  failure_reason: string | null;
}

export interface KpmNoncomplianceTable {
  id: Generated<number>;
  household_id: number;
  program_code: string;
  period: string;
  reason: string;
  recorded_by: number | null;
  recorded_at: Generated<Date>;
}
