import type { UsulanEventRow, UsulanRow } from '../../db/types';
import { maskKk } from '../../domain/kk';
import { maskNik } from '../../domain/nik';

type SummaryFields = Pick<
  UsulanRow,
  | 'id'
  | 'kind'
  | 'status'
  | 'region_code'
  | 'subject_name'
  | 'nik'
  | 'household_id'
  | 'person_id'
  | 'batch_id'
  | 'created_by_name'
  | 'created_at'
  | 'updated_at'
>;

/** A list line: NIK always masked (DOMAIN.md "Personal data"). */
export function presentSummary(row: SummaryFields) {
  return {
    id: row.id,
    kind: row.kind,
    status: row.status,
    regionCode: row.region_code,
    subjectName: row.subject_name,
    nikMasked: row.nik ? maskNik(row.nik) : null,
    householdId: row.household_id,
    personId: row.person_id,
    batchId: row.batch_id,
    createdByName: row.created_by_name,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

type EventFields = Pick<
  UsulanEventRow,
  'at' | 'actor_name' | 'actor_role' | 'from_status' | 'to_status' | 'comment'
>;

export function presentEvent(event: EventFields) {
  return {
    at: event.at.toISOString(),
    actorName: event.actor_name,
    actorRole: event.actor_role,
    fromStatus: event.from_status,
    toStatus: event.to_status,
    comment: event.comment,
  };
}

export interface EvidenceMeta {
  id: number;
  file_name: string;
  mime_type: 'image/jpeg' | 'image/png' | 'application/pdf';
  size_bytes: number;
  sha256: string;
  uploaded_by_name: string;
  uploaded_at: Date;
}

export function presentEvidence(e: EvidenceMeta) {
  return {
    id: e.id,
    fileName: e.file_name,
    mimeType: e.mime_type,
    sizeBytes: e.size_bytes,
    sha256: e.sha256,
    uploadedByName: e.uploaded_by_name,
    uploadedAt: e.uploaded_at.toISOString(),
  };
}

/** The proposed data with the new family's KK and NIKs masked unless the role needs them. */
export function presentPayload(payload: unknown, full: boolean): Record<string, unknown> {
  const p = (payload ?? {}) as Record<string, unknown>;
  if (full) return p;
  const masked: Record<string, unknown> = { ...p };
  if (typeof p.kk === 'string') masked.kk = maskKk(p.kk);
  if (Array.isArray(p.members)) {
    masked.members = (p.members as Array<Record<string, unknown>>).map((m) => ({
      ...m,
      nik: typeof m.nik === 'string' ? maskNik(m.nik) : m.nik,
    }));
  }
  return masked;
}

export function presentDetail(
  row: UsulanRow,
  parts: {
    events: EventFields[];
    evidence: EvidenceMeta[];
    full: boolean;
    allowed: { decide: boolean; addEvidence: boolean };
  },
) {
  return {
    ...presentSummary(row),
    nik: row.nik ? (parts.full ? row.nik : maskNik(row.nik)) : null,
    reason: row.reason,
    payload: presentPayload(row.payload, parts.full),
    fulfilledImportId: row.fulfilled_import_id,
    events: parts.events.map(presentEvent),
    evidence: parts.evidence.map(presentEvidence),
    allowed: parts.allowed,
  };
}

/** What audit entries keep of a proposal's state. */
export function auditView(row: Pick<UsulanRow, 'status' | 'batch_id' | 'fulfilled_import_id'>) {
  return { status: row.status, batchId: row.batch_id, fulfilledImportId: row.fulfilled_import_id };
}
