import { Alert, Badge, Group, Paper, Stack, Switch, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useParams } from 'react-router-dom';
import { api, type Schemas, unwrap } from '../../api/client';
import { can } from '../../auth/permissions';
import { useCurrentUser } from '../../auth/session';
import { BackLink, RecordFallback } from '../../components/DetailPage';
import { TableStatusRows } from '../../components/StatusViews';
import { useI18n } from '../../i18n';
import { formatCalendarDate } from '../../lib/format';
import { formatRuleValue, lastDayBefore, ruleLabel } from './programFormat';
import { SetRuleForm } from './SetRuleForm';

type Rule = Schemas['BenefitRule'];
const NOWRAP = { whiteSpace: 'nowrap' } as const;
const STATE_COLOR: Record<Rule['state'], string> = { CURRENT: 'green', FUTURE: 'blue', PAST: 'gray' };

/**
 * `/program/:code/aturan`: the programme's benefit rules with validity and legal basis
 * (DOMAIN.md "rules kept as data"); the admin sets a new value from a date.
 */
export function RulesPage() {
  const { t, language } = useI18n();
  const me = useCurrentUser();
  const { code = '' } = useParams();
  const [history, setHistory] = useState(false);
  const rules = useQuery({
    queryKey: ['programs', code, 'rules'],
    queryFn: () => unwrap(api.GET('/api/programs/{program}/rules', { params: { path: { program: code } } })),
  });

  const back = <BackLink to="/program" />;
  if (!rules.data) return <RecordFallback loading={rules.isLoading} error={rules.error} back={back} />;
  const { program, items, keys } = rules.data;
  const shown = history ? items : items.filter((rule) => rule.state !== 'PAST');

  return (
    <Stack>
      {back}
      <Title order={2}>{t('programs.rulesTitle', { name: program.name })}</Title>
      <Text size="sm" c="dimmed">
        {t('programs.rulesIntro')}
      </Text>
      {program.kind === 'LOCAL' && (
        <Alert color="blue" variant="light">
          {t('programs.localBenefitNote')}
        </Alert>
      )}
      <Switch
        label={t('programs.showHistory')}
        checked={history}
        onChange={(event) => setHistory(event.currentTarget.checked)}
        data-testid="rules-history"
      />
      <Table.ScrollContainer minWidth={760}>
        <Table striped data-testid="rules-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('programs.colRule')}</Table.Th>
              <Table.Th ta="right">{t('programs.colValue')}</Table.Th>
              <Table.Th>{t('programs.colFrom')}</Table.Th>
              <Table.Th>{t('programs.colTo')}</Table.Th>
              <Table.Th>{t('programs.colSource')}</Table.Th>
              <Table.Th>{t('programs.colState')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            <TableStatusRows colSpan={6} loading={false} items={shown} emptyText={t('programs.noRules')} />
            {shown.map((rule) => (
              <Table.Tr key={rule.id}>
                <Table.Td>
                  <Text size="sm">{ruleLabel(rule.key, t)}</Text>
                  <Text size="xs" c="dimmed" ff="monospace">
                    {rule.key}
                  </Text>
                </Table.Td>
                <Table.Td ta="right" style={NOWRAP}>
                  {formatRuleValue(rule.value, rule.unit, language)}
                </Table.Td>
                <Table.Td style={NOWRAP}>{formatCalendarDate(rule.validFrom, language)}</Table.Td>
                <Table.Td style={NOWRAP}>
                  {rule.validTo
                    ? formatCalendarDate(lastDayBefore(rule.validTo), language)
                    : t('programs.onwards')}
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{rule.source ?? '—'}</Text>
                  {rule.createdByName && (
                    <Text size="xs" c="dimmed">
                      {rule.createdByName}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td style={NOWRAP}>
                  <Badge variant="light" color={STATE_COLOR[rule.state]} style={{ overflow: 'visible' }}>
                    {t(`programs.ruleState.${rule.state}`)}
                  </Badge>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {can(me.role, 'distributionManage') && keys.length > 0 && (
        <Paper withBorder p="md">
          <Group mb="sm">
            <Title order={3} size="h5">
              {t('programs.setRule')}
            </Title>
          </Group>
          <SetRuleForm program={program.code} keys={keys} rules={items} />
        </Paper>
      )}
    </Stack>
  );
}
