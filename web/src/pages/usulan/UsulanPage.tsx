import { Button, Group, Select, Stack, Table, Text, Title } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { api, unwrap } from '../../api/client';
import { can } from '../../auth/permissions';
import { useCurrentUser } from '../../auth/session';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useNotify } from '../../components/Notifications';
import { PagedTableFooter } from '../../components/PagedTableFooter';
import { RegionName } from '../../components/RegionName';
import { ScopeRegionFilter } from '../../components/ScopeRegionFilter';
import { TableStatusRows } from '../../components/StatusViews';
import { useI18n } from '../../i18n';
import { formatDate } from '../../lib/format';
import { BatchesPanel } from './BatchesPanel';
import { KINDS, STATUSES, StatusBadge, type UsulanKind, type UsulanStatus } from './labels';
import { UsulanFormModal } from './UsulanFormModal';

const PAGE_SIZE = 25;

/** "Usulan": proposals of the reader's region with filters; creation and batches by role. */
export function UsulanPage() {
  const { t, language } = useI18n();
  const user = useCurrentUser();
  const navigate = useNavigate();
  const notify = useNotify();
  const [status, setStatus] = useState<UsulanStatus | null>(null);
  const [kind, setKind] = useState<UsulanKind | null>(null);
  const [region, setRegion] = useState<string>(user.regionCode);
  const [page, setPage] = useState(1);
  const [creating, setCreating] = useState(false);

  const list = useQuery({
    queryKey: ['usulan', { status, kind, region, page }],
    queryFn: () =>
      unwrap(
        api.GET('/api/usulan', {
          params: {
            query: {
              status: status ?? undefined,
              kind: kind ?? undefined,
              regionCode: region !== user.regionCode ? region : undefined,
              page,
              pageSize: PAGE_SIZE,
            },
          },
        }),
      ),
    placeholderData: keepPreviousData,
  });
  const total = list.data?.total ?? 0;

  return (
    <Stack>
      <Group justify="space-between" align="flex-start">
        <Title order={2}>{t('usulan.title')}</Title>
        {can(user.role, 'createUsulan') && (
          <Button onClick={() => setCreating(true)} data-testid="usulan-create">
            {t('usulan.create')}
          </Button>
        )}
      </Group>
      <Text c="dimmed" size="sm">
        {t('usulan.intro')}
      </Text>
      <Group align="flex-end" gap="sm">
        <Select
          label={t('usulan.status')}
          placeholder={t('usulan.allStatuses')}
          data={STATUSES.map((value) => ({ value, label: t(`usulan.statuses.${value}`) }))}
          value={status}
          onChange={(value) => {
            setStatus(value as UsulanStatus | null);
            setPage(1);
          }}
          clearable
          w={220}
          data-testid="usulan-filter-status"
        />
        <Select
          label={t('usulan.kind')}
          placeholder={t('usulan.allKinds')}
          data={KINDS.map((value) => ({ value, label: t(`usulan.kinds.${value}`) }))}
          value={kind}
          onChange={(value) => {
            setKind(value as UsulanKind | null);
            setPage(1);
          }}
          clearable
          w={200}
        />
        <ScopeRegionFilter
          value={region}
          onChange={(code) => {
            setRegion(code);
            setPage(1);
          }}
        />
      </Group>
      <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />
      <Table.ScrollContainer minWidth={860} type="native">
        <Table striped highlightOnHover verticalSpacing="xs" data-testid="usulan-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('usulan.id')}</Table.Th>
              <Table.Th>{t('usulan.kind')}</Table.Th>
              <Table.Th>{t('usulan.subject')}</Table.Th>
              <Table.Th>{t('usulan.nik')}</Table.Th>
              <Table.Th>{t('usulan.region')}</Table.Th>
              <Table.Th>{t('usulan.status')}</Table.Th>
              <Table.Th>{t('usulan.created')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            <TableStatusRows
              colSpan={7}
              loading={list.isLoading}
              items={list.data?.items}
              emptyText={t('usulan.empty')}
            />
            {list.data?.items.map((u) => (
              <Table.Tr
                key={u.id}
                onClick={() => navigate(`/usulan/${u.id}`)}
                style={{ cursor: 'pointer' }}
                data-testid="usulan-row"
              >
                <Table.Td>{u.id}</Table.Td>
                <Table.Td>{t(`usulan.kinds.${u.kind}`)}</Table.Td>
                <Table.Td>{u.subjectName}</Table.Td>
                <Table.Td ff="monospace">{u.nikMasked ?? '—'}</Table.Td>
                <Table.Td>
                  <RegionName code={u.regionCode} />
                </Table.Td>
                <Table.Td>
                  <StatusBadge status={u.status} />
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{formatDate(u.createdAt, language)}</Text>
                  <Text size="xs" c="dimmed">
                    {u.createdByName}
                  </Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <PagedTableFooter total={total} pageSize={PAGE_SIZE} page={page} onPageChange={setPage} />
      {can(user.role, 'usulanBatches') && <BatchesPanel />}
      {creating && (
        <UsulanFormModal
          onClose={() => setCreating(false)}
          onCreated={(id) => {
            setCreating(false);
            notify({ color: 'green', message: t('usulan.form.created', { id: String(id) }) });
            navigate(`/usulan/${id}`);
          }}
        />
      )}
    </Stack>
  );
}
