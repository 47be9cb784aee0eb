import { Button, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import { can } from '../../auth/permissions';
import { useCurrentUser } from '../../auth/session';
import { ImportHistoryTable, RejectedFileCell } from '../../components/ImportHistoryTable';
import { useI18n } from '../../i18n';
import { formatDate, formatDateTime, formatNumber, formatRupiah, type Language } from '../../lib/format';
import { rejectedLinesUrl } from './uploadReport';

/** `19.23 WIB`: the time part of formatDateTime, for a date and its time on two lines. */
function formatTime(iso: string, language: Language): string {
  return formatDateTime(iso, language).slice(formatDate(iso, language).length + 1);
}

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
    <ImportHistoryTable
      title={t('disbursements.reports.title')}
      // A report file covers the whole office; an operator's lines below are their region's only.
      note={user.regionCode.length > 4 ? t('disbursements.reports.wholeFileNote') : undefined}
      query={reports}
      // Fits the 1,084 px content area of a 1,366 px screen (report and channel, date, time and
      // importer share a cell); narrower screens scroll the table sideways, the page never.
      minWidth={860}
      testId="disbursement-reports"
      headers={
        <>
          <Table.Th>{t('disbursements.reports.report')}</Table.Th>
          <Table.Th>{t('disbursements.reports.file')}</Table.Th>
          <Table.Th ta="right">{t('disbursements.reports.rowsRead')}</Table.Th>
          <Table.Th ta="right">{t('disbursements.reports.accepted')}</Table.Th>
          <Table.Th ta="right">{t('disbursements.reports.rejected')}</Table.Th>
          <Table.Th ta="right">{t('disbursements.reports.alreadyReported')}</Table.Th>
          <Table.Th ta="right">{t('disbursements.reports.paid')}</Table.Th>
          {canDownload && <Table.Th>{t('disbursements.reports.rejectedRows')}</Table.Th>}
          <Table.Th>{t('disbursements.reports.finishedBy')}</Table.Th>
          <Table.Th />
        </>
      }
      colSpan={canDownload ? 10 : 9}
      items={items}
      emptyText={t('disbursements.reports.empty')}
      rows={items?.map((r) => (
        <Table.Tr key={r.id} data-testid="disbursement-report-row">
          <Table.Td>
            <ReportCell reportId={r.id} channel={r.channel} />
          </Table.Td>
          <Table.Td miw={140} maw={260} style={{ overflowWrap: 'anywhere' }}>
            {r.fileName}
          </Table.Td>
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
            <RejectedFileCell
              rejected={r.rejected}
              url={(format) => rejectedLinesUrl(program, period, r.id, format)}
            />
          )}
          <Table.Td>
            <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
              {formatDate(r.finishedAt, language)}
            </Text>
            <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
              {r.finishedAt ? formatTime(r.finishedAt, language) : ''}
              {r.createdBy ? ` · ${r.createdBy}` : ''}
            </Text>
          </Table.Td>
          <Table.Td>
            <Button
              size="compact-xs"
              style={{ whiteSpace: 'nowrap' }}
              variant="subtle"
              onClick={() => onShowLines(r.id)}
            >
              {t('disbursements.reports.showLines')}
            </Button>
          </Table.Td>
        </Table.Tr>
      ))}
    />
  );
}

/** A report as its tables name it: its number, the channel under it (PT Pos spelt out). */
export function ReportCell({ reportId, channel }: { reportId: number; channel: string }) {
  return (
    <>
      <Text size="sm">#{reportId}</Text>
      <Text size="xs" c="dimmed">
        {channel === 'POS' ? 'PT Pos' : channel}
      </Text>
    </>
  );
}
