import { Anchor, Badge, Group, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router-dom';
import { api, unwrap } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageLoader } from '../../components/StatusViews';
import { useI18n } from '../../i18n';
import { formatDateTime, formatNumber } from '../../lib/format';
import { SyncItemsTable } from './SyncItemsTable';
import { SyncSummaryTable } from './SyncSummaryTable';

/** One check: what was compared, the summary per kecamatan/kelurahan, and the people. */
export function SyncCheckDetailPage() {
  const { t, language } = useI18n();
  const checkId = Number(useParams().id);
  const detail = useQuery({
    queryKey: ['sync-check', checkId],
    queryFn: () => unwrap(api.GET('/api/sync-checks/{id}', { params: { path: { id: checkId } } })),
    enabled: Number.isInteger(checkId) && checkId > 0,
  });
  const check = detail.data?.check;
  const reasons = Object.entries(check?.rejectedByReason ?? {});

  return (
    <Stack>
      <Anchor component={Link} to="/cek-sinkron" size="sm">
        ← {t('sync.back')}
      </Anchor>
      <Title order={2}>{t('sync.detailTitle', { id: String(checkId) })}</Title>
      <ErrorAlert error={detail.error} onRetry={() => void detail.refetch()} />
      {detail.isLoading && <PageLoader />}
      {check && detail.data && (
        <>
          <Text size="sm" c="dimmed">
            {t('sync.detailMeta', {
              fileName: check.fileName,
              rows: formatNumber(check.rowsRead, language),
              rejected: formatNumber(check.rejected, language),
              created: formatDateTime(check.createdAt, language),
            })}
          </Text>
          <Text size="sm">
            {t('sync.compared', {
              fields: check.comparedFields.map((field) => t(`sync.fields.${field}`)).join(', '),
            })}
          </Text>
          {reasons.length > 0 && (
            <Group gap="xs">
              <Text size="sm">{t('sync.rejectedReasons')}:</Text>
              {reasons.map(([code, count]) => (
                <Badge key={code} color="red" variant="light">
                  {code}: {count}
                </Badge>
              ))}
            </Group>
          )}
          <Title order={3} size="h4">
            {t('sync.summaryTitle')}
          </Title>
          <SyncSummaryTable detail={detail.data} />
          <SyncItemsTable checkId={checkId} />
        </>
      )}
    </Stack>
  );
}
