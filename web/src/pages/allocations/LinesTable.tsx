import { Badge, Button, Group, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api, unwrap } from '../../api/client';
import { useCurrentUser } from '../../auth/session';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ScopeRegionFilter } from '../../components/ScopeRegionFilter';
import { TableStatusRows } from '../../components/StatusViews';
import { useI18n } from '../../i18n';
import { formatNumber, formatRegionCode, formatRupiah } from '../../lib/format';
import { CHANNELS, channelLabel, FLAGS } from './uploadAllocation';

const PAGE_SIZE = 50;
type Flag = (typeof FLAGS)[number];
type Channel = (typeof CHANNELS)[number];

/**
 * The period's allocation lines the reader may see (the server scopes them), NIK masked.
 * Filters go in the body of POST …/allocations/search, so a NIK typed here never reaches a URL.
 */
export function LinesTable({
  program,
  period,
  onOpen,
}: {
  program: string;
  period: string;
  onOpen: (id: number) => void;
}) {
  const { t, language } = useI18n();
  const user = useCurrentUser();
  const [flag, setFlag] = useState<Flag | null>(null);
  const [channel, setChannel] = useState<Channel | null>(null);
  const [region, setRegion] = useState<string | null>(null);
  const [nameInput, setNameInput] = useState('');
  const [nikInput, setNikInput] = useState('');
  const [search, setSearch] = useState<{ name?: string; nik?: string }>({});
  const [page, setPage] = useState(1);
  const regionFilter = region && region !== user.regionCode ? region.replace(/\./g, '') : undefined;
  const nikError = nikInput.trim() !== '' && !/^\d{16}$/.test(nikInput.trim());

  const lines = useQuery({
    queryKey: ['allocations', program, period, flag, channel, regionFilter, search, page],
    queryFn: () =>
      unwrap(
        api.POST('/api/programs/{program}/periods/{period}/allocations/search', {
          params: { path: { program, period } },
          body: {
            page,
            pageSize: PAGE_SIZE,
            ...(flag ? { flag } : {}),
            ...(channel ? { channel } : {}),
            ...(regionFilter ? { regionCode: regionFilter } : {}),
            ...search,
          },
        }),
      ),
    placeholderData: keepPreviousData,
  });
  const items = lines.data?.items;
  const total = lines.data?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const reset =
    <T,>(set: (v: T) => void) =>
    (v: T) => {
      set(v);
      setPage(1);
    };
  const submit = () => {
    if (nikError) return;
    const name = nameInput.trim();
    const nik = nikInput.trim();
    setSearch({ ...(name ? { name } : {}), ...(nik ? { nik } : {}) });
    setPage(1);
  };

  return (
    <Stack gap="xs">
      <Group justify="space-between">
        <Title order={3} size="h4">
          {t('allocations.lines.title')}
        </Title>
        <Text size="sm" c="dimmed" data-testid="allocation-total">
          {t('allocations.lines.total', { total: formatNumber(total, language) })}
        </Text>
      </Group>
      <Group align="flex-end" wrap="wrap">
        <Select
          label={t('allocations.lines.flag')}
          data={[
            { value: '', label: t('allocations.lines.allFlags') },
            ...FLAGS.map((f) => ({ value: f, label: t(`allocations.flags.${f}`) })),
          ]}
          value={flag ?? ''}
          onChange={(v) => reset(setFlag)((v || null) as Flag | null)}
          allowDeselect={false}
          w={220}
          data-testid="allocation-filter-flag"
        />
        <Select
          label={t('allocations.lines.channel')}
          data={[
            { value: '', label: t('allocations.lines.allChannels') },
            ...CHANNELS.map((c) => ({ value: c, label: channelLabel(c) })),
          ]}
          value={channel ?? ''}
          onChange={(v) => reset(setChannel)((v || null) as Channel | null)}
          allowDeselect={false}
          w={170}
        />
        <ScopeRegionFilter value={region} onChange={reset(setRegion)} />
      </Group>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
      >
        <Group align="flex-end" wrap="wrap">
          <TextInput
            label={t('allocations.lines.name')}
            placeholder={t('allocations.lines.namePlaceholder')}
            value={nameInput}
            onChange={(e) => setNameInput(e.currentTarget.value)}
            w={220}
            data-testid="allocation-search-name"
          />
          <TextInput
            label={t('allocations.lines.nik')}
            placeholder={t('allocations.lines.nikPlaceholder')}
            value={nikInput}
            onChange={(e) => setNikInput(e.currentTarget.value)}
            error={nikError ? t('allocations.lines.nikInvalid') : undefined}
            inputMode="numeric"
            autoComplete="off"
            w={200}
            data-testid="allocation-search-nik"
          />
          <Button type="submit" variant="light" data-testid="allocation-search">
            {t('allocations.lines.search')}
          </Button>
          {(search.name || search.nik) && (
            <Button
              variant="subtle"
              onClick={() => {
                setNameInput('');
                setNikInput('');
                setSearch({});
                setPage(1);
              }}
            >
              {t('allocations.lines.clear')}
            </Button>
          )}
        </Group>
      </form>
      <ErrorAlert error={lines.error} onRetry={() => void lines.refetch()} />
      <Table.ScrollContainer minWidth={900} type="native">
        <Table striped highlightOnHover verticalSpacing="xs" data-testid="allocation-lines">
          <Table.Thead>
            <Table.Tr>
              <Table.Th ta="right">{t('allocations.lines.line')}</Table.Th>
              <Table.Th>{t('allocations.lines.nik')}</Table.Th>
              <Table.Th>{t('allocations.lines.name')}</Table.Th>
              <Table.Th ta="right">{t('allocations.lines.amount')}</Table.Th>
              <Table.Th ta="right">{t('allocations.lines.expected')}</Table.Th>
              <Table.Th>{t('allocations.lines.channel')}</Table.Th>
              <Table.Th>{t('allocations.lines.region')}</Table.Th>
              <Table.Th>{t('allocations.lines.flags')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            <TableStatusRows
              colSpan={8}
              loading={lines.isLoading}
              items={items}
              emptyText={t('allocations.lines.empty')}
            />
            {items?.map((l) => (
              <Table.Tr
                key={l.id}
                onClick={() => onOpen(l.id)}
                style={{ cursor: 'pointer' }}
                data-testid="allocation-line"
              >
                <Table.Td ta="right">
                  <Text size="sm">{l.line}</Text>
                  <Text size="xs" c="dimmed">
                    #{l.importId}
                  </Text>
                </Table.Td>
                <Table.Td ff="monospace">{l.nikMasked}</Table.Td>
                <Table.Td>{l.name ?? '—'}</Table.Td>
                <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                  {formatRupiah(l.amount, language)}
                </Table.Td>
                <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                  {formatRupiah(l.expectedAmount, language)}
                </Table.Td>
                <Table.Td>{channelLabel(l.channel)}</Table.Td>
                <Table.Td>{formatRegionCode(l.scopeCode)}</Table.Td>
                <Table.Td>
                  <Group gap={4}>
                    {l.flags.map((f) => (
                      <Badge
                        key={f}
                        size="sm"
                        variant="light"
                        color={f === 'AMOUNT_MISMATCH' ? 'orange' : 'yellow'}
                      >
                        {t(`allocations.flags.${f as Flag}`, { defaultValue: f })}
                      </Badge>
                    ))}
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Group justify="flex-end" gap="xs">
        <Button size="xs" variant="default" disabled={page <= 1} onClick={() => setPage(page - 1)}>
          {t('allocations.lines.previous')}
        </Button>
        <Text size="sm">{t('allocations.lines.page', { page, pages })}</Text>
        <Button size="xs" variant="default" disabled={page >= pages} onClick={() => setPage(page + 1)}>
          {t('allocations.lines.next')}
        </Button>
      </Group>
    </Stack>
  );
}
