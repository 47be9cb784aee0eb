import { Anchor, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { TableStatusRows } from '../../components/StatusViews';
import { useI18n } from '../../i18n';
import { formatDateTime, formatNumber } from '../../lib/format';
import { rejectedReportUrl } from './labels';

/** The last imports (newest first), each with its rejected-rows report. */
export function ImportHistory() {
  const { t, language } = useI18n();
  const imports = useQuery({
    queryKey: ['registry-imports'],
    queryFn: () => unwrap(api.GET('/api/registry/imports')),
  });
  const items = imports.data?.items;
  return (
    <Stack gap="xs">
      <Title order={3} size="h4">
        {t('registry.history.title')}
      </Title>
      <ErrorAlert error={imports.error} onRetry={() => void imports.refetch()} />
      <Table.ScrollContainer minWidth={860} type="native">
        <Table striped verticalSpacing="xs" data-testid="import-history">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('registry.history.id')}</Table.Th>
              <Table.Th>{t('registry.history.edition')}</Table.Th>
              <Table.Th>{t('registry.history.file')}</Table.Th>
              <Table.Th ta="right">{t('registry.history.rowsRead')}</Table.Th>
              <Table.Th ta="right">{t('registry.history.accepted')}</Table.Th>
              <Table.Th ta="right">{t('registry.history.rejected')}</Table.Th>
              <Table.Th>{t('registry.history.rejectedRows')}</Table.Th>
              <Table.Th>{t('registry.history.by')}</Table.Th>
              <Table.Th>{t('registry.history.finished')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            <TableStatusRows
              colSpan={9}
              loading={imports.isLoading}
              items={items}
              emptyText={t('registry.history.empty')}
            />
            {items?.map((item) => (
              <Table.Tr key={item.id} data-testid="import-history-row">
                <Table.Td>#{item.id}</Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  <Text size="sm">{item.edition}</Text>
                  <Text size="xs" c="dimmed">
                    {item.kind}
                  </Text>
                </Table.Td>
                <Table.Td miw={200} style={{ overflowWrap: 'anywhere' }}>
                  {item.fileName}
                </Table.Td>
                <Table.Td ta="right">{formatNumber(item.rowsRead, language)}</Table.Td>
                <Table.Td ta="right">{formatNumber(item.accepted, language)}</Table.Td>
                <Table.Td ta="right" c={item.rejected > 0 ? 'red.8' : undefined}>
                  {formatNumber(item.rejected, language)}
                </Table.Td>
                <Table.Td>
                  {item.rejected > 0 ? (
                    <Group gap="xs" wrap="nowrap">
                      <Anchor href={rejectedReportUrl(item.id, 'csv')} download size="sm">
                        CSV
                      </Anchor>
                      <Anchor href={rejectedReportUrl(item.id, 'xlsx')} download size="sm">
                        XLSX
                      </Anchor>
                    </Group>
                  ) : (
                    '—'
                  )}
                </Table.Td>
                <Table.Td>{item.createdBy ?? '—'}</Table.Td>
                <Table.Td>{formatDateTime(item.finishedAt, language)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}
