import { Anchor, Group, Paper, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useQueries, useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { api, unwrap } from '../../api/client';
import { useI18n } from '../../i18n';
import { formatNumber, formatRupiah, todayInOffice } from '../../lib/format';
import { percent } from '../reconciliation/RealisasiTables';

/**
 * Beranda's distribution summary: for each programme with a period in the latest year that has
 * begun (this year, or in January the last one until this year's periods are created), the KPM and
 * rupiah paid so far within the reader's region (the server limits /api/realisasi), and a link
 * to the realisation dashboard. Only for roles that see distribution.
 */
export function RealisasiSummary() {
  const { t, language } = useI18n();
  const programs = useQuery({ queryKey: ['programs'], queryFn: () => unwrap(api.GET('/api/programs')) });
  const year = latestYear(programs.data?.items ?? [], Number(todayInOffice().slice(0, 4)));
  const running = (programs.data?.items ?? []).filter((p) =>
    p.periods.some((period) => period.period.startsWith(`${year}-`)),
  );
  const reports = useQueries({
    queries: running.map((p) => ({
      queryKey: ['realisasi', p.code, year, ''],
      queryFn: () => unwrap(api.GET('/api/realisasi', { params: { query: { program: p.code, year } } })),
    })),
  });

  if (programs.isError) return null;
  return (
    <Paper withBorder p="md" data-testid="dashboard-realisasi">
      <Title order={4} mb="xs">
        {t('dashboard.realisasi.title', { year: String(year) })}
      </Title>
      {programs.isLoading && <Skeleton h={24} />}
      {programs.data && running.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('dashboard.realisasi.none', { year: String(year) })}
        </Text>
      )}
      <Stack gap="xs">
        {running.map((p, i) => {
          const report = reports[i];
          const data = report?.data;
          return (
            <Group key={p.code} justify="space-between" wrap="wrap" gap="xs">
              <Text fw={600} miw={220}>
                {p.code} — {p.name}
              </Text>
              {report?.isLoading && <Skeleton h={20} w={260} />}
              {report?.isError && (
                <Text size="sm" c="red">
                  {t('dashboard.realisasi.failed')}
                </Text>
              )}
              {data && (
                <Text size="sm" data-testid={`dashboard-realisasi-${p.code}`}>
                  {data.totals.allocatedKpm === 0
                    ? t('dashboard.realisasi.notReconciled')
                    : t('dashboard.realisasi.line', {
                        kpm: formatNumber(data.totals.kpm, language),
                        paid: formatRupiah(data.totals.paid, language),
                        percent: percent(data.totals.paid, data.totals.allocated, language),
                      })}{' '}
                  <Anchor
                    component={Link}
                    to={`/realisasi?program=${encodeURIComponent(p.code)}&year=${year}`}
                  >
                    {t('dashboard.open')}
                  </Anchor>
                </Text>
              )}
            </Group>
          );
        })}
      </Stack>
    </Paper>
  );
}

/** The latest year, not after `thisYear`, in which any programme has a period (else `thisYear`). */
function latestYear(
  programs: readonly { periods: readonly { period: string }[] }[],
  thisYear: number,
): number {
  let latest = 0;
  for (const program of programs)
    for (const { period } of program.periods) {
      const year = Number(period.slice(0, 4));
      if (year <= thisYear && year > latest) latest = year;
    }
  return latest || thisYear;
}
