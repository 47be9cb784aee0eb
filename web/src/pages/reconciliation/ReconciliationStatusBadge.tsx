import { Badge, Tooltip } from '@mantine/core';
import type { Schemas } from '../../api/client';
import { useI18n } from '../../i18n';

export type LineStatus = Schemas['ReconciliationStatus'];
export type SummaryStatus = LineStatus | 'TIDAK_DIALOKASIKAN';

export const LINE_STATUSES: readonly LineStatus[] = [
  'TERSALUR',
  'SELISIH_NOMINAL',
  'GANDA',
  'GAGAL_SALUR',
  'BELUM_ADA_LAPORAN',
];
export const SUMMARY_STATUSES: readonly SummaryStatus[] = [...LINE_STATUSES, 'TIDAK_DIALOKASIKAN'];

export const RECONCILIATION_COLORS: Record<SummaryStatus, string> = {
  TERSALUR: 'green',
  SELISIH_NOMINAL: 'orange',
  GANDA: 'red',
  GAGAL_SALUR: 'red',
  BELUM_ADA_LAPORAN: 'gray',
  TIDAK_DIALOKASIKAN: 'grape',
};

/** A reconciliation status, with what it means on hover. */
export function ReconciliationStatusBadge({ status }: { status: SummaryStatus }) {
  const { t } = useI18n();
  return (
    <Tooltip label={t(`reconciliation.statusHints.${status}`)} withinPortal>
      <Badge color={RECONCILIATION_COLORS[status]} variant="light" data-testid={`status-${status}`}>
        {t(`reconciliation.statuses.${status}`)}
      </Badge>
    </Tooltip>
  );
}
