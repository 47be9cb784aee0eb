import { Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import { can } from '../../auth/permissions';
import { useCurrentUser } from '../../auth/session';
import { ErrorAlert } from '../../components/ErrorAlert';
import { RejectedFileLinks } from '../../components/ReasonCounts';
import { TableStatusRows } from '../../components/StatusViews';
import { useI18n } from '../../i18n';
import { formatDateTime, formatNumber } from '../../lib/format';
import { rejectedAllocationsUrl } from './uploadAllocation';

/** The period's allocation imports, newest first; the office downloads each import's rejected lines. */
export function ImportsTable({ program, period }: { program: string; period: string }) {
  const { t, language } = useI18n();
  const user = useCurrentUser();
  const canDownload = can(user.role, 'distributionManage');
  const imports = useQuery({
    queryKey: ['allocation-imports', program, period],
    queryFn: () =>
      unwrap(
        api.GET('/api/programs/{program}/periods/{period}/allocation-imports', {
          params: { path: { program, period } },
        }),
      ),
  });
  const items = imports.data?.items;
  return (
    <Stack gap="xs">
      <Title order={3} size="h4">
        {t('allocations.history.title')}
      </Title>
      <ErrorAlert error={imports.error} onRetry={() => void imports.refetch()} />
      <Table.ScrollContainer minWidth={760} type="native">
        <Table striped verticalSpacing="xs" data-testid="allocation-imports">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('allocations.history.id')}</Table.Th>
              <Table.Th>{t('allocations.history.file')}</Table.Th>
              <Table.Th>{t('allocations.history.when')}</Table.Th>
              <Table.Th>{t('allocations.history.by')}</Table.Th>
              <Table.Th ta="right">{t('allocations.history.rows')}</Table.Th>
              <Table.Th ta="right">{t('allocations.history.accepted')}</Table.Th>
              <Table.Th ta="right">{t('allocations.history.rejected')}</Table.Th>
              {canDownload && <Table.Th>{t('allocations.history.rejectedFile')}</Table.Th>}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            <TableStatusRows
              colSpan={canDownload ? 8 : 7}
              loading={imports.isLoading}
              items={items}
              emptyText={t('allocations.history.empty')}
            />
            {items?.map((i) => (
              <Table.Tr key={i.id} data-testid="allocation-import-row">
                <Table.Td>#{i.id}</Table.Td>
                <Table.Td>{i.fileName ?? '—'}</Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(i.finishedAt, language)}</Table.Td>
                <Table.Td>{i.createdBy ?? '—'}</Table.Td>
                <Table.Td ta="right">{formatNumber(i.rowsRead, language)}</Table.Td>
                <Table.Td ta="right">{formatNumber(i.accepted, language)}</Table.Td>
                <Table.Td ta="right">
                  <Text size="sm" c={i.rejected > 0 ? 'red.8' : undefined}>
                    {formatNumber(i.rejected, language)}
                  </Text>
                </Table.Td>
                {canDownload && (
                  <Table.Td>
                    {i.rejected > 0 ? (
                      <RejectedFileLinks url={(format) => rejectedAllocationsUrl(i.id, format)} />
                    ) : (
                      '—'
                    )}
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}
