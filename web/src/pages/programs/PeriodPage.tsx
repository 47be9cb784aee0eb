import { Stack, Tabs } from '@mantine/core';
import { useParams, useSearchParams } from 'react-router-dom';
import { can } from '../../auth/permissions';
import { useCurrentUser } from '../../auth/session';
import { useI18n } from '../../i18n';
import { AllocationsTab } from '../allocations/AllocationsTab';
import { DisbursementsTab } from '../disbursements/DisbursementsTab';
import { ReconciliationTab } from '../reconciliation/ReconciliationTab';
import { TargetingTab } from '../targeting/TargetingTab';
import { PeriodHeader } from './PeriodHeader';

const TABS = ['alokasi', 'penyaluran', 'rekonsiliasi', 'sasaran'] as const;
type Tab = (typeof TABS)[number];

/**
 * One programme period (`/program/PKH/2026-T2`): the chain allocation → channel reports →
 * reconciliation → targeting, one tab each; the tab is in the address so it can be shared.
 */
export function PeriodPage() {
  const { t } = useI18n();
  const user = useCurrentUser();
  const { code = '', period = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const requested = params.get('tab');
  const tab: Tab = TABS.includes(requested as Tab) ? (requested as Tab) : 'alokasi';
  const showTargeting = can(user.role, 'targeting');
  return (
    <Stack>
      <PeriodHeader program={code} period={period} />
      <Tabs
        value={tab}
        onChange={(value) => value && setParams({ tab: value }, { replace: true })}
        keepMounted={false}
      >
        <Tabs.List>
          <Tabs.Tab value="alokasi" data-testid="tab-alokasi">
            {t('programs.tabAllocations')}
          </Tabs.Tab>
          <Tabs.Tab value="penyaluran" data-testid="tab-penyaluran">
            {t('programs.tabDisbursements')}
          </Tabs.Tab>
          <Tabs.Tab value="rekonsiliasi" data-testid="tab-rekonsiliasi">
            {t('programs.tabReconciliation')}
          </Tabs.Tab>
          {showTargeting && (
            <Tabs.Tab value="sasaran" data-testid="tab-sasaran">
              {t('programs.tabTargeting')}
            </Tabs.Tab>
          )}
        </Tabs.List>
        <Tabs.Panel value="alokasi" pt="md">
          <AllocationsTab program={code} period={period} />
        </Tabs.Panel>
        <Tabs.Panel value="penyaluran" pt="md">
          <DisbursementsTab program={code} period={period} />
        </Tabs.Panel>
        <Tabs.Panel value="rekonsiliasi" pt="md">
          <ReconciliationTab program={code} period={period} />
        </Tabs.Panel>
        {showTargeting && (
          <Tabs.Panel value="sasaran" pt="md">
            <TargetingTab program={code} period={period} />
          </Tabs.Panel>
        )}
      </Tabs>
    </Stack>
  );
}

/** What every tab of the period page receives. */
export interface PeriodTabProps {
  program: string;
  period: string;
}
