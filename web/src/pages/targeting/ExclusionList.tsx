import { Badge, Button, Group, Table, Text, TextInput } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api, unwrap } from '../../api/client';
import { can } from '../../auth/permissions';
import { useCurrentUser } from '../../auth/session';
import { useI18n } from '../../i18n';
import { formatNumber, formatRegionCode } from '../../lib/format';
import { EnrolModal } from './EnrolModal';
import { componentLabel, exportUrl } from './labels';
import { PAGE_SIZE, TargetingListFrame, thresholdText, useRegionPaging } from './TargetingListFrame';

export interface RequireFilter {
  requireProgram?: string;
  requirePeriod?: string;
}

/** Families left out of the programme period (NIK masked), and, for admins, their enrolment into a local programme. */
export function ExclusionList({ program, period }: { program: string; period: string }) {
  const { t, language } = useI18n();
  const user = useCurrentUser();
  const paging = useRegionPaging(user.regionCode);
  const { regionCode, page, setPage } = paging;
  const [requireInput, setRequireInput] = useState({ program: '', period: '' });
  const [require, setRequire] = useState<RequireFilter>({});
  const [enrolOpen, setEnrolOpen] = useState(false);
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
    <TargetingListFrame
      paging={paging}
      filters={
        <>
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
        </>
      }
      actions={
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
      }
      summary={
        data && (
          <Text size="sm" c="dimmed">
            {thresholdText(t, data.desilMax)}
            {' · '}
            {Object.entries(data.byDesil)
              .map(([desil, n]) => `${t('targeting.colDesil')} ${desil}: ${formatNumber(n, language)}`)
              .join(' · ')}
          </Text>
        )
      }
      query={list}
      tableTestId="targeting-exclusion-table"
      columns={['colRegion', 'colKk', 'colHead', 'colDesil', 'colLiving', 'colComponents']}
      items={data?.items}
      emptyText={t('targeting.noExclusion')}
      row={(item) => (
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
      )}
      total={data?.total ?? 0}
    >
      {enrolOpen && (
        <EnrolModal program={program} period={period} require={require} onClose={() => setEnrolOpen(false)} />
      )}
    </TargetingListFrame>
  );
}
