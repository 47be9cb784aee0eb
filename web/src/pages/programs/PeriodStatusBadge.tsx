import { Badge } from '@mantine/core';
import { useI18n } from '../../i18n';

/** Terbuka (open, changes allowed) or Final (frozen). */
export function PeriodStatusBadge({ status }: { status: 'OPEN' | 'FINAL' }) {
  const { t } = useI18n();
  return (
    <Badge color={status === 'FINAL' ? 'gray' : 'green'} variant="light" data-testid="period-status">
      {t(`programs.status.${status}`)}
    </Badge>
  );
}
