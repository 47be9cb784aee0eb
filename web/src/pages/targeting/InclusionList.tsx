import { Badge, Button, Group, Select, Stack, Table, Text, Tooltip } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api, unwrap } from '../../api/client';
import { useCurrentUser } from '../../auth/session';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PagedTableFooter } from '../../components/PagedTableFooter';
import { ScopeRegionFilter } from '../../components/ScopeRegionFilter';
import { TableStatusRows } from '../../components/StatusViews';
import { useI18n } from '../../i18n';
import { formatNumber, formatRegionCode } from '../../lib/format';
import { formatRupiah } from '../programs/programFormat';
import { exportUrl, INCLUSION_REASONS, type InclusionReason, reasonHelp, reasonLabel } from './labels';

const PAGE_SIZE = 50;

/** Allocation lines of the period that may not belong, each with all its reasons (NIK masked). */
export function InclusionList({ program, period }: { program: string; period: string }) {
  const { t, language } = useI18n();
  const user = useCurrentUser();
  const [reason, setReason] = useState<InclusionReason | null>(null);
  const [region, setRegion] = useState<string | null>(null);
  const [page, setPage] = useState(1);
  const regionCode = region && region !== user.regionCode ? region.replace(/\./g, '') : undefined;
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
        </Group>
        <Button
          component="a"
          href={exportUrl(program, period, 'inclusion', { reason: reason ?? undefined, regionCode })}
          download
          variant="light"
          data-testid="targeting-download"
        >
          {t('targeting.download')}
        </Button>
      </Group>
      {data && (
        <Group gap="xs">
          <Text size="sm" c="dimmed">
            {data.desilMax === null
              ? t('targeting.noThreshold')
              : t('targeting.desilMax', { desil: data.desilMax })}
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
      )}
      <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />
      <Table.ScrollContainer minWidth={900} type="native">
        <Table striped verticalSpacing="xs" data-testid="targeting-inclusion-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('targeting.colRegion')}</Table.Th>
              <Table.Th>{t('targeting.colNik')}</Table.Th>
              <Table.Th>{t('targeting.colName')}</Table.Th>
              <Table.Th ta="right">{t('targeting.colAmount')}</Table.Th>
              <Table.Th ta="right">{t('targeting.colDesil')}</Table.Th>
              <Table.Th>{t('targeting.colReasons')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            <TableStatusRows
              colSpan={6}
              loading={list.isLoading}
              items={data?.items}
              emptyText={t('targeting.noInclusion')}
            />
            {data?.items.map((item) => (
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
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <PagedTableFooter total={data?.total ?? 0} pageSize={PAGE_SIZE} page={page} onPageChange={setPage} />
    </Stack>
  );
}
