import { Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import { can } from '../../auth/permissions';
import { useCurrentUser } from '../../auth/session';
import { ImportHistoryTable, RejectedFileCell } from '../../components/ImportHistoryTable';
import { useI18n } from '../../i18n';
import { formatDateTime, formatNumber } from '../../lib/format';
import { usePeriod } from '../programs/usePeriod';
import { RemoveImportButton } from './RemoveImportButton';
import { rejectedAllocationsUrl } from './uploadAllocation';

/** The period's allocation imports, newest first; the office downloads each import's rejected lines. */
export function ImportsTable({ program, period }: { program: string; period: string }) {
  const { t, language } = useI18n();
  const user = useCurrentUser();
  const canDownload = can(user.role, 'distributionManage');
  // An open period's imports can be removed by the office (not a final one: its data is frozen).
  const periodState = usePeriod(program, period);
  const canRemove = canDownload && periodState.data?.period.status === 'OPEN';
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
    <ImportHistoryTable
      title={t('allocations.history.title')}
      // An allocation file covers the whole office; an operator's lines below are their region's only.
      note={user.regionCode.length > 4 ? t('allocations.history.wholeFileNote') : undefined}
      query={imports}
      minWidth={760}
      testId="allocation-imports"
      headers={
        <>
          <Table.Th>{t('allocations.history.id')}</Table.Th>
          <Table.Th>{t('allocations.history.file')}</Table.Th>
          <Table.Th>{t('allocations.history.when')}</Table.Th>
          <Table.Th>{t('allocations.history.by')}</Table.Th>
          <Table.Th ta="right">{t('allocations.history.rows')}</Table.Th>
          <Table.Th ta="right">{t('allocations.history.accepted')}</Table.Th>
          <Table.Th ta="right">{t('allocations.history.rejected')}</Table.Th>
          {canDownload && <Table.Th>{t('allocations.history.rejectedFile')}</Table.Th>}
          {canRemove && <Table.Th>{t('allocations.history.actions')}</Table.Th>}
        </>
      }
      colSpan={7 + (canDownload ? 1 : 0) + (canRemove ? 1 : 0)}
      items={items}
      emptyText={t('allocations.history.empty')}
      rows={items?.map((i) => (
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
            <RejectedFileCell rejected={i.rejected} url={(format) => rejectedAllocationsUrl(i.id, format)} />
          )}
          {canRemove && (
            <Table.Td>
              <RemoveImportButton program={program} period={period} importId={i.id} fileName={i.fileName} />
            </Table.Td>
          )}
        </Table.Tr>
      ))}
    />
  );
}
