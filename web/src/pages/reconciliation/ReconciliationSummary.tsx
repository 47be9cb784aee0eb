import { Alert, Grid, Paper, Stack, Table, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import type { Schemas } from '../../api/client';
import { useI18n } from '../../i18n';
import { formatNumber, formatRegionCode, formatRupiah } from '../../lib/format';
import { ReconciliationStatusBadge, SUMMARY_STATUSES } from './ReconciliationStatusBadge';

type Summary = Schemas['ReconciliationSummary'];

/** KPM and rupiah per status, the realisasi line, and the breakdowns by kecamatan and channel. */
export function ReconciliationSummary({ summary }: { summary: Summary }) {
  const { t, language } = useI18n();
  const n = (value: number) => formatNumber(value, language);
  const rp = (value: number) => formatRupiah(value, language);
  const allocatedKpm = SUMMARY_STATUSES.filter((s) => s !== 'TIDAK_DIALOKASIKAN').reduce(
    (sum, s) => sum + summary.byStatus[s].kpm,
    0,
  );
  const allocatedRp = SUMMARY_STATUSES.reduce((sum, s) => sum + summary.byStatus[s].allocated, 0);

  return (
    <Stack gap="md">
      <Paper withBorder p="md">
        <Stack gap="xs">
          <Title order={3} size="h5">
            {t('reconciliation.summaryTitle')}
          </Title>
          <Table.ScrollContainer minWidth={560} type="native">
            <Table verticalSpacing="xs" data-testid="reconciliation-by-status">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('reconciliation.status')}</Table.Th>
                  <Table.Th ta="right">{t('reconciliation.kpm')}</Table.Th>
                  <Table.Th ta="right">{t('reconciliation.allocated')}</Table.Th>
                  <Table.Th ta="right">{t('reconciliation.paid')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {SUMMARY_STATUSES.map((status) => {
                  const row = summary.byStatus[status];
                  return (
                    <Table.Tr key={status} data-testid={`summary-row-${status}`}>
                      <Table.Td>
                        <ReconciliationStatusBadge status={status} />
                      </Table.Td>
                      <Table.Td ta="right">
                        {n(row.kpm)}
                        {status === 'TIDAK_DIALOKASIKAN' && (
                          <Text span size="xs" c="dimmed">
                            {' '}
                            {t('reconciliation.lines').toLowerCase()}
                          </Text>
                        )}
                      </Table.Td>
                      <Table.Td ta="right">
                        {status === 'TIDAK_DIALOKASIKAN' ? '—' : rp(row.allocated)}
                      </Table.Td>
                      <Table.Td ta="right">{rp(row.paid)}</Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
              <Table.Tfoot>
                <Table.Tr>
                  <Table.Th>{t('reconciliation.total')}</Table.Th>
                  <Table.Th ta="right">{n(allocatedKpm)}</Table.Th>
                  <Table.Th ta="right">{rp(allocatedRp)}</Table.Th>
                  <Table.Th />
                </Table.Tr>
              </Table.Tfoot>
            </Table>
          </Table.ScrollContainer>
          <Alert color="blue" variant="light" data-testid="reconciliation-realisasi">
            <Text fw={600}>
              {t('reconciliation.realisasi', {
                kpm: n(summary.realisasi.kpm),
                paid: rp(summary.realisasi.paid),
              })}
            </Text>
            <Text size="xs" c="dimmed">
              {t('reconciliation.realisasiHint')}
            </Text>
          </Alert>
          {summary.unallocatedPaid > 0 && (
            <Alert color="grape" variant="light" data-testid="reconciliation-unallocated-paid">
              {t('reconciliation.unallocatedPaid', { paid: rp(summary.unallocatedPaid) })}
            </Alert>
          )}
        </Stack>
      </Paper>
      {/* Side by side only from xl: at 1,366 px the channel table (money, two figures per cell)
          was cut in a 5/12 column; stacked, each table has the full width. */}
      <Grid>
        <Grid.Col span={{ base: 12, xl: 6 }}>
          <BreakdownTable
            title={t('reconciliation.byKecamatan')}
            minWidth={480}
            testId="reconciliation-by-kecamatan"
            headers={[
              t('reconciliation.kecamatan'),
              t('reconciliation.kpm'),
              t('reconciliation.allocated'),
              t('reconciliation.paidKpm'),
              t('reconciliation.paid'),
            ]}
          >
            {summary.byKecamatan.map((k) => (
              <Table.Tr key={k.code}>
                <Table.Td>
                  <Text size="sm">{k.name ?? '—'}</Text>
                  <Text size="xs" c="dimmed" ff="monospace">
                    {formatRegionCode(k.code)}
                  </Text>
                </Table.Td>
                <Table.Td ta="right">{n(k.kpm)}</Table.Td>
                <Table.Td ta="right">{rp(k.allocated)}</Table.Td>
                <Table.Td ta="right">{n(k.paidKpm)}</Table.Td>
                <Table.Td ta="right">{rp(k.paid)}</Table.Td>
              </Table.Tr>
            ))}
          </BreakdownTable>
        </Grid.Col>
        <Grid.Col span={{ base: 12, xl: 6 }}>
          <BreakdownTable
            title={t('reconciliation.byChannel')}
            minWidth={420}
            testId="reconciliation-by-channel"
            headers={[
              t('reconciliation.channel'),
              t('reconciliation.paidKpm'),
              t('reconciliation.paid'),
              t('reconciliation.unallocatedLines'),
            ]}
          >
            {summary.byChannel.map((c) => (
              <Table.Tr key={c.channel}>
                <Table.Td>{c.channel}</Table.Td>
                <Table.Td ta="right">
                  {n(c.paidKpm)} / {n(c.kpm)}
                </Table.Td>
                <Table.Td ta="right">
                  <Text size="sm">{rp(c.paid)}</Text>
                  <Text size="xs" c="dimmed">
                    / {rp(c.allocated)}
                  </Text>
                </Table.Td>
                <Table.Td ta="right">
                  {n(c.unallocatedLines)}
                  {c.unallocatedPaid > 0 && (
                    <Text size="xs" c="grape">
                      {rp(c.unallocatedPaid)}
                    </Text>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </BreakdownTable>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}

/** A breakdown in its own panel: title, then a striped table whose first column is the key, the others figures. */
function BreakdownTable(props: {
  title: string;
  minWidth: number;
  testId: string;
  headers: string[];
  children: ReactNode;
}) {
  return (
    <Paper withBorder p="md">
      <Title order={3} size="h5" mb="xs">
        {props.title}
      </Title>
      <Table.ScrollContainer minWidth={props.minWidth} type="native">
        <Table striped verticalSpacing="xs" data-testid={props.testId}>
          <Table.Thead>
            <Table.Tr>
              {props.headers.map((header, i) => (
                <Table.Th key={header} ta={i === 0 ? undefined : 'right'}>
                  {header}
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>{props.children}</Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Paper>
  );
}
