import { Anchor, Badge, Button, Group, Paper, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import type { Schemas } from '../../api/client';
import { TableStatusRows } from '../../components/StatusViews';
import { useI18n } from '../../i18n';
import { formatDateTime, formatNumber, formatRupiah } from '../../lib/format';
import { PeriodStatusBadge } from './PeriodStatusBadge';
import { parsePeriodCode, periodExamples } from './programFormat';

type Program = Schemas['ProgramSummary'];

interface ProgramCardProps {
  program: Program;
  canManage: boolean;
  onEdit: () => void;
}

/** One programme: what it is, its periods, and a field to open a new period by its code. */
export function ProgramCard({ program, canManage, onEdit }: ProgramCardProps) {
  const { t, language } = useI18n();
  const examples = periodExamples(program.periodKinds);

  return (
    <Paper withBorder p="md" data-testid={`program-${program.code}`}>
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start">
          <Stack gap={2}>
            <Group gap="xs">
              <Title order={3} size="h4">
                {program.name}
              </Title>
              <Badge variant="outline">{program.code}</Badge>
              <Badge variant="light" color={program.kind === 'LOCAL' ? 'grape' : 'blue'}>
                {t(`programs.kinds.${program.kind}`)}
              </Badge>
            </Group>
            <Text size="sm" c="dimmed">
              {t('programs.funding', { funding: program.funding })} ·{' '}
              {program.periodKinds.map((k) => t(`programs.periodKinds.${k}`)).join(', ')}
              {program.kind === 'LOCAL' &&
                ` · ${t('programs.budget')} ${formatRupiah(program.budget, language)} · ${t(
                  'programs.benefitAmount',
                )} ${formatRupiah(program.benefitAmount, language)}`}
            </Text>
          </Stack>
          <Group gap="xs">
            <Button
              component={Link}
              to={`/program/${encodeURIComponent(program.code)}/aturan`}
              variant="light"
              size="xs"
            >
              {t('programs.rules')}
            </Button>
            {canManage && program.kind === 'LOCAL' && (
              <Button variant="default" size="xs" onClick={onEdit}>
                {t('programs.editLocal')}
              </Button>
            )}
          </Group>
        </Group>
        <NewPeriodForm program={program} examples={examples} />
        <Table.ScrollContainer minWidth={720}>
          <Table striped highlightOnHover>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('programs.colPeriod')}</Table.Th>
                <Table.Th>{t('programs.colStatus')}</Table.Th>
                <Table.Th ta="right">{t('programs.colKpm')}</Table.Th>
                <Table.Th ta="right">{t('programs.colLines')}</Table.Th>
                <Table.Th ta="right">{t('programs.colAllocated')}</Table.Th>
                <Table.Th ta="right">{t('programs.colReports')}</Table.Th>
                <Table.Th>{t('programs.colReconciled')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              <TableStatusRows
                colSpan={7}
                loading={false}
                items={program.periods}
                emptyText={t('programs.noPeriods')}
              />
              {program.periods.map((p) => (
                <Table.Tr key={p.period}>
                  <Table.Td>
                    <Anchor
                      component={Link}
                      to={`/program/${encodeURIComponent(program.code)}/${p.period}`}
                      data-testid={`period-link-${program.code}-${p.period}`}
                    >
                      {p.label}
                    </Anchor>{' '}
                    <Text span size="xs" c="dimmed" ff="monospace">
                      {p.period}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <PeriodStatusBadge status={p.status} />
                  </Table.Td>
                  <Table.Td ta="right">{formatNumber(p.kpm, language)}</Table.Td>
                  <Table.Td ta="right">{formatNumber(p.allocationLines, language)}</Table.Td>
                  <Table.Td ta="right">{formatRupiah(p.allocated, language)}</Table.Td>
                  <Table.Td ta="right">{formatNumber(p.reports, language)}</Table.Td>
                  <Table.Td>{p.reconciledAt ? formatDateTime(p.reconciledAt, language) : '—'}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Stack>
    </Paper>
  );
}

/** "Periode baru": checks the code as the server would, then opens the period page. */
function NewPeriodForm({ program, examples }: { program: Program; examples: string }) {
  const { t, language } = useI18n();
  const navigate = useNavigate();
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | null>(null);

  function submit(event: FormEvent) {
    event.preventDefault();
    const period = parsePeriodCode(code, language);
    if (!period) return setError(t('programs.periodInvalid'));
    if (!program.periodKinds.includes(period.kind))
      return setError(t('programs.periodKindMismatch', { examples }));
    navigate(`/program/${encodeURIComponent(program.code)}/${period.code}`);
  }

  return (
    <form onSubmit={submit} noValidate data-testid={`new-period-${program.code}`}>
      <Group align="flex-start" gap="xs">
        <TextInput
          aria-label={`${t('programs.newPeriod')} ${program.code}`}
          placeholder={t('programs.newPeriodHint', { examples })}
          value={code}
          onChange={(event) => {
            setCode(event.currentTarget.value);
            setError(null);
          }}
          error={error}
          size="xs"
          w={{ base: '100%', xs: 260 }}
          autoCapitalize="characters"
        />
        <Button type="submit" size="xs" variant="default">
          {t('programs.newPeriod')}
        </Button>
      </Group>
    </form>
  );
}
