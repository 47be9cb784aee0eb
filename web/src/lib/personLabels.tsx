import { Badge } from '@mantine/core';
import type { TFunction } from 'i18next';
import { useI18n } from '../i18n';
import { isKnownCode as known } from './codes';

const STATUSES = ['HIDUP', 'MENINGGAL', 'PINDAH'] as const;
const STATUS_COLORS: Record<(typeof STATUSES)[number], string> = {
  HIDUP: 'green',
  MENINGGAL: 'gray',
  PINDAH: 'orange',
};
export const RELATIONSHIPS = [
  'KEPALA_KELUARGA',
  'SUAMI',
  'ISTRI',
  'ANAK',
  'MENANTU',
  'CUCU',
  'ORANG_TUA',
  'MERTUA',
  'FAMILI_LAIN',
  'LAINNYA',
] as const;

// Codes the server may add later still show, as the raw code.
export function statusLabel(t: TFunction, value: string | null | undefined): string {
  return known(STATUSES, value) ? t(`households.statuses.${value}`) : (value ?? '—');
}

export function relationshipLabel(t: TFunction, value: string | null | undefined): string {
  return known(RELATIONSHIPS, value) ? t(`persons.relationships.${value}`) : (value ?? '—');
}

export function sexLabel(t: TFunction, value: string | null | undefined): string {
  return value === 'L' || value === 'P' ? t(`persons.sexes.${value}`) : (value ?? '—');
}

export function StatusBadge({ status }: { status: string }) {
  const { t } = useI18n();
  return (
    <Badge color={known(STATUSES, status) ? STATUS_COLORS[status] : 'gray'} variant="light">
      {statusLabel(t, status)}
    </Badge>
  );
}
