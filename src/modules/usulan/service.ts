import type { Db, SalurDatabase } from '../../db/database';
import type { UsulanRow } from '../../db/types';
import { isWithinRegion } from '../../domain/region-code';
import { type Actor, authorize, can, regionScope } from '../../platform/auth/actor';
import type { Clock } from '../../platform/clock';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../platform/errors';
import type { AuditService } from '../audit/service';
import type { RegionsService } from '../regions/service';
import { createBatchService } from './batch-service';
import { checkEvidence, cleanFileName, MAX_EVIDENCE_FILES } from './evidence-file';
import { asBuffer, authorId, eventRow, isUniqueViolation, sha256Hex } from './history';
import { auditView, presentDetail, presentEvidence, presentPayload } from './presenter';
import { draftProposal } from './proposal-input';
import { createUsulanRepository } from './repository';
import type { CreateUsulanInput } from './schemas';
import {
  assertAcceptsEvidence,
  canDecideNow,
  type Decision,
  decisionLevel,
  nextStatus,
  type UsulanKind,
  type UsulanStatus,
} from './states';

export interface UsulanListFilter {
  status?: UsulanStatus | undefined;
  kind?: UsulanKind | undefined;
  /** Canonical region code; outside the actor's scope it narrows to nothing. */
  regionCode?: string | undefined;
  page: number;
  pageSize: number;
}

const DUPLICATE_MESSAGE =
  'Sudah ada usulan sejenis untuk penduduk/keluarga ini yang masih menunggu keputusan. Lengkapi usulan itu, jangan membuat yang baru.';

/**
 * Proposals to the centre (usulan, docs/usulan.md): operators of a desa/kelurahan and
 * pendamping propose, the kecamatan then Dinsos decide, Dinsos sends approved ones in batches
 * for SIKS-NG, and a later DTSEN edition closes them. Every state change is written to the
 * proposal's history (usulan_event) and to the audit log, in the same transaction.
 */
export function createUsulanService(deps: {
  database: SalurDatabase;
  audit: AuditService;
  regions: RegionsService;
  clock: Clock;
}) {
  const repo = createUsulanRepository();
  const { database, audit, regions, clock } = deps;

  /** A proposal the actor may see; one outside the actor's region is "not found" (no leak). */
  async function loadVisible(db: Db, actor: Actor, id: number, lock = false): Promise<UsulanRow> {
    const row = lock ? await repo.lockById(db, id) : await repo.findById(db, id);
    if (!row || !isWithinRegion(row.region_code, regionScope(actor))) throw new NotFoundError('Usulan');
    return row;
  }

  async function detail(db: Db, actor: Actor, row: UsulanRow) {
    const events = await repo.events(db, row.id);
    const evidence = await repo.evidenceList(db, row.id);
    return presentDetail(row, {
      events,
      evidence,
      full: can(actor, 'nik.full'),
      allowed: {
        decide: can(actor, 'usulan.decide') && canDecideNow(actor.role, row.status),
        addEvidence: can(actor, 'usulan.create') && row.status === 'DIAJUKAN',
      },
    });
  }

  /** History line and audit entry (before → after) of one state change. */
  async function recordChange(
    db: Db,
    actor: Actor,
    before: UsulanRow | null,
    after: UsulanRow,
    entry: { action: string; comment?: string | null; details?: unknown },
  ) {
    await repo.insertEvents(db, [
      eventRow(actor, after.id, before?.status ?? null, after.status, clock.now(), entry.comment ?? null),
    ]);
    await audit.record(db, actor, {
      action: entry.action,
      entityType: 'usulan',
      entityId: after.id,
      regionCode: after.region_code,
      before: before ? auditView(before) : undefined,
      after: auditView(after),
      details: entry.details,
    });
  }

  return {
    async list(actor: Actor, filter: UsulanListFilter) {
      authorize(actor, 'usulan.read');
      const scope = regionScope(actor);
      // A filter outside the actor's scope narrows to nothing rather than widening the scope.
      const prefix = filter.regionCode
        ? isWithinRegion(filter.regionCode, scope)
          ? filter.regionCode
          : '-'
        : scope;
      return repo.list(database.db, {
        regionPrefix: prefix,
        status: filter.status,
        kind: filter.kind,
        limit: filter.pageSize,
        offset: (filter.page - 1) * filter.pageSize,
      });
    },

    /** The full proposal with history and evidence; every view is audited (DOMAIN.md). */
    async get(actor: Actor, id: number) {
      authorize(actor, 'usulan.read');
      const row = await loadVisible(database.db, actor, id);
      const result = await detail(database.db, actor, row);
      await audit.recordNow(actor, {
        action: 'usulan.view',
        entityType: 'usulan',
        entityId: id,
        regionCode: row.region_code,
        details: { fullIdentifiers: can(actor, 'nik.full') },
      });
      return result;
    },

    async create(actor: Actor, input: CreateUsulanInput) {
      authorize(actor, 'usulan.create');
      return database.transaction(async ({ db }) => {
        const now = clock.now();
        const draft = await draftProposal({ db, repo, regions, actor, today: now }, input);
        if (await repo.findPending(db, draft.kind, draft.subjectKey)) {
          throw new ConflictError('USULAN_DUPLICATE', DUPLICATE_MESSAGE);
        }
        const row = await repo
          .insert(db, {
            kind: draft.kind,
            region_code: draft.regionCode,
            kabupaten_code: draft.regionCode.slice(0, 4),
            household_id: draft.householdId,
            person_id: draft.personId,
            nik: draft.nik,
            subject_name: draft.subjectName,
            payload: JSON.stringify(draft.payload),
            reason: input.reason,
            created_by: authorId(actor),
            created_by_name: actor.fullName,
            created_at: now,
            updated_at: now,
          })
          .catch((error) => {
            throw isUniqueViolation(error) ? new ConflictError('USULAN_DUPLICATE', DUPLICATE_MESSAGE) : error;
          });
        await recordChange(db, actor, null, row, {
          action: 'usulan.create',
          comment: input.reason,
          details: { kind: row.kind, payload: presentPayload(draft.payload, false) },
        });
        return detail(db, actor, row);
      });
    },

    /** Approve or reject at the actor's level: kecamatan first, then Dinsos (issue 3). */
    async decide(actor: Actor, id: number, input: { decision: Decision; comment?: string | undefined }) {
      authorize(actor, 'usulan.decide');
      const level = decisionLevel(actor.role);
      if (!level) throw new ForbiddenError();
      const comment = input.comment?.trim() || null;
      if (input.decision === 'TOLAK' && !comment) {
        throw new ValidationError(
          'USULAN_COMMENT_REQUIRED',
          'Tuliskan alasan penolakan: pengusul perlu tahu apa yang harus diperbaiki.',
          { field: 'comment' },
        );
      }
      return database.transaction(async ({ db }) => {
        const before = await loadVisible(db, actor, id, true);
        const status = nextStatus(id, before.status, level, input.decision);
        const after = await repo.update(db, id, { status, updated_at: clock.now() });
        await recordChange(db, actor, before, after, {
          action: input.decision === 'SETUJU' ? 'usulan.approve' : 'usulan.reject',
          comment,
          details: { level, decision: input.decision },
        });
        return detail(db, actor, after);
      });
    },

    /** Adds a photo or PDF while the proposal waits for the kecamatan (issue 3). */
    async addEvidence(actor: Actor, id: number, input: { fileName: string; content: Buffer }) {
      authorize(actor, 'usulan.create');
      return database.transaction(async ({ db }) => {
        const row = await loadVisible(db, actor, id, true);
        assertAcceptsEvidence(id, row.status);
        const mimeType = checkEvidence(input.content);
        const sha256 = sha256Hex(input.content);
        if ((await repo.countEvidence(db, id)) >= MAX_EVIDENCE_FILES) {
          throw new ConflictError(
            'EVIDENCE_LIMIT',
            `Satu usulan paling banyak mempunyai ${MAX_EVIDENCE_FILES} berkas bukti.`,
          );
        }
        if (await repo.findEvidenceBySha(db, id, sha256)) {
          throw new ConflictError('EVIDENCE_DUPLICATE', 'Berkas yang sama sudah diunggah untuk usulan ini.');
        }
        const evidence = await repo.insertEvidence(db, {
          usulan_id: id,
          file_name: cleanFileName(input.fileName, mimeType),
          mime_type: mimeType,
          size_bytes: input.content.length,
          sha256,
          content: input.content,
          uploaded_by: authorId(actor),
          uploaded_by_name: actor.fullName,
          uploaded_at: clock.now(),
        });
        await audit.record(db, actor, {
          action: 'usulan.evidence.add',
          entityType: 'usulan',
          entityId: id,
          regionCode: row.region_code,
          after: {
            evidenceId: evidence.id,
            fileName: evidence.file_name,
            mimeType,
            sizeBytes: evidence.size_bytes,
            sha256,
          },
        });
        return presentEvidence(evidence);
      });
    },

    /** One evidence file, scoped through its proposal; every download is audited. */
    async getEvidence(actor: Actor, evidenceId: number) {
      authorize(actor, 'usulan.read');
      const evidence = await repo.findEvidence(database.db, evidenceId);
      if (!evidence || !isWithinRegion(evidence.region_code, regionScope(actor)))
        throw new NotFoundError('Berkas bukti');
      await audit.recordNow(actor, {
        action: 'usulan.evidence.download',
        entityType: 'usulan',
        entityId: evidence.usulan_id,
        regionCode: evidence.region_code,
        details: { evidenceId, fileName: evidence.file_name, sha256: evidence.sha256 },
      });
      return {
        fileName: evidence.file_name,
        mimeType: evidence.mime_type,
        content: asBuffer(evidence.content),
      };
    },

    ...createBatchService({ database, audit, clock, repo }),
  };
}

export type UsulanService = ReturnType<typeof createUsulanService>;
