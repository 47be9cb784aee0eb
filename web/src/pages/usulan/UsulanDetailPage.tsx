import { Badge, Group, Paper, SimpleGrid, Stack, Text, Timeline, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useParams } from 'react-router-dom';
import { api, unwrap } from '../../api/client';
import { BackLink, DetailField, RecordFallback } from '../../components/DetailPage';
import { RegionName } from '../../components/RegionName';
import { useI18n } from '../../i18n';
import { formatDateTime } from '../../lib/format';
import { DecisionPanel } from './DecisionPanel';
import { EvidencePanel } from './EvidencePanel';
import { StatusBadge } from './labels';
import { PayloadView } from './PayloadView';

/** One proposal: what is proposed and why, its history, evidence, and the reader's possible decision. */
export function UsulanDetailPage() {
  const { t, language } = useI18n();
  const id = Number(useParams().id);
  const usulan = useQuery({
    queryKey: ['usulan', id],
    queryFn: () => unwrap(api.GET('/api/usulan/{id}', { params: { path: { id } } })),
    enabled: Number.isInteger(id) && id > 0,
    // Every fetch is an audited view of personal data: fetch again only after a change.
    staleTime: Number.POSITIVE_INFINITY,
  });

  const back = <BackLink to="/usulan" />;
  if (usulan.error || !usulan.data) {
    return <RecordFallback loading={usulan.isLoading} error={usulan.error} back={back} />;
  }
  const data = usulan.data;
  const refresh = () => void usulan.refetch();

  return (
    <Stack>
      {back}
      <Group justify="space-between" align="flex-start">
        <Title order={2}>
          {t('usulan.detail.title', { id: String(data.id), kind: t(`usulan.kinds.${data.kind}`) })}
        </Title>
        <StatusBadge status={data.status} />
      </Group>
      <Text size="xs" c="dimmed">
        {t('usulan.detail.auditedNote')}
      </Text>
      <Paper withBorder p="md">
        <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }}>
          <DetailField label={t('usulan.subject')}>{data.subjectName}</DetailField>
          <DetailField label={t('usulan.nik')}>
            <Text ff="monospace" size="sm">
              {data.nik ?? '—'}
            </Text>
          </DetailField>
          <DetailField label={t('usulan.region')}>
            <RegionName code={data.regionCode} />
          </DetailField>
          <DetailField label={t('usulan.createdBy')}>
            {data.createdByName} · {formatDateTime(data.createdAt, language)}
          </DetailField>
          {data.batchId !== null && (
            <DetailField label={t('usulan.detail.batch')}>
              <Badge variant="light">#{data.batchId}</Badge>
            </DetailField>
          )}
          {data.fulfilledImportId !== null && (
            <DetailField label={t('usulan.statuses.SELESAI')}>
              {t('usulan.detail.fulfilled', { id: String(data.fulfilledImportId) })}
            </DetailField>
          )}
        </SimpleGrid>
        <Text size="xs" c="dimmed" mt="md">
          {t('usulan.detail.reason')}
        </Text>
        <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
          {data.reason}
        </Text>
      </Paper>
      <Paper withBorder p="md">
        <Title order={3} size="h4" mb="sm">
          {t('usulan.detail.proposed')}
        </Title>
        <PayloadView kind={data.kind} payload={data.payload} />
      </Paper>
      {data.allowed.decide && <DecisionPanel usulanId={data.id} onDecided={refresh} />}
      <EvidencePanel
        usulanId={data.id}
        evidence={data.evidence}
        canAdd={data.allowed.addEvidence}
        onAdded={refresh}
      />
      <Paper withBorder p="md">
        <Title order={3} size="h4" mb="sm">
          {t('usulan.detail.history')}
        </Title>
        <Timeline active={data.events.length - 1} bulletSize={14} lineWidth={2} data-testid="usulan-history">
          {data.events.map((event) => (
            <Timeline.Item
              key={`${event.at}-${event.toStatus}`}
              title={t(`usulan.statuses.${event.toStatus}`)}
            >
              <Text size="xs" c="dimmed">
                {event.actorName} · {formatDateTime(event.at, language)}
              </Text>
              {event.comment && (
                <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                  {event.comment}
                </Text>
              )}
            </Timeline.Item>
          ))}
        </Timeline>
      </Paper>
    </Stack>
  );
}
