/**
 * Kysely table types, kept in step with src/db/migrations by hand (a test compares them with
 * information_schema). `Generated` marks columns the database fills.
 */
import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';
import type {
  AllocationImportRejectionTable,
  AllocationImportTable,
  AllocationTable,
  BenefitRuleTable,
  DisbursementReportRejectionTable,
  DisbursementReportTable,
  DisbursementTable,
  KpmNoncomplianceTable,
  ProgramPeriodTable,
  ProgramTable,
  ReconciliationLineTable,
} from './types-distribution';

export type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
export type Json = unknown;

export interface RegionTable {
  code: string;
  parent_code: string | null;
  level: 'provinsi' | 'kabupaten' | 'kecamatan' | 'desa';
  name: string;
  source: string;
  retired_in: string | null;
}

export interface RegionSourceTable {
  source: string;
  loaded_at: Generated<Date>;
  counts: Json;
}

export type Role =
  | 'admin_dinsos'
  | 'operator_kecamatan'
  | 'operator_kelurahan'
  | 'pendamping'
  | 'koordinator'
  | 'ewarong'
  | 'auditor';

export interface AppUserTable {
  id: Generated<number>;
  username: string;
  full_name: string;
  role: Role;
  region_code: string;
  password_hash: string;
  must_change_password: Generated<boolean>;
  disabled_at: Date | null;
  failed_logins: Generated<number>;
  locked_until: Date | null;
  last_login_at: Date | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface UserSessionTable {
  token_hash: string;
  user_id: number;
  csrf_token: string;
  created_at: Generated<Date>;
  last_seen_at: Generated<Date>;
  expires_at: Timestamp;
}

export interface ApiTokenTable {
  id: Generated<number>;
  user_id: number;
  name: string;
  token_prefix: string;
  token_hash: string;
  created_at: Generated<Date>;
  expires_at: Date | null;
  last_used_at: Date | null;
  revoked_at: Date | null;
}

export interface LoginAttemptTable {
  id: Generated<number>;
  client_ip: string;
  username: string;
  succeeded: boolean;
  at: Generated<Date>;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: Timestamp;
  actor_user_id: number | null;
  actor_username: string | null;
  actor_role: string | null;
  action: string;
  entity_type: string | null;
  entity_id: string | null;
  region_code: string | null;
  request_id: string | null;
  before: Json | null;
  after: Json | null;
  details: Json | null;
  prev_hash: string;
  hash: string;
}

export type JobState = 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled';

export interface JobTable {
  id: Generated<number>;
  kind: string;
  state: Generated<JobState>;
  payload: Json;
  progress_done: Generated<number>;
  progress_total: number | null;
  message: string | null;
  result: Json | null;
  error: Json | null;
  attempts: Generated<number>;
  max_attempts: Generated<number>;
  created_by: number | null;
  region_code: string | null;
  worker_id: string | null;
  created_at: Generated<Date>;
  started_at: Date | null;
  heartbeat_at: Date | null;
  finished_at: Date | null;
}

export interface HouseholdTable {
  id: Generated<number>;
  kk: string;
  kabupaten_code: string;
  region_code: string;
  address: string | null;
  rt: string | null;
  rw: string | null;
  id_dtsen: string | null;
  id_dtks: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface PersonTable {
  id: Generated<number>;
  nik: string;
  household_id: number | null;
  kabupaten_code: string;
  region_code: string;
  name: string;
  birth_place: string | null;
  birth_date: string | null;
  sex: 'L' | 'P' | null;
  relationship: string | null;
  mother_name: string | null;
  status: Generated<'HIDUP' | 'MENINGGAL' | 'PINDAH'>;
  death_date: string | null;
  schooling: string | null;
  pregnancy_due_date: string | null;
  severe_disability: Generated<boolean>;
  nik_warnings: Generated<string[]>;
  id_dtsen: string | null;
  id_dtks: string | null;
  last_seen_edition: string | null;
  absent_since_edition: string | null;
  created_import_id: number | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface HouseholdDesilTable {
  household_id: number;
  edition: string;
  desil: number;
}

export interface RegistryImportTable {
  id: Generated<number>;
  kind: 'DTSEN' | 'DTKS';
  edition: string;
  file_name: string;
  file_sha256: string;
  file_format: string;
  rows_read: number;
  accepted: number;
  rejected: number;
  summary: Json;
  created_by: number | null;
  created_by_name: string | null;
  started_at: Timestamp;
  finished_at: Generated<Date>;
}

export interface RegistryImportRejectionTable {
  import_id: number;
  line: number;
  reasons: string[];
  fields: string[];
  original: Json;
}

export interface PersonHistoryTable {
  id: Generated<number>;
  person_id: number;
  import_id: number | null;
  user_id: number | null;
  at: Generated<Date>;
  change: 'INSERT' | 'UPDATE' | 'ABSENT' | 'RETURNED';
  fields: Json;
}

export interface HouseholdKkHistoryTable {
  id: Generated<number>;
  household_id: number;
  kk: string;
  valid_from: Generated<Date>;
  valid_to: Date | null;
  import_id: number | null;
}

export type SyncStatus = 'SINKRON' | 'BEDA_DATA' | 'HANYA_LOKAL' | 'HANYA_PUSAT';

export interface SyncCheckTable {
  id: Generated<number>;
  file_name: string;
  file_sha256: string;
  file_format: string;
  rows_read: number;
  accepted: number;
  rejected: number;
  summary: Json;
  created_by: number | null;
  created_by_name: string | null;
  created_at: Generated<Date>;
}

export interface SyncCheckItemTable {
  id: Generated<number>;
  check_id: number;
  nik: string;
  person_id: number | null;
  status: SyncStatus;
  region_code: string;
  kecamatan_code: string;
  name: string;
  local_status: string | null;
  differences: Generated<Json>;
}

export interface SchemaMigrationTable {
  version: number;
  name: string;
  checksum: string;
  applied_at: Generated<Date>;
}

export type {
  AllocationImportRejectionTable,
  AllocationImportTable,
  AllocationTable,
  BenefitRuleTable,
  Channel,
  DisbursementReportRejectionTable,
  DisbursementReportTable,
  DisbursementTable,
  ImportRejectionColumns,
  KpmNoncomplianceTable,
  PeriodKind,
  ProgramKind,
  ProgramPeriodTable,
  ProgramTable,
  ReconciliationLineTable,
  ReconciliationStatus,
} from './types-distribution';

export interface DB {
  region: RegionTable;
  region_source: RegionSourceTable;
  app_user: AppUserTable;
  user_session: UserSessionTable;
  api_token: ApiTokenTable;
  login_attempt: LoginAttemptTable;
  audit_log: AuditLogTable;
  job: JobTable;
  household: HouseholdTable;
  person: PersonTable;
  household_desil: HouseholdDesilTable;
  registry_import: RegistryImportTable;
  registry_import_rejection: RegistryImportRejectionTable;
  person_history: PersonHistoryTable;
  household_kk_history: HouseholdKkHistoryTable;
  sync_check: SyncCheckTable;
  sync_check_item: SyncCheckItemTable;
  usulan: UsulanTable;
  usulan_event: UsulanEventTable;
  usulan_evidence: UsulanEvidenceTable;
  usulan_batch: UsulanBatchTable;
  program: ProgramTable;
  benefit_rule: BenefitRuleTable;
  program_period: ProgramPeriodTable;
  allocation_import: AllocationImportTable;
  allocation_import_rejection: AllocationImportRejectionTable;
  allocation: AllocationTable;
  disbursement_report: DisbursementReportTable;
  disbursement_report_rejection: DisbursementReportRejectionTable;
  disbursement: DisbursementTable;
  reconciliation_line: ReconciliationLineTable;
  kpm_noncompliance: KpmNoncomplianceTable;
  schema_migration: SchemaMigrationTable;
}

export type AppUser = Selectable<AppUserTable>;
export type NewAppUser = Insertable<AppUserTable>;
export type AppUserUpdate = Updateable<AppUserTable>;
export type AuditLogRow = Selectable<AuditLogTable>;
export type JobRow = Selectable<JobTable>;
export type RegionRow = Selectable<RegionTable>;
export type HouseholdRow = Selectable<HouseholdTable>;
export type PersonRow = Selectable<PersonTable>;

export type UsulanKind = 'TAMBAH_KELUARGA' | 'UBAH_DATA' | 'HAPUS_ORANG' | 'HAPUS_KELUARGA';
export type UsulanStatus =
  | 'DIAJUKAN'
  | 'DISETUJUI_KECAMATAN'
  | 'DISETUJUI_DINSOS'
  | 'DIKIRIM'
  | 'SELESAI'
  | 'DITOLAK';

export interface UsulanTable {
  id: Generated<number>;
  kind: UsulanKind;
  region_code: string;
  kabupaten_code: string;
  household_id: number | null;
  person_id: number | null;
  nik: string | null;
  subject_name: string;
  payload: Json;
  reason: string;
  status: Generated<UsulanStatus>;
  created_by: number | null;
  created_by_name: string;
  created_at: Timestamp;
  updated_at: Timestamp;
  batch_id: number | null;
  fulfilled_import_id: number | null;
}

export interface UsulanEventTable {
  id: Generated<number>;
  usulan_id: number;
  at: Timestamp;
  actor_user_id: number | null;
  actor_name: string;
  actor_role: string | null;
  from_status: UsulanStatus | null;
  to_status: UsulanStatus;
  comment: string | null;
}

export interface UsulanEvidenceTable {
  id: Generated<number>;
  usulan_id: number;
  file_name: string;
  mime_type: 'image/jpeg' | 'image/png' | 'application/pdf';
  size_bytes: number;
  sha256: string;
  content: Uint8Array;
  uploaded_by: number | null;
  uploaded_by_name: string;
  uploaded_at: Timestamp;
}

export interface UsulanBatchTable {
  id: Generated<number>;
  created_by: number | null;
  created_by_name: string;
  created_at: Timestamp;
  region_code: string;
  file_name: string;
  count: number;
  file_sha256: string;
  content: Uint8Array;
}

export type UsulanRow = Selectable<UsulanTable>;
export type UsulanEventRow = Selectable<UsulanEventTable>;
