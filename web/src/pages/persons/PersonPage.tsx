import {
  Alert,
  Anchor,
  Badge,
  Group,
  List,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { api, type Schemas, unwrap } from '../../api/client';
import { DetailField, RecordFallback } from '../../components/DetailPage';
import { RegionName } from '../../components/RegionName';
import { useI18n } from '../../i18n';
import { formatCalendarDate, formatDate } from '../../lib/format';
import { relationshipLabel, StatusBadge, sexLabel } from '../../lib/personLabels';
import { warningLabel } from '../registry/labels';
import { ChangeHistory } from './ChangeHistory';

type PersonRecord = Schemas['PersonRecord'];

function Household({ person }: { person: PersonRecord }) {
  const { t } = useI18n();
  const household = person.household;
  if (!household) {
    return (
      <Text c="dimmed" size="sm">
        {t('persons.noHousehold')}
      </Text>
    );
  }
  return (
    <Paper withBorder p="md">
      <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }}>
        <DetailField breakWords label={t('persons.kk')}>
          <Text ff="monospace" size="sm" data-testid="person-kk">
            {household.kk}
          </Text>
        </DetailField>
        <DetailField breakWords label={t('persons.address')}>
          {household.address ?? '—'}
          {(household.rt || household.rw) &&
            ` · ${t('households.rtRw', { rt: household.rt ?? '—', rw: household.rw ?? '—' })}`}
        </DetailField>
        <DetailField breakWords label={t('persons.region')}>
          <RegionName code={household.regionCode} />
        </DetailField>
        <DetailField breakWords label="">
          <Anchor component={Link} to={`/keluarga/${household.id}`} data-testid="person-household-link">
            {t('persons.openHousehold')} →
          </Anchor>
        </DetailField>
      </SimpleGrid>
    </Paper>
  );
}

function KkHistory({ rows }: { rows: PersonRecord['kkHistory'] }) {
  const { t, language } = useI18n();
  if (rows.length === 0) {
    return (
      <Text c="dimmed" size="sm">
        {t('persons.noKkHistory')}
      </Text>
    );
  }
  return (
    <Table.ScrollContainer minWidth={320} type="native">
      <Table withTableBorder verticalSpacing="xs" data-testid="kk-history">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('persons.kk')}</Table.Th>
            <Table.Th>{t('persons.validFrom')}</Table.Th>
            <Table.Th>{t('persons.validTo')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {[...rows].reverse().map((row) => (
            <Table.Tr key={`${row.kk}:${row.validFrom}`}>
              <Table.Td ff="monospace">{row.kk}</Table.Td>
              <Table.Td>{formatDate(row.validFrom, language)}</Table.Td>
              <Table.Td>
                {row.validTo ? (
                  formatDate(row.validTo, language)
                ) : (
                  <Badge variant="light" size="sm">
                    {t('persons.current')}
                  </Badge>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** One person's full record (an audited view): identity, flags, household, KK and change history. */
export function PersonPage() {
  const { t, language } = useI18n();
  const navigate = useNavigate();
  const id = Number(useParams().id);
  const person = useQuery({
    queryKey: ['person', id],
    queryFn: () => unwrap(api.GET('/api/persons/{id}', { params: { path: { id } } })),
    enabled: Number.isInteger(id) && id > 0,
    // Every fetch is an audited view of personal data: fetch once per visit.
    staleTime: Number.POSITIVE_INFINITY,
  });

  // Back to where the person was opened from (search, household, quality list), else to search.
  const goBack = () => {
    const index = (window.history.state as { idx?: number } | null)?.idx ?? 0;
    if (index > 0) navigate(-1);
    else navigate('/penduduk');
  };
  const back = (
    <Anchor component="button" type="button" size="sm" onClick={goBack} ta="left">
      ← {t('common.back')}
    </Anchor>
  );
  if (person.error || !person.data) {
    return <RecordFallback loading={person.isLoading} error={person.error} back={back} />;
  }

  const data = person.data;
  return (
    <Stack>
      {back}
      <Group gap="sm" align="center">
        <Title order={2} data-testid="person-name">
          {data.name}
        </Title>
        <StatusBadge status={data.status} />
        {data.absentSinceEdition && (
          <Badge color="orange" variant="filled" data-testid="person-absent">
            {t('persons.absentSince', { edition: data.absentSinceEdition })}
          </Badge>
        )}
        {data.nikWarnings.length > 0 && (
          <Badge color="yellow" variant="filled">
            {t('persons.nikWarnings')}
          </Badge>
        )}
      </Group>
      <Text size="xs" c="dimmed">
        {t('persons.auditedNote')}
      </Text>
      {data.absentSinceEdition && (
        <Alert color="orange" variant="light">
          {t('persons.absentText', { edition: data.absentSinceEdition })}
        </Alert>
      )}
      {data.nikWarnings.length > 0 && (
        <Alert
          color="yellow"
          variant="light"
          title={t('persons.nikWarnings')}
          data-testid="person-nik-warnings"
        >
          <List size="sm">
            {data.nikWarnings.map((code) => (
              <List.Item key={code}>{warningLabel(t, code)}</List.Item>
            ))}
          </List>
        </Alert>
      )}

      <Title order={3} size="h4">
        {t('persons.identity')}
      </Title>
      <Paper withBorder p="md">
        <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }}>
          <DetailField breakWords label={t('persons.nik')}>
            <Text ff="monospace" size="sm" data-testid="person-nik">
              {data.nik}
            </Text>
          </DetailField>
          <DetailField breakWords label={t('persons.birth')}>
            {[data.birthPlace, formatCalendarDate(data.birthDate, language)].filter(Boolean).join(', ')}
          </DetailField>
          <DetailField breakWords label={t('persons.sex')}>
            {sexLabel(t, data.sex)}
          </DetailField>
          <DetailField breakWords label={t('persons.relationship')}>
            {relationshipLabel(t, data.relationship)}
          </DetailField>
          <DetailField breakWords label={t('persons.motherName')}>
            {data.motherName ?? '—'}
          </DetailField>
          {data.deathDate && (
            <DetailField breakWords label={t('persons.deathDate')}>
              {formatCalendarDate(data.deathDate, language)}
            </DetailField>
          )}
          <DetailField breakWords label={t('persons.region')}>
            <RegionName code={data.regionCode} />
          </DetailField>
          <DetailField breakWords label={t('persons.idDtsen')}>
            {data.idDtsen ?? '—'}
          </DetailField>
          <DetailField breakWords label={t('persons.idDtks')}>
            {data.idDtks ?? '—'}
          </DetailField>
          <DetailField breakWords label={t('persons.lastSeen')}>
            {data.lastSeenEdition ?? '—'}
          </DetailField>
        </SimpleGrid>
      </Paper>

      <Title order={3} size="h4">
        {t('persons.household')}
      </Title>
      <Household person={data} />

      <Title order={3} size="h4">
        {t('persons.kkHistory')}
      </Title>
      <KkHistory rows={data.kkHistory} />

      <Title order={3} size="h4">
        {t('persons.history')}
      </Title>
      <ChangeHistory history={data.history} />
    </Stack>
  );
}
