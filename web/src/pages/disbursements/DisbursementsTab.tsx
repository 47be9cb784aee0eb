import { Stack } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api, unwrap } from '../../api/client';
import { can } from '../../auth/permissions';
import { useCurrentUser } from '../../auth/session';
import { PageLoader } from '../../components/StatusViews';
import { useI18n } from '../../i18n';
import { ImportGate } from '../programs/ImportGate';
import { isPeriodNotCreated, NoAllocationYet } from '../programs/NoAllocationYet';
import type { PeriodTabProps } from '../programs/PeriodPage';
import { usePeriod } from '../programs/usePeriod';
import { ImportPanel } from './ImportPanel';
import { LinesTable } from './LinesTable';
import { ReportsTable } from './ReportsTable';

/**
 * The period's channel reports (penyaluran): the admin imports a bank's or PT Pos's report;
 * everyone with access sees the list of reports and the report lines of their region.
 */
export function DisbursementsTab({ program, period }: PeriodTabProps) {
  const { t } = useI18n();
  const user = useCurrentUser();
  const [reportId, setReportId] = useState<number | null>(null);
  // Shared with the period header: a period not created yet (no allocation imported) has no
  // reports and refuses one (PERIOD_UNKNOWN), so the tab explains that instead of two red 404s.
  const periodQuery = usePeriod(program, period);
  const notCreated = isPeriodNotCreated(periodQuery.error);
  // Shares the cache entry of ReportsTable: only the ids are needed here, for the line filter.
  const reports = useQuery({
    queryKey: ['disbursement-reports', program, period],
    enabled: !periodQuery.isLoading && !notCreated,
    queryFn: () =>
      unwrap(
        api.GET('/api/programs/{program}/periods/{period}/disbursement-reports', {
          params: { path: { program, period } },
        }),
      ),
  });
  if (periodQuery.isLoading) return <PageLoader />;
  if (notCreated) {
    return <NoAllocationYet text={t('disbursements.noAllocation')} testId="disbursements-no-allocation" />;
  }
  return (
    <Stack gap="lg">
      {can(user.role, 'distributionManage') && (
        <ImportGate program={program} period={period}>
          <ImportPanel program={program} period={period} />
        </ImportGate>
      )}
      <ReportsTable program={program} period={period} onShowLines={setReportId} />
      <LinesTable
        program={program}
        period={period}
        reportId={reportId}
        onReportChange={setReportId}
        reportIds={(reports.data?.items ?? []).map((r) => r.id)}
      />
    </Stack>
  );
}
