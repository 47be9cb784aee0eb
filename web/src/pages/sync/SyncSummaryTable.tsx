import { Table, Text } from '@mantine/core';
import { Fragment } from 'react';
import type { Schemas } from '../../api/client';
import { EmptyRow } from '../../components/StatusViews';
import { useI18n } from '../../i18n';
import { formatNumber, formatRegionCode } from '../../lib/format';
import { SYNC_STATUSES } from './SyncStatusBadge';

type Region = Schemas['SyncRegionSummary'];

function CountCells({ region, strong }: { region: Region; strong?: boolean }) {
  const { language } = useI18n();
  return (
    <>
      {SYNC_STATUSES.map((status) => (
        <Table.Td key={status} ta="right" fw={strong ? 600 : undefined}>
          {formatNumber(region.counts[status], language)}
        </Table.Td>
      ))}
      <Table.Td ta="right" fw={600}>
        {formatNumber(region.counts.total, language)}
      </Table.Td>
    </>
  );
}

/** Counts per status for each kecamatan (bold) followed by its desa/kelurahan. */
export function SyncSummaryTable({ detail }: { detail: Schemas['SyncCheckDetail'] }) {
  const { t } = useI18n();
  return (
    <Table.ScrollContainer minWidth={760} type="native">
      <Table striped verticalSpacing="xs" data-testid="sync-summary">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>
              {t('sync.kecamatan')} / {t('sync.kelurahan')}
            </Table.Th>
            {SYNC_STATUSES.map((status) => (
              <Table.Th key={status} ta="right">
                {t(`sync.statuses.${status}`)}
              </Table.Th>
            ))}
            <Table.Th ta="right">{t('sync.total')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {detail.kecamatan.length === 0 && <EmptyRow colSpan={6} text={t('sync.noItems')} />}
          {detail.kecamatan.map((kecamatan) => (
            <Fragment key={kecamatan.code}>
              <Table.Tr>
                <Table.Td>
                  <Text size="sm" fw={600}>
                    Kec. {kecamatan.name ?? '—'}
                  </Text>
                  <Text size="xs" c="dimmed" ff="monospace">
                    {formatRegionCode(kecamatan.code)}
                  </Text>
                </Table.Td>
                <CountCells region={kecamatan} strong />
              </Table.Tr>
              {detail.kelurahan
                .filter((kelurahan) => kelurahan.kecamatanCode === kecamatan.code)
                .map((kelurahan) => (
                  <Table.Tr key={kelurahan.code} data-testid={`sync-summary-${kelurahan.code}`}>
                    <Table.Td pl="xl">
                      <Text size="sm">{kelurahan.name ?? '—'}</Text>
                      <Text size="xs" c="dimmed" ff="monospace">
                        {formatRegionCode(kelurahan.code)}
                      </Text>
                    </Table.Td>
                    <CountCells region={kelurahan} />
                  </Table.Tr>
                ))}
            </Fragment>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
