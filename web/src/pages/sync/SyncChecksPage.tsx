import { Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useNavigate } from 'react-router-dom';
import { api, unwrap } from '../../api/client';
import { can } from '../../auth/permissions';
import { useCurrentUser } from '../../auth/session';
import { ErrorAlert } from '../../components/ErrorAlert';
import { TableStatusRows } from '../../components/StatusViews';
import { useI18n } from '../../i18n';
import { formatDateTime, formatNumber } from '../../lib/format';
import { StatusCountBadges } from './SyncStatusBadge';
import { SyncUploadPanel } from './SyncUploadPanel';

/** "Cek Sinkron": the checks run so far (counts within the reader's region) and, for the office, a new one. */
export function SyncChecksPage() {
  const { t, language } = useI18n();
  const user = useCurrentUser();
  const navigate = useNavigate();
  const checks = useQuery({ queryKey: ['sync-checks'], queryFn: () => unwrap(api.GET('/api/sync-checks')) });
  return (
    <Stack>
      <Title order={2}>{t('sync.title')}</Title>
      <Text c="dimmed" size="sm">
        {t('sync.intro')}
      </Text>
      {can(user.role, 'registryImport') && <SyncUploadPanel />}
      <Title order={3} size="h4">
        {t('sync.listTitle')}
      </Title>
      <ErrorAlert error={checks.error} onRetry={() => void checks.refetch()} />
      <Table.ScrollContainer minWidth={820} type="native">
        <Table striped highlightOnHover verticalSpacing="xs" data-testid="sync-checks-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('sync.created')}</Table.Th>
              <Table.Th>{t('sync.fileName')}</Table.Th>
              <Table.Th ta="right">{t('sync.rows')}</Table.Th>
              <Table.Th ta="right">{t('sync.rejected')}</Table.Th>
              <Table.Th>{t('sync.statusFilter')}</Table.Th>
              <Table.Th>{t('sync.createdBy')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            <TableStatusRows
              colSpan={6}
              loading={checks.isLoading}
              items={checks.data?.items}
              emptyText={t('sync.empty')}
            />
            {checks.data?.items.map((check) => (
              <Table.Tr
                key={check.id}
                onClick={() => navigate(`/cek-sinkron/${check.id}`)}
                style={{ cursor: 'pointer' }}
                data-testid="sync-check-row"
              >
                <Table.Td>{formatDateTime(check.createdAt, language)}</Table.Td>
                <Table.Td>{check.fileName}</Table.Td>
                <Table.Td ta="right">{formatNumber(check.rowsRead, language)}</Table.Td>
                <Table.Td ta="right">{formatNumber(check.rejected, language)}</Table.Td>
                <Table.Td>
                  <StatusCountBadges counts={check.counts} />
                </Table.Td>
                <Table.Td>{check.createdBy ?? '—'}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}
