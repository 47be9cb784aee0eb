import { Badge, Group, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useParams } from 'react-router-dom';
import { api, unwrap } from '../../api/client';
import { BackLink, DetailField, RecordFallback } from '../../components/DetailPage';
import { useI18n } from '../../i18n';
import { formatRegionCode } from '../../lib/format';
import { regionPathLabel, useRegion } from '../../lib/regions';
import { NoncompliancePanel } from '../programs/NoncompliancePanel';
import { MembersTable } from './MembersTable';

export function HouseholdDetailPage() {
  const { t } = useI18n();
  const id = Number(useParams().id);
  const household = useQuery({
    queryKey: ['household', id],
    queryFn: () => unwrap(api.GET('/api/households/{id}', { params: { path: { id } } })),
    enabled: Number.isInteger(id) && id > 0,
    // Every fetch is an audited view of personal data: fetch once per visit.
    staleTime: Number.POSITIVE_INFINITY,
  });
  const region = useRegion(household.data?.regionCode);

  const back = <BackLink to="/keluarga" />;
  if (household.error || !household.data) {
    return <RecordFallback loading={household.isLoading} error={household.error} back={back} />;
  }

  const data = household.data;
  const head = data.members.find((member) => member.relationship === 'KEPALA_KELUARGA') ?? data.members[0];
  const history = [...data.desil].sort((a, b) => b.edition.localeCompare(a.edition));
  const latest = history[0];

  return (
    <Stack>
      {back}
      <Title order={2}>
        {head
          ? t('households.detailTitle', { name: head.name })
          : t('households.unknownHead', { id: String(data.id) })}
      </Title>
      <Text size="xs" c="dimmed">
        {t('households.auditedNote')}
      </Text>
      <Paper withBorder p="md">
        <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }}>
          <DetailField label={t('households.kk')}>
            <Text ff="monospace" size="sm" data-testid="household-kk">
              {data.kk}
            </Text>
          </DetailField>
          <DetailField label={t('households.region')}>
            {region.data ? regionPathLabel(region.data.path) : '…'} ({formatRegionCode(data.regionCode)})
          </DetailField>
          <DetailField label={t('households.address')}>
            {data.address ?? '—'}
            {(data.rt || data.rw) && ` · ${t('households.rtRw', { rt: data.rt ?? '—', rw: data.rw ?? '—' })}`}
          </DetailField>
          <DetailField label={t('households.idDtsen')}>{data.idDtsen ?? '—'}</DetailField>
          <DetailField label={t('households.desilNow')}>
            {latest ? (
              <Badge size="lg" variant="light">
                {latest.desil}
              </Badge>
            ) : (
              t('households.noDesil')
            )}
          </DetailField>
          <DetailField label={t('households.members')}>{data.members.length}</DetailField>
        </SimpleGrid>
      </Paper>
      <Title order={3} size="h4">
        {t('households.memberList')}
      </Title>
      <MembersTable members={data.members} />
      <Title order={3} size="h4">
        {t('households.desilHistory')}
      </Title>
      {history.length === 0 ? (
        <Text c="dimmed" size="sm">
          {t('households.noDesil')}
        </Text>
      ) : (
        <Group>
          <Table withTableBorder w="auto" miw={260}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('households.edition')}</Table.Th>
                <Table.Th>{t('households.desil')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {history.map((row) => (
                <Table.Tr key={row.edition}>
                  <Table.Td>{row.edition}</Table.Td>
                  <Table.Td>{row.desil}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Group>
      )}
      <NoncompliancePanel householdId={data.id} />
    </Stack>
  );
}
