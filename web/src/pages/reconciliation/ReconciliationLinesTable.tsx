import { Group, Select, Stack, Table, Text, Title } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api, unwrap } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PagedTableFooter } from '../../components/PagedTableFooter';
import { RegionName } from '../../components/RegionName';
import { ScopeRegionFilter } from '../../components/ScopeRegionFilter';
import { TableStatusRows } from '../../components/StatusViews';
import { useI18n } from '../../i18n';
import { formatCalendarDate, formatRupiah } from '../../lib/format';
import type { PeriodTabProps } from '../programs/PeriodPage';
import { LineDetailModal } from './LineDetailModal';
import { LINE_STATUSES, type LineStatus, ReconciliationStatusBadge } from './ReconciliationStatusBadge';

const PAGE_SIZE = 25;

/** Allocation lines with their status in the reader's region: filter by status and region, page, open one. */
export function ReconciliationLinesTable({ program, period, version }: PeriodTabProps & { version: string }) {
  const { t, language } = useI18n();
  const [status, setStatus] = useState<LineStatus | null>(null);
  const [regionCode, setRegionCode] = useState<string | null>(null);
  const [page, setPage] = useState(1);
  const [openId, setOpenId] = useState<number | null>(null);
  const lines = useQuery({
    queryKey: ['reconciliation-lines', program, period, version, { status, regionCode, page }],
    queryFn: () =>
      unwrap(
        api.GET('/api/programs/{program}/periods/{period}/reconciliation/lines', {
          params: {
            path: { program, period },
            query: {
              status: status ?? undefined,
              regionCode: regionCode ?? undefined,
              page,
              pageSize: PAGE_SIZE,
            },
          },
        }),
      ),
    placeholderData: keepPreviousData,
  });
  const rp = (value: number) => formatRupiah(value, language);

  return (
    <Stack>
      <Group justify="space-between" align="flex-end">
        <Title order={3} size="h5">
          {t('reconciliation.linesTitle')}
        </Title>
        <Group align="flex-end" gap="sm">
          <ScopeRegionFilter
            value={regionCode}
            onChange={(code) => {
              setRegionCode(code);
              setPage(1);
            }}
          />
          <Select
            label={t('reconciliation.statusFilter')}
            placeholder={t('reconciliation.allStatuses')}
            data={LINE_STATUSES.map((value) => ({ value, label: t(`reconciliation.statuses.${value}`) }))}
            value={status}
            onChange={(value) => {
              setStatus(value as LineStatus | null);
              setPage(1);
            }}
            clearable
            w={200}
            data-testid="reconciliation-status-filter"
          />
        </Group>
      </Group>
      <ErrorAlert error={lines.error} onRetry={() => void lines.refetch()} />
      <Table.ScrollContainer minWidth={960} type="native">
        <Table striped highlightOnHover verticalSpacing="xs" data-testid="reconciliation-lines">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('reconciliation.nik')}</Table.Th>
              <Table.Th>{t('reconciliation.name')}</Table.Th>
              <Table.Th>{t('reconciliation.region')}</Table.Th>
              <Table.Th>{t('reconciliation.channel')}</Table.Th>
              <Table.Th ta="right">{t('reconciliation.amount')}</Table.Th>
              <Table.Th ta="right">{t('reconciliation.paidAmount')}</Table.Th>
              <Table.Th>{t('reconciliation.status')}</Table.Th>
              <Table.Th>{t('reconciliation.reason')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            <TableStatusRows
              colSpan={8}
              loading={lines.isLoading}
              items={lines.data?.items}
              emptyText={t('reconciliation.noLines')}
            />
            {lines.data?.items.map((line) => (
              <Table.Tr
                key={line.allocationId}
                onClick={() => setOpenId(line.allocationId)}
                style={{ cursor: 'pointer' }}
                data-testid="reconciliation-line-row"
              >
                <Table.Td ff="monospace">{line.nik}</Table.Td>
                <Table.Td>{line.name ?? '—'}</Table.Td>
                <Table.Td>
                  <RegionName code={line.regionCode} />
                </Table.Td>
                <Table.Td>{line.channel}</Table.Td>
                <Table.Td ta="right">{rp(line.amount)}</Table.Td>
                <Table.Td ta="right">
                  <Text size="sm">{rp(line.paidAmount)}</Text>
                  {line.lastPaidOn && (
                    <Text size="xs" c="dimmed">
                      {formatCalendarDate(line.lastPaidOn, language)}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  <ReconciliationStatusBadge status={line.status} />
                </Table.Td>
                <Table.Td>
                  <Text size="xs">
                    {line.failureReason ??
                      [
                        line.paidCount > 0 ? t('reconciliation.paidTimes', { count: line.paidCount }) : null,
                        line.failedCount > 0
                          ? t('reconciliation.failedTimes', { count: line.failedCount })
                          : null,
                      ]
                        .filter(Boolean)
                        .join(', ')}
                  </Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <PagedTableFooter
        total={lines.data?.total ?? 0}
        pageSize={PAGE_SIZE}
        page={page}
        onPageChange={setPage}
      />
      <LineDetailModal
        program={program}
        period={period}
        allocationId={openId}
        onClose={() => setOpenId(null)}
      />
    </Stack>
  );
}
