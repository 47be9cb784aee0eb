import { Stack } from '@mantine/core';
import { useState } from 'react';
import { can } from '../../auth/permissions';
import { useCurrentUser } from '../../auth/session';
import { ImportGate } from '../programs/ImportGate';
import type { PeriodTabProps } from '../programs/PeriodPage';
import { ImportPanel } from './ImportPanel';
import { ImportsTable } from './ImportsTable';
import { LineDrawer } from './LineDrawer';
import { LinesTable } from './LinesTable';

/**
 * The period's allocations (alokasi): the admin imports the centre's file; everyone with access
 * sees the import history and the allocation lines of their region, and opens a line to see how
 * its entitlement was computed.
 */
export function AllocationsTab({ program, period }: PeriodTabProps) {
  const user = useCurrentUser();
  const [openId, setOpenId] = useState<number | null>(null);
  return (
    <Stack gap="lg">
      {can(user.role, 'distributionManage') && (
        <ImportGate program={program} period={period}>
          <ImportPanel program={program} period={period} />
        </ImportGate>
      )}
      <ImportsTable program={program} period={period} />
      <LinesTable program={program} period={period} onOpen={setOpenId} />
      <LineDrawer id={openId} onClose={() => setOpenId(null)} />
    </Stack>
  );
}
