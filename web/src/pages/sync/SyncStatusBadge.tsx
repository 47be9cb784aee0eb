import { Badge, Tooltip } from '@mantine/core';
import type { Schemas } from '../../api/client';
import { useI18n } from '../../i18n';

export type SyncStatus = Schemas['SyncStatus'];

export const SYNC_STATUSES: readonly SyncStatus[] = ['SINKRON', 'BEDA_DATA', 'HANYA_LOKAL', 'HANYA_PUSAT'];

export const STATUS_COLORS: Record<SyncStatus, string> = {
  SINKRON: 'green',
  BEDA_DATA: 'orange',
  HANYA_LOKAL: 'blue',
  HANYA_PUSAT: 'grape',
};

/** A person's sync status, with what it means on hover. */
export function SyncStatusBadge({ status }: { status: SyncStatus }) {
  const { t } = useI18n();
  return (
    <Tooltip label={t(`sync.statusHelp.${status}`)} withinPortal>
      <Badge color={STATUS_COLORS[status]} variant="light">
        {t(`sync.statuses.${status}`)}
      </Badge>
    </Tooltip>
  );
}

/** Counts per status as small badges (zero counts faded). */
export function StatusCountBadges({ counts }: { counts: Schemas['SyncStatusCounts'] }) {
  const { t } = useI18n();
  return (
    <>
      {SYNC_STATUSES.map((status) => (
        <Tooltip key={status} label={t(`sync.statuses.${status}`)} withinPortal>
          <Badge
            color={STATUS_COLORS[status]}
            variant={counts[status] > 0 ? 'light' : 'outline'}
            mr={4}
            data-testid={`count-${status}`}
          >
            {counts[status]}
          </Badge>
        </Tooltip>
      ))}
    </>
  );
}
