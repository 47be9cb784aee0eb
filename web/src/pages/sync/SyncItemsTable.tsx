import { Button, Group, Select, Stack, Table, Text, Title } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api, type Schemas, unwrap } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PagedTableFooter } from '../../components/PagedTableFooter';
import { RegionName } from '../../components/RegionName';
import { TableStatusRows } from '../../components/StatusViews';
import { useI18n } from '../../i18n';
import { formatCalendarDate, formatRegionCode } from '../../lib/format';
import { SYNC_STATUSES, type SyncStatus, SyncStatusBadge } from './SyncStatusBadge';

const PAGE_SIZE = 25;

function Differences({ differences }: { differences: Schemas['SyncDifference'][] }) {
  const { t, language } = useI18n();
  const shown = (field: Schemas['SyncField'], value: string | null) => {
    if (value === null) return t('sync.empty_value');
    if (field === 'birthDate') return formatCalendarDate(value, language);
    if (field === 'regionCode') return formatRegionCode(value);
    return value;
  };
  return (
    <Stack gap={2}>
      {differences.map((d) => (
        <Text key={d.field} size="xs">
          <b>{t(`sync.fields.${d.field}`)}</b>: {shown(d.field, d.local)} → {shown(d.field, d.central)}
        </Text>
      ))}
    </Stack>
  );
}

/** The people of one check within the reader's region, filtered by status, with the XLSX download. */
export function SyncItemsTable({ checkId }: { checkId: number }) {
  const { t } = useI18n();
  const [status, setStatus] = useState<SyncStatus | null>(null);
  const [page, setPage] = useState(1);
  const items = useQuery({
    queryKey: ['sync-check-items', checkId, { status, page }],
    queryFn: () =>
      unwrap(
        api.GET('/api/sync-checks/{id}/items', {
          params: {
            path: { id: checkId },
            query: { status: status ?? undefined, page, pageSize: PAGE_SIZE },
          },
        }),
      ),
    placeholderData: keepPreviousData,
  });
  const total = items.data?.total ?? 0;
  const localStatus = (value: string | null) =>
    value === 'HIDUP' || value === 'MENINGGAL' || value === 'PINDAH'
      ? t(`sync.localStatuses.${value}`)
      : (value ?? '—');
  const exportUrl = `/api/sync-checks/${checkId}/export.xlsx${status ? `?status=${status}` : ''}`;

  return (
    <Stack>
      <Group justify="space-between" align="flex-end">
        <Title order={3} size="h4">
          {t('sync.itemsTitle')}
        </Title>
        <Group align="flex-end" gap="sm">
          <Select
            label={t('sync.statusFilter')}
            placeholder={t('sync.allStatuses')}
            data={SYNC_STATUSES.map((value) => ({ value, label: t(`sync.statuses.${value}`) }))}
            value={status}
            onChange={(value) => {
              setStatus(value as SyncStatus | null);
              setPage(1);
            }}
            clearable
            w={200}
            data-testid="sync-status-filter"
          />
          <Button component="a" href={exportUrl} download variant="light" data-testid="sync-download">
            {t('sync.download')}
          </Button>
        </Group>
      </Group>
      <ErrorAlert error={items.error} onRetry={() => void items.refetch()} />
      <Table.ScrollContainer minWidth={900} type="native">
        <Table striped verticalSpacing="xs" data-testid="sync-items-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('sync.nik')}</Table.Th>
              <Table.Th>{t('sync.name')}</Table.Th>
              <Table.Th>{t('sync.statusFilter')}</Table.Th>
              <Table.Th>{t('sync.region')}</Table.Th>
              <Table.Th>{t('sync.localStatus')}</Table.Th>
              <Table.Th>{t('sync.differences')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            <TableStatusRows
              colSpan={6}
              loading={items.isLoading}
              items={items.data?.items}
              emptyText={t('sync.noItems')}
            />
            {items.data?.items.map((item) => (
              <Table.Tr key={item.id} data-testid="sync-item-row">
                <Table.Td ff="monospace">{item.nik}</Table.Td>
                <Table.Td>{item.name}</Table.Td>
                <Table.Td>
                  <SyncStatusBadge status={item.status} />
                </Table.Td>
                <Table.Td>
                  <RegionName code={item.regionCode} />
                </Table.Td>
                <Table.Td>{localStatus(item.localStatus)}</Table.Td>
                <Table.Td>
                  <Differences differences={item.differences} />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <PagedTableFooter total={total} pageSize={PAGE_SIZE} page={page} onPageChange={setPage} />
    </Stack>
  );
}
