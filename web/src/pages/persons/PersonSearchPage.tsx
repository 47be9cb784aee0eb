import { Anchor, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { api, unwrap } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { RegionName } from '../../components/RegionName';
import { TableStatusRows } from '../../components/StatusViews';
import { useI18n } from '../../i18n';
import { formatCalendarDate } from '../../lib/format';
import { StatusBadge, sexLabel } from '../../lib/personLabels';

const LIMIT = 50;

// The last search, in memory only (a NIK never goes into the URL or storage): coming back from
// a person's page shows the same list again.
let lastSearch = '';

/** `1371 0129 0824 0002` as typed from a printed card becomes the 16 digits the API matches. */
function normalised(q: string): string {
  const digits = q.replace(/\s/g, '');
  return /^\d+$/.test(digits) ? digits : q;
}

/** Why the text cannot be searched yet, or null (server rule: NIK/KK 16 digits, or ≥ 3 letters). */
function problem(q: string): 'digits' | 'short' | null {
  if (!q) return null;
  if (/^\d+$/.test(q)) return q.length === 16 ? null : 'digits';
  return q.length < 3 ? 'short' : null;
}

export function PersonSearchPage() {
  const { t, language } = useI18n();
  const navigate = useNavigate();
  const [search, setSearch] = useState(lastSearch);
  const [debounced] = useDebouncedValue(search.trim(), 350);
  const q = normalised(debounced);
  const issue = problem(q);
  useEffect(() => {
    lastSearch = search;
  }, [search]);

  const results = useQuery({
    queryKey: ['persons-search', q],
    queryFn: () => unwrap(api.POST('/api/persons/search', { body: { q, limit: LIMIT } })),
    enabled: q !== '' && issue === null,
    placeholderData: keepPreviousData,
  });
  const items = q && issue === null ? results.data?.items : undefined;

  return (
    <Stack>
      <Title order={2}>{t('persons.searchTitle')}</Title>
      <TextInput
        label={t('persons.searchLabel')}
        placeholder={t('persons.searchPlaceholder')}
        description={t('persons.searchHint')}
        value={search}
        onChange={(event) => setSearch(event.currentTarget.value)}
        error={
          issue === 'digits'
            ? t('households.digitsHint', { count: q.length })
            : issue === 'short'
              ? t('persons.tooShort')
              : undefined
        }
        type="search"
        autoComplete="off"
        w={{ base: '100%', xs: 420 }}
        data-testid="person-search"
      />
      <ErrorAlert error={results.error} onRetry={() => void results.refetch()} />
      {!q && (
        <Text c="dimmed" size="sm">
          {t('persons.start')}
        </Text>
      )}
      {items && items.length > 0 && (
        <Text size="sm" c="dimmed">
          {items.length >= LIMIT
            ? t('persons.limited', { count: LIMIT })
            : t('persons.found', { count: items.length })}
        </Text>
      )}
      {q && issue === null && (
        <Table.ScrollContainer minWidth={780} type="native">
          <Table striped highlightOnHover verticalSpacing="xs" data-testid="persons-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('persons.name')}</Table.Th>
                <Table.Th>{t('persons.nik')}</Table.Th>
                <Table.Th>{t('persons.kk')}</Table.Th>
                <Table.Th>{t('persons.birthDate')}</Table.Th>
                <Table.Th>{t('persons.sex')}</Table.Th>
                <Table.Th>{t('persons.status')}</Table.Th>
                <Table.Th>{t('persons.region')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              <TableStatusRows
                colSpan={7}
                loading={results.isLoading}
                items={items}
                emptyText={t('common.noMatch')}
              />
              {items?.map((person) => (
                <Table.Tr
                  key={person.id}
                  onClick={() => navigate(`/penduduk/${person.id}`)}
                  style={{ cursor: 'pointer' }}
                  data-testid="person-row"
                >
                  <Table.Td>
                    <Anchor
                      component={Link}
                      to={`/penduduk/${person.id}`}
                      size="sm"
                      onClick={(event) => event.stopPropagation()}
                    >
                      {person.name}
                    </Anchor>
                  </Table.Td>
                  <Table.Td ff="monospace">{person.nikMasked}</Table.Td>
                  <Table.Td ff="monospace">{person.kkMasked ?? '—'}</Table.Td>
                  <Table.Td>{formatCalendarDate(person.birthDate, language)}</Table.Td>
                  <Table.Td>{sexLabel(t, person.sex)}</Table.Td>
                  <Table.Td>
                    <StatusBadge status={person.status} />
                  </Table.Td>
                  <Table.Td>
                    <RegionName code={person.regionCode} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}
