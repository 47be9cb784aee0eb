import { Badge } from '@mantine/core';
import type { Schemas } from '../../api/client';
import { useI18n } from '../../i18n';

export type UsulanKind = Schemas['UsulanKind'];
export type UsulanStatus = Schemas['UsulanStatus'];

export const KINDS: readonly UsulanKind[] = ['TAMBAH_KELUARGA', 'UBAH_DATA', 'HAPUS_ORANG', 'HAPUS_KELUARGA'];
export const STATUSES: readonly UsulanStatus[] = [
  'DIAJUKAN',
  'DISETUJUI_KECAMATAN',
  'DISETUJUI_DINSOS',
  'DIKIRIM',
  'SELESAI',
  'DITOLAK',
];
export const CAUSES = ['MENINGGAL', 'PINDAH', 'GANDA', 'TIDAK_DITEMUKAN', 'TIDAK_LAYAK'] as const;
export const CHANGE_FIELDS = [
  'name',
  'birthDate',
  'birthPlace',
  'sex',
  'relationship',
  'motherName',
] as const;

/** Evidence rules of the server (docs/usulan.md), checked early for a clear message. */
export const EVIDENCE_TYPES = ['image/jpeg', 'image/png', 'application/pdf'];
export const MAX_EVIDENCE_BYTES = 5 * 1024 * 1024;

const COLORS: Record<UsulanStatus, string> = {
  DIAJUKAN: 'blue',
  DISETUJUI_KECAMATAN: 'cyan',
  DISETUJUI_DINSOS: 'teal',
  DIKIRIM: 'grape',
  SELESAI: 'green',
  DITOLAK: 'red',
};

export function StatusBadge({ status }: { status: UsulanStatus }) {
  const { t } = useI18n();
  return (
    <Badge color={COLORS[status]} variant="light" data-testid="usulan-status">
      {t(`usulan.statuses.${status}`)}
    </Badge>
  );
}

/** `1.2 MB` style sizes for evidence files. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
