import { Badge, Button, Group, Select, Table, Text, Tooltip } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api, unwrap } from '../../api/client';
import { useCurrentUser } from '../../auth/session';
import { useI18n } from '../../i18n';
import { formatNumber, formatRegionCode, formatRupiah } from '../../lib/format';
import { exportUrl, INCLUSION_REASONS, type InclusionReason, reasonHelp, reasonLabel } from './labels';
import { PAGE_SIZE, TargetingListFrame, thresholdText, useRegionPaging } from './TargetingListFrame';

/** Allocation lines of the period that may not belong, each with all its reasons (NIK masked). */
export function InclusionList({ program, period }: { program: string; period: string }) {
  const { t, language } = useI18n();
  const user = useCurrentUser();
  const [reason, setReason] = useState<InclusionReason | null>(null);
  const paging = useRegionPaging(user.regionCode);
  const { regionCode, page, setPage } = paging;
  const list = useQuery({
    queryKey: ['targeting', 'inclusion', program, period, reason, regionCode, page],
    queryFn: () =>
      unwrap(
        api.GET('/api/programs/{program}/periods/{period}/targeting/inclusion', {
          params: {
            path: { program, period },
            query: { page, pageSize: PAGE_SIZE, reason: reason ?? undefined, regionCode },
          },
        }),
      ),
    placeholderData: keepPreviousData,
  });
  const data = list.data;

  return (
    <TargetingListFrame
      paging={paging}
      filters={
        <Select
          label={t('targeting.reasonFilter')}
          placeholder={t('targeting.allReasons')}
          data={INCLUSION_REASONS.map((value) => ({ value, label: reasonLabel(t, value) }))}
          value={reason}
          onChange={(value) => {
            setReason(value as InclusionReason | null);
            setPage(1);
          }}
          clearable
          w={260}
          data-testid="targeting-reason-filter"
        />
      }
      actions={
        <Button
          component="a"
          href={exportUrl(program, period, 'inclusion', { reason: reason ?? undefined, regionCode })}
          download
          variant="light"
          data-testid="targeting-download"
        >
          {t('targeting.download')}
        </Button>
      }
      summary={
        data && (
          <Group gap="xs">
            <Text size="sm" c="dimmed">
              {thresholdText(t, data.desilMax)}
            </Text>
            {INCLUSION_REASONS.filter((r) => data.byReason[r]).map((r) => (
              <Tooltip key={r} label={reasonHelp(t, r)} multiline w={300}>
                <Badge
                  variant={reason === r ? 'filled' : 'light'}
                  color="orange"
                  style={{ cursor: 'pointer' }}
                  onClick={() => {
                    setReason(reason === r ? null : r);
                    setPage(1);
                  }}
                >
                  {reasonLabel(t, r)}: {formatNumber(data.byReason[r] ?? 0, language)}
                </Badge>
              </Tooltip>
            ))}
          </Group>
        )
      }
      query={list}
      tableTestId="targeting-inclusion-table"
      columns={['colRegion', 'colNik', 'colName', 'colAmount', 'colDesil', 'colReasons']}
      items={data?.items}
      emptyText={t('targeting.noInclusion')}
      row={(item) => (
        <Table.Tr key={item.allocationId} data-testid="targeting-inclusion-row">
          <Table.Td>
            {item.regionName ??
              (item.regionCode.length === 6
                ? t('targeting.unknownRegion', { code: formatRegionCode(item.regionCode) })
                : formatRegionCode(item.regionCode))}
          </Table.Td>
          <Table.Td ff="monospace">{item.nik}</Table.Td>
          <Table.Td>{item.name ?? '—'}</Table.Td>
          <Table.Td ta="right">{formatRupiah(item.amount, language)}</Table.Td>
          <Table.Td ta="right">{item.desil ?? '—'}</Table.Td>
          <Table.Td>
            <Group gap={4}>
              {item.reasons.map((r) => (
                <Tooltip key={r} label={reasonHelp(t, r)} multiline w={300}>
                  <Badge size="sm" variant="light" color="orange">
                    {reasonLabel(t, r)}
                  </Badge>
                </Tooltip>
              ))}
            </Group>
          </Table.Td>
        </Table.Tr>
      )}
      total={data?.total ?? 0}
    />
  );
}
