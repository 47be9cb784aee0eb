import { Badge, Button, Group, Select, Stack, Table, Text, Title } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api, unwrap } from '../../api/client';
import { useCurrentUser } from '../../auth/session';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ScopeRegionFilter } from '../../components/ScopeRegionFilter';
import { TableStatusRows } from '../../components/StatusViews';
import { useI18n } from '../../i18n';
import { formatCalendarDate, formatRegionCode, formatRupiah } from '../../lib/format';
import { ReportCell } from './ReportsTable';

const PAGE_SIZE = 50;

// Mantine's Badge clips its label with an ellipsis, so an auto-width table column squeezed it
// to "GAG…": a status word must stay readable, the column takes its width instead.
const UNCUT = { root: { overflow: 'visible' }, label: { overflow: 'visible' } } as const;

/** The period's report lines the reader may see (the server scopes them), NIK masked, with filters. */
export function LinesTable({
  program,
  period,
  reportId,
  onReportChange,
  reportIds,
}: {
  program: string;
  period: string;
  reportId: number | null;
  onReportChange: (id: number | null) => void;
  reportIds: number[];
}) {
  const { t, language } = useI18n();
  const user = useCurrentUser();
  const [status, setStatus] = useState<'BERHASIL' | 'GAGAL' | null>(null);
  const [allocated, setAllocated] = useState<'yes' | 'no' | null>(null);
  const [region, setRegion] = useState<string | null>(null);
  const [page, setPage] = useState(1);
  // The reader's own region is no filter: it would hide unmatched lines that have no region.
  const regionFilter = region && region !== user.regionCode ? region.replace(/\./g, '') : undefined;
  const lines = useQuery({
    queryKey: ['disbursement-lines', program, period, reportId, status, allocated, regionFilter, page],
    queryFn: () =>
      unwrap(
        api.GET('/api/programs/{program}/periods/{period}/disbursements', {
          params: {
            path: { program, period },
            query: {
              page,
              pageSize: PAGE_SIZE,
              ...(reportId ? { reportId } : {}),
              ...(status ? { status } : {}),
              ...(allocated ? { allocated } : {}),
              ...(regionFilter ? { region: regionFilter } : {}),
            },
          },
        }),
      ),
    placeholderData: keepPreviousData,
  });
  const items = lines.data?.items;
  const reset =
    <T,>(set: (v: T) => void) =>
    (v: T) => {
      set(v);
      setPage(1);
    };
  return (
    <Stack gap="xs">
      <Title order={3} size="h4">
        {t('disbursements.lines.title')}
      </Title>
      <Group align="flex-end" wrap="wrap">
        <Select
          label={t('disbursements.lines.report')}
          data={[
            { value: '', label: t('disbursements.lines.allReports') },
            ...reportIds.map((id) => ({ value: String(id), label: `#${id}` })),
          ]}
          value={reportId ? String(reportId) : ''}
          onChange={(v) => {
            onReportChange(v ? Number(v) : null);
            setPage(1);
          }}
          w={160}
          allowDeselect={false}
        />
        <Select
          label={t('disbursements.lines.status')}
          data={[
            { value: '', label: t('disbursements.lines.allStatuses') },
            { value: 'BERHASIL', label: 'BERHASIL' },
            { value: 'GAGAL', label: 'GAGAL' },
          ]}
          value={status ?? ''}
          onChange={(v) => reset(setStatus)((v || null) as 'BERHASIL' | 'GAGAL' | null)}
          w={160}
          allowDeselect={false}
          data-testid="disbursement-filter-status"
        />
        <Select
          label={t('disbursements.lines.allocated')}
          data={[
            { value: '', label: t('disbursements.lines.allAllocated') },
            { value: 'yes', label: t('disbursements.lines.allocatedYes') },
            { value: 'no', label: t('disbursements.lines.allocatedNo') },
          ]}
          value={allocated ?? ''}
          onChange={(v) => reset(setAllocated)((v || null) as 'yes' | 'no' | null)}
          w={280}
          allowDeselect={false}
        />
        <ScopeRegionFilter value={region} onChange={reset(setRegion)} />
      </Group>
      <ErrorAlert error={lines.error} onRetry={() => void lines.refetch()} />
      <Table.ScrollContainer minWidth={860} type="native">
        <Table striped verticalSpacing="xs" data-testid="disbursement-lines">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('disbursements.lines.report')}</Table.Th>
              <Table.Th ta="right">{t('disbursements.lines.line')}</Table.Th>
              <Table.Th>
                {t('disbursements.lines.nik')} / {t('disbursements.lines.account')}
              </Table.Th>
              <Table.Th ta="right">{t('disbursements.lines.amount')}</Table.Th>
              <Table.Th>{t('disbursements.lines.paidOn')}</Table.Th>
              <Table.Th>{t('disbursements.lines.status')}</Table.Th>
              <Table.Th>{t('disbursements.lines.reason')}</Table.Th>
              <Table.Th>{t('disbursements.lines.allocated')}</Table.Th>
              <Table.Th>{t('disbursements.lines.region')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            <TableStatusRows
              colSpan={9}
              loading={lines.isLoading}
              items={items}
              emptyText={t('disbursements.lines.empty')}
            />
            {items?.map((l) => (
              <Table.Tr key={l.id} data-testid="disbursement-line">
                <Table.Td>
                  <ReportCell reportId={l.reportId} channel={l.channel} />
                </Table.Td>
                <Table.Td ta="right">{l.line}</Table.Td>
                {/* NIK over account: a line names one or both, and two unbreakable 16-character
                    columns side by side pushed the table past a 1,366 px screen. */}
                <Table.Td ff="monospace">
                  <Text size="sm" ff="monospace">
                    {l.nikMasked ?? '—'}
                  </Text>
                  <Text size="xs" c="dimmed" ff="monospace">
                    {l.accountMasked ?? '—'}
                  </Text>
                </Table.Td>
                <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                  {formatRupiah(l.amount, language)}
                </Table.Td>
                {/* The date may wrap ("16 Februari / 2026"): the readable status badge needs the room. */}
                <Table.Td miw={96}>{formatCalendarDate(l.paidOn, language)}</Table.Td>
                <Table.Td>
                  <Badge color={l.status === 'BERHASIL' ? 'green' : 'red'} variant="light" styles={UNCUT}>
                    {l.status}
                  </Badge>
                </Table.Td>
                <Table.Td>{l.reason ?? '—'}</Table.Td>
                <Table.Td>
                  {l.allocated ? (
                    t('disbursements.lines.yes')
                  ) : (
                    // "Tidak ada" rather than the 18-letter code keeps the table within the screen;
                    // the code (used by the filter and the reconciliation) is on hover.
                    <Badge color="orange" variant="light" styles={UNCUT} title="TIDAK_DIALOKASIKAN">
                      {t('disbursements.lines.no')}
                    </Badge>
                  )}
                </Table.Td>
                <Table.Td>{formatRegionCode(l.regionCode)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Group justify="flex-end" gap="xs">
        <Button size="xs" variant="default" disabled={page <= 1} onClick={() => setPage(page - 1)}>
          {t('disbursements.lines.previous')}
        </Button>
        <Text size="sm">{t('disbursements.lines.page', { page })}</Text>
        <Button size="xs" variant="default" disabled={!lines.data?.hasMore} onClick={() => setPage(page + 1)}>
          {t('disbursements.lines.next')}
        </Button>
      </Group>
    </Stack>
  );
}
