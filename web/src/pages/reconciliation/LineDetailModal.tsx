import { Badge, Group, Modal, Stack, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { RegionName } from '../../components/RegionName';
import { PageLoader } from '../../components/StatusViews';
import { useI18n } from '../../i18n';
import { formatCalendarDate, formatRupiah } from '../../lib/format';
import { ReconciliationStatusBadge } from './ReconciliationStatusBadge';

/**
 * One allocation line with every channel report line matched to it, oldest first: a failure
 * then a PT Pos retry, or the two payments of a GANDA, show here. Opening it is audited.
 */
export function LineDetailModal({
  program,
  period,
  allocationId,
  onClose,
}: {
  program: string;
  period: string;
  allocationId: number | null;
  onClose: () => void;
}) {
  const { t, language } = useI18n();
  const detail = useQuery({
    queryKey: ['reconciliation-line', program, period, allocationId],
    queryFn: () =>
      unwrap(
        api.GET('/api/programs/{program}/periods/{period}/reconciliation/lines/{allocationId}', {
          params: { path: { program, period, allocationId: allocationId ?? 0 } },
        }),
      ),
    enabled: allocationId !== null,
  });
  const line = detail.data;
  const rp = (value: number) => formatRupiah(value, language);

  return (
    <Modal opened={allocationId !== null} onClose={onClose} title={t('reconciliation.detailTitle')} size="xl">
      <ErrorAlert error={detail.error} />
      {detail.isLoading && <PageLoader />}
      {line && (
        <Stack gap="sm" data-testid="reconciliation-line-detail">
          <Group justify="space-between">
            <div>
              <Text fw={600}>{line.name ?? '—'}</Text>
              <Text size="sm" ff="monospace">
                {t('reconciliation.nik')} {line.nik}
              </Text>
            </div>
            <ReconciliationStatusBadge status={line.status} />
          </Group>
          <Group gap="xl">
            <RegionName code={line.regionCode} />
            <Text size="sm">
              {line.channel} · {t('reconciliation.amount')} {rp(line.amount)} ·{' '}
              {t('reconciliation.paidAmount')} {rp(line.paidAmount)}
            </Text>
          </Group>
          {line.flags.length > 0 && (
            <Group gap={4}>
              {line.flags.map((flag) => (
                <Badge key={flag} variant="outline" color="orange" size="sm">
                  {flag}
                </Badge>
              ))}
            </Group>
          )}
          <Text fw={600} size="sm">
            {t('reconciliation.history')}
          </Text>
          {line.disbursements.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t('reconciliation.noHistory')}
            </Text>
          ) : (
            <Table verticalSpacing="xs" striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('reconciliation.date')}</Table.Th>
                  <Table.Th>{t('reconciliation.file')}</Table.Th>
                  <Table.Th>{t('reconciliation.channel')}</Table.Th>
                  <Table.Th ta="right">{t('reconciliation.paidAmount')}</Table.Th>
                  <Table.Th>{t('reconciliation.reportStatus')}</Table.Th>
                  <Table.Th>{t('reconciliation.reason')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {line.disbursements.map((d) => (
                  <Table.Tr key={d.id}>
                    <Table.Td>{formatCalendarDate(d.paidOn, language)}</Table.Td>
                    <Table.Td>
                      <Text size="sm">{d.fileName}</Text>
                      <Text size="xs" c="dimmed">
                        {t('reconciliation.line')} {d.line}
                      </Text>
                    </Table.Td>
                    <Table.Td>{d.channel}</Table.Td>
                    <Table.Td ta="right">{rp(d.amount)}</Table.Td>
                    <Table.Td>
                      <Badge color={d.status === 'BERHASIL' ? 'green' : 'red'} variant="light">
                        {d.status}
                      </Badge>
                    </Table.Td>
                    <Table.Td>{d.reason ?? '—'}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </Stack>
      )}
    </Modal>
  );
}
