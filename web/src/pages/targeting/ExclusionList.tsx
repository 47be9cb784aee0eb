import { Badge, Button, Group, Stack, Table, Text, TextInput } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api, unwrap } from '../../api/client';
import { can } from '../../auth/permissions';
import { useCurrentUser } from '../../auth/session';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PagedTableFooter } from '../../components/PagedTableFooter';
import { ScopeRegionFilter } from '../../components/ScopeRegionFilter';
import { TableStatusRows } from '../../components/StatusViews';
import { useI18n } from '../../i18n';
import { formatNumber, formatRegionCode } from '../../lib/format';
import { EnrolModal } from './EnrolModal';
import { componentLabel, exportUrl } from './labels';

const PAGE_SIZE = 50;

export interface RequireFilter {
  requireProgram?: string;
  requirePeriod?: string;
}

/** Families left out of the programme period (NIK masked), and, for admins, their enrolment into a local programme. */
export function ExclusionList({ program, period }: { program: string; period: string }) {
  const { t, language } = useI18n();
  const user = useCurrentUser();
  const [region, setRegion] = useState<string | null>(null);
  const [page, setPage] = useState(1);
  const [requireInput, setRequireInput] = useState({ program: '', period: '' });
  const [require, setRequire] = useState<RequireFilter>({});
  const [enrolOpen, setEnrolOpen] = useState(false);
  const regionCode = region && region !== user.regionCode ? region.replace(/\./g, '') : undefined;
  const list = useQuery({
    queryKey: ['targeting', 'exclusion', program, period, regionCode, require, page],
    queryFn: () =>
      unwrap(
        api.GET('/api/programs/{program}/periods/{period}/targeting/exclusion', {
          params: {
            path: { program, period },
            query: { page, pageSize: PAGE_SIZE, regionCode, ...require },
          },
        }),
      ),
    placeholderData: keepPreviousData,
  });
  const data = list.data;
  const applyRequire = () => {
    const p = requireInput.program.trim().toUpperCase();
    const q = requireInput.period.trim().toUpperCase();
    setRequire(p && q ? { requireProgram: p, requirePeriod: q } : {});
    setPage(1);
  };

  return (
    <Stack gap="sm">
      <Group justify="space-between" align="flex-end">
        <Group align="flex-end" gap="sm">
          <ScopeRegionFilter
            value={region}
            onChange={(code) => {
              setRegion(code);
              setPage(1);
            }}
          />
          <TextInput
            label={`${t('targeting.requireTitle')} — ${t('targeting.requireProgram')}`}
            placeholder="PKH"
            value={requireInput.program}
            onChange={(e) => setRequireInput({ ...requireInput, program: e.currentTarget.value })}
            w={260}
            data-testid="targeting-require-program"
          />
          <TextInput
            label={t('targeting.requirePeriod')}
            placeholder="2026-T1"
            value={requireInput.period}
            onChange={(e) => setRequireInput({ ...requireInput, period: e.currentTarget.value })}
            w={110}
            data-testid="targeting-require-period"
          />
          <Button variant="default" onClick={applyRequire}>
            {t('targeting.requireApply')}
          </Button>
          {require.requireProgram && (
            <Button
              variant="subtle"
              onClick={() => {
                setRequire({});
                setRequireInput({ program: '', period: '' });
              }}
            >
              {t('targeting.requireClear')}
            </Button>
          )}
        </Group>
        <Group gap="sm">
          <Button
            component="a"
            href={exportUrl(program, period, 'exclusion', { regionCode, ...require })}
            download
            variant="light"
            data-testid="targeting-download"
          >
            {t('targeting.download')}
          </Button>
          {can(user.role, 'targetingEnrol') && (
            <Button onClick={() => setEnrolOpen(true)} data-testid="targeting-enrol">
              {t('targeting.enrol')}
            </Button>
          )}
        </Group>
      </Group>
      {data && (
        <Text size="sm" c="dimmed">
          {data.desilMax === null
            ? t('targeting.noThreshold')
            : t('targeting.desilMax', { desil: data.desilMax })}
          {' · '}
          {Object.entries(data.byDesil)
            .map(([desil, n]) => `${t('targeting.colDesil')} ${desil}: ${formatNumber(n, language)}`)
            .join(' · ')}
        </Text>
      )}
      <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />
      <Table.ScrollContainer minWidth={900} type="native">
        <Table striped verticalSpacing="xs" data-testid="targeting-exclusion-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('targeting.colRegion')}</Table.Th>
              <Table.Th>{t('targeting.colKk')}</Table.Th>
              <Table.Th>{t('targeting.colHead')}</Table.Th>
              <Table.Th ta="right">{t('targeting.colDesil')}</Table.Th>
              <Table.Th ta="right">{t('targeting.colLiving')}</Table.Th>
              <Table.Th>{t('targeting.colComponents')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            <TableStatusRows
              colSpan={6}
              loading={list.isLoading}
              items={data?.items}
              emptyText={t('targeting.noExclusion')}
            />
            {data?.items.map((item) => (
              <Table.Tr key={item.householdId} data-testid="targeting-exclusion-row">
                <Table.Td>{item.regionName ?? formatRegionCode(item.regionCode)}</Table.Td>
                <Table.Td ff="monospace">{item.kk}</Table.Td>
                <Table.Td>
                  {item.headName}{' '}
                  <Text span ff="monospace" size="xs" c="dimmed">
                    {item.headNik}
                  </Text>
                </Table.Td>
                <Table.Td ta="right">{item.desil}</Table.Td>
                <Table.Td ta="right">{item.livingMembers}</Table.Td>
                <Table.Td>
                  <Group gap={4}>
                    {item.components.map((c) => (
                      <Badge key={c} size="sm" variant="light">
                        {componentLabel(t, c)}
                      </Badge>
                    ))}
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <PagedTableFooter total={data?.total ?? 0} pageSize={PAGE_SIZE} page={page} onPageChange={setPage} />
      {enrolOpen && (
        <EnrolModal program={program} period={period} require={require} onClose={() => setEnrolOpen(false)} />
      )}
    </Stack>
  );
}
