import { Alert, Anchor, Group, Paper, Select, Stack, Text, Title } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router-dom';
import { api, unwrap } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageLoader } from '../../components/StatusViews';
import { useI18n } from '../../i18n';
import { formatNumber, formatRupiah, todayInOffice } from '../../lib/format';
import { parsePeriodCode } from '../programs/programFormat';
import { RealisasiCharts } from './RealisasiCharts';
import { percent, RealisasiTables } from './RealisasiTables';

/**
 * `/realisasi`: the realisation dashboard (docs/berita-acara-dan-realisasi.md). KPM and rupiah
 * actually paid per programme and year, up to a chosen period, from the stored reconciliation
 * of each period, within the reader's region (the server limits it). The choice lives in the
 * address (?program=PKH&year=2026&upTo=2026-T2) so it can be shared.
 */
export function RealisasiPage() {
  const { t, language } = useI18n();
  const [params, setParams] = useSearchParams();
  const programs = useQuery({ queryKey: ['programs'], queryFn: () => unwrap(api.GET('/api/programs')) });

  const list = programs.data?.items ?? [];
  const program = params.get('program') ?? list[0]?.code ?? '';
  const selected = list.find((p) => p.code === program);
  const years = [
    ...new Set([
      Number(todayInOffice().slice(0, 4)),
      ...(selected?.periods ?? []).map((p) => Number(p.period.slice(0, 4))),
    ]),
  ].sort((a, b) => b - a);
  const year = Number(params.get('year') ?? years[0] ?? todayInOffice().slice(0, 4));
  const upTo = params.get('upTo') ?? '';
  const periodsOfYear = (selected?.periods ?? [])
    .filter((p) => p.period.startsWith(`${year}-`))
    .sort((a, b) => a.period.localeCompare(b.period));

  const report = useQuery({
    queryKey: ['realisasi', program, year, upTo],
    enabled: program !== '',
    placeholderData: keepPreviousData,
    queryFn: () =>
      unwrap(
        api.GET('/api/realisasi', {
          params: { query: { program, year, ...(upTo ? { upTo } : {}) } },
        }),
      ),
  });

  function choose(next: { program?: string; year?: number; upTo?: string | null }) {
    const merged = { program, year: String(year), upTo, ...next };
    const search: Record<string, string> = { program: merged.program, year: String(merged.year) };
    // A new programme or year resets the last period (it may not exist there).
    if (merged.upTo && next.program === undefined && next.year === undefined) search.upTo = merged.upTo;
    setParams(search, { replace: true });
  }

  const data = report.data;
  const upToLabel = data?.upTo ? parsePeriodCode(data.upTo, language)?.label.replace(/ \d{4}$/, '') : null;
  const headline = data
    ? t(upToLabel ? 'reconciliation.dashboard.headlineUpTo' : 'reconciliation.dashboard.headline', {
        program: data.program,
        year: data.year,
        label: upToLabel ?? '',
        kpm: formatNumber(data.totals.kpm, language),
        paid: formatRupiah(data.totals.paid, language),
      })
    : '';
  // The figures come from stored reconciliations only: a period with allocations but never
  // reconciled counts 0, so the text says how many periods the figures cover.
  const reconciledPeriods = data?.byPeriod.filter((p) => p.reconciledAt !== null).length ?? 0;
  const unreconciledPeriods = (data?.byPeriod.length ?? 0) - reconciledPeriods;

  return (
    <Stack data-testid="realisasi-page">
      <Title order={2}>{t('reconciliation.dashboard.title')}</Title>
      <Text c="dimmed" size="sm">
        {t('reconciliation.dashboard.intro')}
      </Text>
      <Group gap="sm" align="flex-end" wrap="wrap">
        <Select
          label={t('reconciliation.dashboard.program')}
          data={list.map((p) => ({ value: p.code, label: `${p.code} — ${p.name}` }))}
          value={program || null}
          onChange={(value) => value && choose({ program: value })}
          allowDeselect={false}
          w={{ base: '100%', xs: 260 }}
          data-testid="realisasi-program"
        />
        <Select
          label={t('reconciliation.dashboard.year')}
          data={years.map(String)}
          value={String(year)}
          onChange={(value) => value && choose({ year: Number(value) })}
          allowDeselect={false}
          w={{ base: '48%', xs: 110 }}
          data-testid="realisasi-year"
        />
        <Select
          label={t('reconciliation.dashboard.upTo')}
          data={[
            { value: '', label: t('reconciliation.dashboard.allPeriods') },
            ...periodsOfYear.map((p) => ({ value: p.period, label: p.label })),
          ]}
          value={upTo}
          onChange={(value) => choose({ upTo: value ?? '' })}
          allowDeselect={false}
          w={{ base: '48%', xs: 200 }}
          data-testid="realisasi-up-to"
        />
      </Group>
      <ErrorAlert error={programs.error ?? report.error} onRetry={() => void report.refetch()} />
      {(programs.isLoading || report.isLoading) && <PageLoader />}
      {data && (
        <>
          <Paper withBorder p="md" data-testid="realisasi-headline">
            <Title order={3}>{headline}</Title>
            {reconciledPeriods === 0 ? (
              <Text size="sm" c="dimmed" data-testid="realisasi-none-reconciled">
                {t('reconciliation.dashboard.noneReconciled')}{' '}
                <Anchor component={Link} to="/program" size="sm">
                  {t('reconciliation.dashboard.toProgram')}
                </Anchor>
              </Text>
            ) : (
              <Text size="sm" c="dimmed">
                {t('reconciliation.dashboard.ofAllocated', {
                  kpm: formatNumber(data.totals.allocatedKpm, language),
                  allocated: formatRupiah(data.totals.allocated, language),
                  percent: percent(data.totals.paid, data.totals.allocated, language),
                  reconciled: formatNumber(reconciledPeriods, language),
                })}
                {unreconciledPeriods > 0 &&
                  ` ${t('reconciliation.dashboard.notReconciledPeriods', {
                    number: formatNumber(unreconciledPeriods, language),
                  })}`}
              </Text>
            )}
            {data.regionName && (
              <Text size="sm" c="dimmed">
                {t('reconciliation.dashboard.region', { name: data.regionName })}
              </Text>
            )}
          </Paper>
          {data.unallocated.lines > 0 && (
            <Alert color="yellow" variant="light" data-testid="realisasi-unallocated">
              {t('reconciliation.dashboard.unallocated', {
                lines: formatNumber(data.unallocated.lines, language),
                paid: formatRupiah(data.unallocated.paid, language),
              })}
            </Alert>
          )}
          {data.totals.allocatedKpm === 0 ? (
            // With no period reconciled the headline already says what to do.
            reconciledPeriods > 0 && <Alert color="gray">{t('reconciliation.dashboard.noData')}</Alert>
          ) : (
            <>
              <RealisasiCharts report={data} />
              <RealisasiTables report={data} />
            </>
          )}
        </>
      )}
    </Stack>
  );
}
