import type { UsulanKind, UsulanStatus } from '../../db/types';
import type { Role } from '../../platform/auth/actor';
import { ConflictError } from '../../platform/errors';

export type { UsulanKind, UsulanStatus };

export const USULAN_KINDS = ['TAMBAH_KELUARGA', 'UBAH_DATA', 'HAPUS_ORANG', 'HAPUS_KELUARGA'] as const;

export const USULAN_STATUSES = [
  'DIAJUKAN',
  'DISETUJUI_KECAMATAN',
  'DISETUJUI_DINSOS',
  'DIKIRIM',
  'SELESAI',
  'DITOLAK',
] as const;

/** Waiting for a decision: at most one such proposal of a kind per subject (migration 0005). */
export const PENDING_STATUSES: readonly UsulanStatus[] = [
  'DIAJUKAN',
  'DISETUJUI_KECAMATAN',
  'DISETUJUI_DINSOS',
];

export type Decision = 'SETUJU' | 'TOLAK';
export type DecisionLevel = 'kecamatan' | 'dinsos';

/**
 * Who decides what (issue 3): the kecamatan first, then Dinsos. Each level takes one status
 * and leaves it for approval or for DITOLAK.
 */
const LEVELS: Record<DecisionLevel, { from: UsulanStatus; approved: UsulanStatus; label: string }> = {
  kecamatan: { from: 'DIAJUKAN', approved: 'DISETUJUI_KECAMATAN', label: 'kecamatan' },
  dinsos: { from: 'DISETUJUI_KECAMATAN', approved: 'DISETUJUI_DINSOS', label: 'Dinas Sosial' },
};

export function decisionLevel(role: Role): DecisionLevel | null {
  if (role === 'operator_kecamatan') return 'kecamatan';
  if (role === 'admin_dinsos') return 'dinsos';
  return null;
}

export function canDecideNow(role: Role, status: UsulanStatus): boolean {
  const level = decisionLevel(role);
  return level !== null && LEVELS[level].from === status;
}

/** The status a decision leads to, or 409 USULAN_STATE when the proposal is not at this level. */
export function nextStatus(id: number, status: UsulanStatus, level: DecisionLevel, decision: Decision) {
  const rule = LEVELS[level];
  if (status !== rule.from) {
    throw new ConflictError(
      'USULAN_STATE',
      `Usulan #${id} berstatus ${status}; keputusan tingkat ${rule.label} hanya untuk usulan berstatus ${rule.from}.`,
      { status, expected: rule.from },
    );
  }
  return decision === 'SETUJU' ? rule.approved : 'DITOLAK';
}

/** Evidence may be added only before anyone has decided (issue 3). */
export function assertAcceptsEvidence(id: number, status: UsulanStatus): void {
  if (status !== 'DIAJUKAN') {
    throw new ConflictError(
      'USULAN_STATE',
      `Bukti hanya dapat ditambahkan selama usulan berstatus DIAJUKAN; usulan #${id} berstatus ${status}.`,
      { status, expected: 'DIAJUKAN' },
    );
  }
}
