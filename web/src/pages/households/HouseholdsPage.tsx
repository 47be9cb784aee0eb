import { Badge, Group, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { api, unwrap } from '../../api/client';
import { useCurrentUser } from '../../auth/session';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PagedTableFooter } from '../../components/PagedTableFooter';
import { RegionName } from '../../components/RegionName';
import { ScopeRegionFilter } from '../../components/ScopeRegionFilter';
import { TableStatusRows } from '../../components/StatusViews';
import { useI18n } from '../../i18n';

const PAGE_SIZE = 25;

/** A search that looks like a number must be a whole NIK/KK: part of one would show nothing. */
function searchProblem(q: string): number | null {
  const digits = q.replace(/\s/g, '');
  return /^\d+$/.test(digits) && digits.length !== 16 ? digits.length : null;
}

/** `1371 0129 0824 0002` as typed from a printed KK becomes the 16 digits the API matches. */
function normalizedSearch(q: string): string | undefined {
  const digits = q.replace(/\s/g, '');
  return /^\d{16}$/.test(digits) ? digits : q || undefined;
}

export function HouseholdsPage() {
  const { t } = useI18n();
  const user = useCurrentUser();
  const navigate = useNavigate();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 350);
  const [region, setRegion] = useState<string | null>(user.regionCode);
  const [page, setPage] = useState(1);
  const problem = searchProblem(q);

  const list = useQuery({
    queryKey: ['households', { q, region, page }],
    queryFn: () => {
      const filter = {
        regionCode: region && region !== user.regionCode ? region : undefined,
        page,
        pageSize: PAGE_SIZE,
      };
      const text = normalizedSearch(q);
      // A search text may be a NIK/KK, which must never travel in a URL: searches go in a POST
      // body; the plain list by region stays a GET.
      return unwrap(
        text
          ? api.POST('/api/households/search', { body: { ...filter, q: text } })
          : api.GET('/api/households', { params: { query: filter } }),
      );
    },
    enabled: problem === null,
    placeholderData: keepPreviousData,
  });

  const total = list.data?.total ?? 0;
  const items = problem === null ? list.data?.items : [];
  return (
    <Stack>
      <Title order={2}>{t('households.title')}</Title>
      <Group align="flex-start" gap="sm">
        <TextInput
          label={t('households.searchLabel')}
          placeholder={t('households.searchPlaceholder')}
          value={search}
          onChange={(event) => {
            setSearch(event.currentTarget.value);
            setPage(1);
          }}
          error={problem !== null ? t('households.digitsHint', { count: problem }) : undefined}
          type="search"
          w={{ base: '100%', xs: 320 }}
          data-testid="household-search"
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
      <Table.ScrollContainer minWidth={820} type="native">
        <Table striped highlightOnHover verticalSpacing="xs" data-testid="households-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('households.kk')}</Table.Th>
              <Table.Th>{t('households.head')}</Table.Th>
              <Table.Th>{t('households.address')}</Table.Th>
              <Table.Th>{t('households.region')}</Table.Th>
              <Table.Th ta="right">{t('households.members')}</Table.Th>
              <Table.Th ta="right">{t('households.desil')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            <TableStatusRows
              colSpan={6}
              loading={list.isLoading}
              items={items}
              emptyText={q ? t('common.noMatch') : t('households.empty')}
            />
            {items?.map((household) => (
              <Table.Tr
                key={household.id}
                onClick={() => navigate(`/keluarga/${household.id}`)}
                style={{ cursor: 'pointer' }}
                data-testid="household-row"
              >
                <Table.Td ff="monospace">{household.kkMasked}</Table.Td>
                <Table.Td>{household.headName ?? '—'}</Table.Td>
                <Table.Td>
                  <Text size="sm">{household.address ?? '—'}</Text>
                  {(household.rt || household.rw) && (
                    <Text size="xs" c="dimmed">
                      {t('households.rtRw', { rt: household.rt ?? '—', rw: household.rw ?? '—' })}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  <RegionName code={household.regionCode} />
                </Table.Td>
                <Table.Td ta="right">{household.memberCount}</Table.Td>
                <Table.Td ta="right">
                  {household.desil === null ? '—' : <Badge variant="light">{household.desil}</Badge>}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <PagedTableFooter total={total} pageSize={PAGE_SIZE} page={page} onPageChange={setPage} />
    </Stack>
  );
}
