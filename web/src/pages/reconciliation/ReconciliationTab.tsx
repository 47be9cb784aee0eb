import { Alert, Badge, Group, Paper, Stack, Text } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { api, unwrap } from '../../api/client';
import { can } from '../../auth/permissions';
import { useCurrentUser } from '../../auth/session';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageLoader } from '../../components/StatusViews';
import { useI18n } from '../../i18n';
import { formatDateTime } from '../../lib/format';
import { isPeriodNotCreated, NoAllocationYet } from '../programs/NoAllocationYet';
import type { PeriodTabProps } from '../programs/PeriodPage';
import { BeritaAcaraButtons } from './BeritaAcaraButtons';
import { ReconciliationActions } from './ReconciliationActions';
import { ReconciliationLinesTable } from './ReconciliationLinesTable';
import { ReconciliationSummary } from './ReconciliationSummary';
import { UnallocatedTable } from './UnallocatedTable';

/**
 * The reconciliation of one programme period (docs/rekonsiliasi.md): the period's state and
 * whether the stored result is stale, the admin's actions (run, finalise, reopen), the summary
 * by status / kecamatan / channel with the realisasi, the lines and the unallocated report lines.
 * Everything is limited to the reader's region by the server.
 */
export function ReconciliationTab({ program, period }: PeriodTabProps) {
  const { t, language } = useI18n();
  const user = useCurrentUser();
  const queryClient = useQueryClient();
  const view = useQuery({
    queryKey: ['reconciliation', program, period],
    queryFn: () =>
      unwrap(
        api.GET('/api/programs/{program}/periods/{period}/reconciliation', {
          params: { path: { program, period } },
        }),
      ),
    // 404 is a normal state (no allocation imported yet): not retried.
    retry: (count, error) => !isPeriodNotCreated(error) && count < 2,
  });
  const reload = useCallback(() => {
    void queryClient.invalidateQueries({ queryKey: ['reconciliation', program, period] });
    // The period header and the import tabs show the period's status too (usePeriod), the
    // programme list its periods; the realisation dashboard and Beranda count reconciled lines.
    void queryClient.invalidateQueries({ queryKey: ['programs'] });
    void queryClient.invalidateQueries({ queryKey: ['realisasi'] });
  }, [queryClient, program, period]);

  if (view.isLoading) return <PageLoader />;
  // A period nobody imported an allocation into yet: nothing to reconcile, and not an error.
  if (isPeriodNotCreated(view.error)) {
    return <NoAllocationYet text={t('reconciliation.noAllocation')} testId="reconciliation-no-allocation" />;
  }
  if (!view.data) return <ErrorAlert error={view.error} onRetry={() => void view.refetch()} />;
  const { state, summary } = view.data;
  // Lists reload when a new result is stored (or the period changes state).
  const version = `${state.reconciledAt ?? ''}/${state.status}`;

  return (
    <Stack data-testid="reconciliation-tab">
      <Paper withBorder p="md">
        <Group justify="space-between" align="flex-start">
          <Stack gap={4}>
            <Group gap="xs">
              <Text fw={600}>{t('reconciliation.tabTitle')}</Text>
              <Badge
                color={state.status === 'FINAL' ? 'teal' : 'blue'}
                variant="light"
                data-testid="reconciliation-period-status"
              >
                {state.status === 'FINAL' ? t('reconciliation.periodFinal') : t('reconciliation.periodOpen')}
              </Badge>
            </Group>
            <Text size="sm" c="dimmed">
              {state.reconciledAt
                ? t('reconciliation.reconciledAt', { at: formatDateTime(state.reconciledAt, language) })
                : t('reconciliation.neverReconciled')}
            </Text>
            {state.status === 'FINAL' && (
              <Text size="sm" c="dimmed">
                {/* Periods finalised by the demo seed or a script record no name: then no "oleh …". */}
                {state.finalisedBy
                  ? t('reconciliation.finalisedMeta', {
                      at: formatDateTime(state.finalisedAt, language),
                      by: state.finalisedBy,
                    })
                  : t('reconciliation.finalisedAt', { at: formatDateTime(state.finalisedAt, language) })}
              </Text>
            )}
          </Stack>
          {can(user.role, 'distributionManage') && (
            <ReconciliationActions program={program} period={period} state={state} onChanged={reload} />
          )}
        </Group>
      </Paper>
      {state.stale && state.reconciledAt && (
        <Alert
          color="yellow"
          variant="light"
          title={t('reconciliation.staleTitle')}
          data-testid="reconciliation-stale"
        >
          {t('reconciliation.staleText', { at: formatDateTime(state.lastImportAt, language) })}
        </Alert>
      )}
      {state.status === 'FINAL' && (
        <Alert color="teal" variant="light" data-testid="reconciliation-frozen">
          {t('reconciliation.frozenText')}
        </Alert>
      )}
      {summary && (
        <>
          <ReconciliationSummary summary={summary} />
          <ReconciliationLinesTable program={program} period={period} version={version} />
          <UnallocatedTable program={program} period={period} version={version} />
        </>
      )}
      <BeritaAcaraButtons program={program} period={period} state={state} />
    </Stack>
  );
}
