import { Anchor, Button, Group, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { api, type Schemas, unwrap } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PagedTableFooter } from '../../components/PagedTableFooter';
import { RegionName } from '../../components/RegionName';
import { TableStatusRows } from '../../components/StatusViews';
import { useI18n } from '../../i18n';
import { formatCalendarDate, formatNumber } from '../../lib/format';
import { StatusBadge } from '../../lib/personLabels';
import { warningLabel } from '../registry/labels';
import type { QualityCategory } from './QualityPage';

type Item = Schemas['QualityItem'];
type PersonItem = Extract<Item, { kind: 'person' }>;
type GroupItem = Extract<Item, { kind: 'group' }>;
type HouseholdItem = Extract<Item, { kind: 'household' }>;

const PAGE_SIZE = 25;

function PersonRows({ items, loading }: { items: PersonItem[]; loading: boolean }) {
  const { t, language } = useI18n();
  return (
    <Table.ScrollContainer minWidth={820} type="native">
      <Table striped verticalSpacing="xs" data-testid="quality-persons">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('persons.name')}</Table.Th>
            <Table.Th>{t('persons.nik')}</Table.Th>
            <Table.Th>{t('persons.birthDate')}</Table.Th>
            <Table.Th>{t('persons.status')}</Table.Th>
            <Table.Th>{t('persons.region')}</Table.Th>
            <Table.Th>{t('households.notes')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          <TableStatusRows colSpan={6} loading={loading} items={items} emptyText={t('quality.empty')} />
          {items.map((item) => (
            <Table.Tr key={item.personId} data-testid="quality-person-row">
              <Table.Td>
                <Anchor component={Link} to={`/penduduk/${item.personId}`} size="sm">
                  {item.name}
                </Anchor>
                {item.householdId !== null && (
                  <Text size="xs">
                    <Anchor component={Link} to={`/keluarga/${item.householdId}`} size="xs">
                      {t('persons.openHousehold')}
                    </Anchor>
                  </Text>
                )}
              </Table.Td>
              <Table.Td ff="monospace">{item.nik}</Table.Td>
              <Table.Td>{formatCalendarDate(item.birthDate, language)}</Table.Td>
              <Table.Td>
                <StatusBadge status={item.status} />
              </Table.Td>
              <Table.Td>
                <RegionName code={item.regionCode} />
              </Table.Td>
              <Table.Td>
                <Stack gap={2}>
                  {item.nikWarnings.map((code) => (
                    <Text key={code} size="xs" c="yellow.9">
                      {warningLabel(t, code)}
                    </Text>
                  ))}
                  {item.absentSinceEdition && (
                    <Text size="xs" c="orange.8">
                      {t('persons.absentSince', { edition: item.absentSinceEdition })}
                    </Text>
                  )}
                </Stack>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** People with the same name and birth date, side by side, to compare and decide. */
function Groups({ items, loading }: { items: GroupItem[]; loading: boolean }) {
  const { t, language } = useI18n();
  if (loading) return <Text c="dimmed">{t('common.loading')}</Text>;
  if (items.length === 0) return <Text c="dimmed">{t('quality.empty')}</Text>;
  return (
    <Stack gap="sm" data-testid="quality-groups">
      {items.map((group) => (
        <Paper key={`${group.name}:${group.birthDate}`} withBorder p="sm" data-testid="quality-group">
          <Group justify="space-between" gap="xs" mb="xs">
            <Text fw={600} size="sm">
              {t('quality.group', { name: group.name, date: formatCalendarDate(group.birthDate, language) })}
            </Text>
            <Text size="xs" c="dimmed">
              {t('quality.groupCount', { count: group.persons.length })}
            </Text>
          </Group>
          <SimpleGrid
            cols={{ base: 1, xs: 2, md: Math.min(4, Math.max(2, group.persons.length)) }}
            spacing="xs"
          >
            {group.persons.map((person) => (
              <Paper key={person.personId} withBorder p="xs" bg="gray.0">
                <Stack gap={4}>
                  <Group justify="space-between" gap="xs" wrap="nowrap">
                    <Anchor component={Link} to={`/penduduk/${person.personId}`} size="sm" fw={600}>
                      {person.name}
                    </Anchor>
                    <StatusBadge status={person.status} />
                  </Group>
                  <Text size="sm" ff="monospace">
                    {person.nik}
                  </Text>
                  <RegionName code={person.regionCode} />
                  {person.householdId !== null && (
                    <Anchor component={Link} to={`/keluarga/${person.householdId}`} size="xs">
                      {t('persons.openHousehold')}
                    </Anchor>
                  )}
                </Stack>
              </Paper>
            ))}
          </SimpleGrid>
        </Paper>
      ))}
    </Stack>
  );
}

function HouseholdRows({ items, loading }: { items: HouseholdItem[]; loading: boolean }) {
  const { t, language } = useI18n();
  return (
    <Table.ScrollContainer minWidth={520} type="native">
      <Table striped verticalSpacing="xs" data-testid="quality-households">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('households.kk')}</Table.Th>
            <Table.Th>{t('households.region')}</Table.Th>
            <Table.Th ta="right">{t('quality.membersAlive')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          <TableStatusRows colSpan={3} loading={loading} items={items} emptyText={t('quality.empty')} />
          {items.map((item) => (
            <Table.Tr key={item.householdId} data-testid="quality-household-row">
              <Table.Td ff="monospace">
                <Anchor component={Link} to={`/keluarga/${item.householdId}`} size="sm" ff="monospace">
                  {item.kk}
                </Anchor>
              </Table.Td>
              <Table.Td>
                <RegionName code={item.regionCode} />
              </Table.Td>
              <Table.Td ta="right">{formatNumber(item.memberCount, language)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** One category's findings, a page at a time, with the whole list as XLSX. */
export function QualityList({ category }: { category: QualityCategory }) {
  const { t } = useI18n();
  const [page, setPage] = useState(1);
  const list = useQuery({
    queryKey: ['quality', category, page],
    queryFn: () =>
      unwrap(
        api.GET('/api/registry/quality/{category}', {
          params: { path: { category }, query: { page, pageSize: PAGE_SIZE } },
        }),
      ),
    placeholderData: keepPreviousData,
  });
  const items = list.data?.items ?? [];
  const total = list.data?.total ?? 0;
  const loading = list.isLoading;
  const shape =
    category === 'possibleDuplicates' || category === 'personInTwoHouseholds'
      ? 'group'
      : category === 'householdsWithoutHead'
        ? 'household'
        : 'person';

  return (
    <Stack gap="sm" data-testid="quality-list">
      <Group justify="space-between" gap="xs">
        <Title order={3} size="h4">
          {t(`quality.categories.${category}`)}
        </Title>
        <Button
          component="a"
          href={`/api/registry/quality/${category}/export.xlsx`}
          download
          variant="light"
          size="xs"
          data-testid="quality-download"
        >
          {t('quality.download')}
        </Button>
      </Group>
      <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />
      {shape === 'person' && (
        <PersonRows items={items.filter((i): i is PersonItem => i.kind === 'person')} loading={loading} />
      )}
      {shape === 'group' && (
        <Groups items={items.filter((i): i is GroupItem => i.kind === 'group')} loading={loading} />
      )}
      {shape === 'household' && (
        <HouseholdRows
          items={items.filter((i): i is HouseholdItem => i.kind === 'household')}
          loading={loading}
        />
      )}
      <PagedTableFooter total={total} pageSize={PAGE_SIZE} page={page} onPageChange={setPage} />
    </Stack>
  );
}
