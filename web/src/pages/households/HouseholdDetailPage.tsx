import { Anchor, Badge, Group, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router-dom';
import { api, unwrap } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageLoader } from '../../components/StatusViews';
import { useI18n } from '../../i18n';
import { formatRegionCode } from '../../lib/format';
import { regionPathLabel, useRegion } from '../../lib/regions';
import { MembersTable } from './MembersTable';

function Field({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" fw={500} component="div">
        {children}
      </Text>
    </div>
  );
}

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

  const back = (
    <Anchor component={Link} to="/keluarga" size="sm">
      ← {t('common.back')}
    </Anchor>
  );
  if (household.isLoading) return <PageLoader />;
  if (household.error || !household.data) {
    return (
      <Stack>
        {back}
        <ErrorAlert error={household.error ?? new Error(t('notFound.title'))} />
      </Stack>
    );
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
          <Field label={t('households.kk')}>
            <Text ff="monospace" size="sm" data-testid="household-kk">
              {data.kk}
            </Text>
          </Field>
          <Field label={t('households.region')}>
            {region.data ? regionPathLabel(region.data.path) : '…'} ({formatRegionCode(data.regionCode)})
          </Field>
          <Field label={t('households.address')}>
            {data.address ?? '—'}
            {(data.rt || data.rw) && ` · ${t('households.rtRw', { rt: data.rt ?? '—', rw: data.rw ?? '—' })}`}
          </Field>
          <Field label={t('households.idDtsen')}>{data.idDtsen ?? '—'}</Field>
          <Field label={t('households.desilNow')}>
            {latest ? (
              <Badge size="lg" variant="light">
                {latest.desil}
              </Badge>
            ) : (
              t('households.noDesil')
            )}
          </Field>
          <Field label={t('households.members')}>{data.members.length}</Field>
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
    </Stack>
  );
}
