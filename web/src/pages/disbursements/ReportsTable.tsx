import { Button, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import { can } from '../../auth/permissions';
import { useCurrentUser } from '../../auth/session';
import { ErrorAlert } from '../../components/ErrorAlert';
import { RejectedFileLinks } from '../../components/ReasonCounts';
import { TableStatusRows } from '../../components/StatusViews';
import { useI18n } from '../../i18n';
import { formatDateTime, formatNumber } from '../../lib/format';
import { formatRupiah } from '../programs/programFormat';
import { rejectedLinesUrl } from './uploadReport';

/** The period's channel reports, newest first: channel, file, counts, who and when. */
export function ReportsTable({
  program,
  period,
  onShowLines,
}: {
  program: string;
  period: string;
  onShowLines: (reportId: number) => void;
}) {
  const { t, language } = useI18n();
  const user = useCurrentUser();
  const canDownload = can(user.role, 'distributionManage');
  const reports = useQuery({
    queryKey: ['disbursement-reports', program, period],
    queryFn: () =>
      unwrap(
        api.GET('/api/programs/{program}/periods/{period}/disbursement-reports', {
          params: { path: { program, period } },
        }),
      ),
  });
  const items = reports.data?.items;
  const n = (v: number) => formatNumber(v, language);
  return (
    <Stack gap="xs">
      <Title order={3} size="h4">
        {t('disbursements.reports.title')}
      </Title>
      <ErrorAlert error={reports.error} onRetry={() => void reports.refetch()} />
      <Table.ScrollContainer minWidth={980} type="native">
        <Table striped verticalSpacing="xs" data-testid="disbursement-reports">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('disbursements.reports.id')}</Table.Th>
              <Table.Th>{t('disbursements.reports.channel')}</Table.Th>
              <Table.Th>{t('disbursements.reports.file')}</Table.Th>
              <Table.Th ta="right">{t('disbursements.reports.rowsRead')}</Table.Th>
              <Table.Th ta="right">{t('disbursements.reports.accepted')}</Table.Th>
              <Table.Th ta="right">{t('disbursements.reports.rejected')}</Table.Th>
              <Table.Th ta="right">{t('disbursements.reports.alreadyReported')}</Table.Th>
              <Table.Th ta="right">{t('disbursements.reports.paid')}</Table.Th>
              {canDownload && <Table.Th>{t('disbursements.reports.rejectedRows')}</Table.Th>}
              <Table.Th>{t('disbursements.reports.by')}</Table.Th>
              <Table.Th>{t('disbursements.reports.finished')}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            <TableStatusRows
              colSpan={canDownload ? 12 : 11}
              loading={reports.isLoading}
              items={items}
              emptyText={t('disbursements.reports.empty')}
            />
            {items?.map((r) => (
              <Table.Tr key={r.id} data-testid="disbursement-report-row">
                <Table.Td>#{r.id}</Table.Td>
                <Table.Td>{r.channel === 'POS' ? 'PT Pos' : r.channel}</Table.Td>
                <Table.Td style={{ wordBreak: 'break-all' }}>{r.fileName}</Table.Td>
                <Table.Td ta="right">{n(r.rowsRead)}</Table.Td>
                <Table.Td ta="right">{n(r.accepted)}</Table.Td>
                <Table.Td ta="right" c={r.rejected > 0 ? 'red.8' : undefined}>
                  {n(r.rejected)}
                </Table.Td>
                <Table.Td ta="right">{n(r.alreadyReported)}</Table.Td>
                <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                  <Text size="sm">{formatRupiah(r.byStatus?.BERHASIL.amount ?? 0, language)}</Text>
                </Table.Td>
                {canDownload && (
                  <Table.Td>
                    {r.rejected > 0 ? (
                      <RejectedFileLinks url={(format) => rejectedLinesUrl(program, period, r.id, format)} />
                    ) : (
                      '—'
                    )}
                  </Table.Td>
                )}
                <Table.Td>{r.createdBy ?? '—'}</Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(r.finishedAt, language)}</Table.Td>
                <Table.Td>
                  <Button size="compact-xs" variant="subtle" onClick={() => onShowLines(r.id)}>
                    {t('disbursements.reports.showLines')}
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}
