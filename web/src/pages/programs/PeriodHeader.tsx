import { Alert, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { ApiError, api, unwrap } from '../../api/client';
import { BackLink, DetailField } from '../../components/DetailPage';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useI18n } from '../../i18n';
import { formatDateTime, formatNumber, formatRupiah } from '../../lib/format';
import type { PeriodTabProps } from './PeriodPage';
import { PeriodStatusBadge } from './PeriodStatusBadge';
import { parsePeriodCode } from './programFormat';
import { usePeriod } from './usePeriod';

/**
 * "PKH — Tahap II 2026": status (Terbuka / Final, since when and by whom) and the period's
 * figures in the reader's region. A period without allocation yet is a normal state (the
 * first import creates it), not an error: the header says so.
 */
export function PeriodHeader({ program, period }: PeriodTabProps) {
  const { t, language } = useI18n();
  const programQuery = useQuery({
    queryKey: ['programs', program],
    queryFn: () => unwrap(api.GET('/api/programs/{program}', { params: { path: { program } } })),
  });
  const periodQuery = usePeriod(program, period);

  const notYet = periodQuery.error instanceof ApiError && periodQuery.error.status === 404;
  const data = periodQuery.data?.period;
  const label = data?.label ?? parsePeriodCode(period, language)?.label ?? period;
  // Central programmes go by their code ("PKH — Tahap II 2026"); a local one by its name.
  const name = programQuery.data?.kind === 'LOCAL' ? programQuery.data.name : program;

  return (
    <Stack gap="xs">
      <BackLink to="/program" />
      <Group gap="sm" align="center">
        <Title order={2} data-testid="period-title">
          {t('programs.headerTitle', { program: name, period: label })}
        </Title>
        {data && <PeriodStatusBadge status={data.status} />}
      </Group>
      {programQuery.data && (
        <Text size="sm" c="dimmed">
          {programQuery.data.name}
        </Text>
      )}
      <ErrorAlert error={programQuery.error} />
      {!notYet && <ErrorAlert error={periodQuery.error} />}
      {notYet && (
        <Alert color="blue" variant="light" title={t('programs.notYet')} data-testid="period-not-yet">
          {t('programs.notYetText')}
        </Alert>
      )}
      {data && (
        <Paper withBorder p="sm">
          <SimpleGrid cols={{ base: 2, sm: 3, md: 5 }} spacing="sm">
            <DetailField label={`${t('programs.colKpm')} (${t('programs.inScope')})`}>
              {formatNumber(data.kpm, language)}
            </DetailField>
            <DetailField label={t('programs.colLines')}>
              {formatNumber(data.allocationLines, language)}
            </DetailField>
            <DetailField label={t('programs.colAllocated')}>
              {formatRupiah(data.allocated, language)}
            </DetailField>
            <DetailField label={t('programs.colReports')}>{formatNumber(data.reports, language)}</DetailField>
            <DetailField label={t('programs.colStatus')}>
              <Text size="sm">
                {data.status === 'FINAL'
                  ? `${t('programs.finalisedOn', { date: formatDateTime(data.finalisedAt, language) })}${
                      data.finalisedByName
                        ? ` ${t('programs.finalisedBy', { name: data.finalisedByName })}`
                        : ''
                    }`
                  : data.reconciledAt
                    ? t('programs.reconciledOn', { date: formatDateTime(data.reconciledAt, language) })
                    : t('programs.notReconciled')}
              </Text>
            </DetailField>
          </SimpleGrid>
        </Paper>
      )}
    </Stack>
  );
}
