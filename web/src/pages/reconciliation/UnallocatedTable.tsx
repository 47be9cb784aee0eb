import { Badge, Stack, Table, Text, Title } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api, unwrap } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PagedTableFooter } from '../../components/PagedTableFooter';
import { TableStatusRows } from '../../components/StatusViews';
import { useI18n } from '../../i18n';
import { formatCalendarDate, formatRegionCode, formatRupiah } from '../../lib/format';
import type { PeriodTabProps } from '../programs/PeriodPage';

const PAGE_SIZE = 25;

/** Channel report lines that match no allocation (TIDAK_DIALOKASIKAN): possible leakage, listed apart. */
export function UnallocatedTable({ program, period, version }: PeriodTabProps & { version: string }) {
  const { t, language } = useI18n();
  const [page, setPage] = useState(1);
  const list = useQuery({
    queryKey: ['reconciliation-unallocated', program, period, version, page],
    queryFn: () =>
      unwrap(
        api.GET('/api/programs/{program}/periods/{period}/reconciliation/unallocated', {
          params: { path: { program, period }, query: { page, pageSize: PAGE_SIZE } },
        }),
      ),
    placeholderData: keepPreviousData,
  });

  return (
    <Stack gap="xs">
      <Title order={3} size="h5">
        {t('reconciliation.unallocatedTitle')}
      </Title>
      <Text size="sm" c="dimmed">
        {t('reconciliation.unallocatedHint')}
      </Text>
      <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />
      <Table.ScrollContainer minWidth={860} type="native">
        <Table striped verticalSpacing="xs" data-testid="reconciliation-unallocated">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('reconciliation.nik')}</Table.Th>
              <Table.Th>{t('reconciliation.kecamatan')}</Table.Th>
              <Table.Th>{t('reconciliation.file')}</Table.Th>
              <Table.Th>{t('reconciliation.channel')}</Table.Th>
              <Table.Th>{t('reconciliation.date')}</Table.Th>
              <Table.Th ta="right">{t('reconciliation.paidAmount')}</Table.Th>
              <Table.Th>{t('reconciliation.reportStatus')}</Table.Th>
              <Table.Th>{t('reconciliation.reason')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            <TableStatusRows
              colSpan={8}
              loading={list.isLoading}
              items={list.data?.items}
              emptyText={t('reconciliation.noUnallocated')}
            />
            {list.data?.items.map((item) => (
              <Table.Tr key={item.id} data-testid="reconciliation-unallocated-row">
                <Table.Td ff="monospace">{item.nik ?? '—'}</Table.Td>
                <Table.Td ff="monospace">{formatRegionCode(item.kecamatanCode)}</Table.Td>
                <Table.Td>
                  <Text size="sm">{item.fileName}</Text>
                  <Text size="xs" c="dimmed">
                    {t('reconciliation.line')} {item.line}
                  </Text>
                </Table.Td>
                <Table.Td>{item.channel}</Table.Td>
                <Table.Td>{formatCalendarDate(item.paidOn, language)}</Table.Td>
                <Table.Td ta="right">{formatRupiah(item.amount, language)}</Table.Td>
                <Table.Td>
                  <Badge color={item.status === 'BERHASIL' ? 'grape' : 'gray'} variant="light">
                    {item.status}
                  </Badge>
                </Table.Td>
                <Table.Td>{item.reason ?? '—'}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <PagedTableFooter
        total={list.data?.total ?? 0}
        pageSize={PAGE_SIZE}
        page={page}
        onPageChange={setPage}
      />
    </Stack>
  );
}
