import { SegmentedControl, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useI18n } from '../../i18n';
import type { PeriodTabProps } from '../programs/PeriodPage';
import { ExclusionList } from './ExclusionList';
import { InclusionList } from './InclusionList';

type Kind = 'inclusion' | 'exclusion';

/**
 * Targeting errors of one programme period (docs/ketepatan-sasaran.md): the allocation lines
 * that may not belong, and the families left out; the server limits both to the reader's region.
 */
export function TargetingTab({ program, period }: PeriodTabProps) {
  const { t } = useI18n();
  const [kind, setKind] = useState<Kind>('inclusion');
  return (
    <Stack>
      <Text size="sm" c="dimmed">
        {t('targeting.intro')}
      </Text>
      <SegmentedControl
        value={kind}
        onChange={(value) => setKind(value as Kind)}
        data={[
          { value: 'inclusion', label: t('targeting.inclusion') },
          { value: 'exclusion', label: t('targeting.exclusion') },
        ]}
        w="fit-content"
        data-testid="targeting-kind"
      />
      {kind === 'inclusion' ? (
        <InclusionList program={program} period={period} />
      ) : (
        <ExclusionList program={program} period={period} />
      )}
    </Stack>
  );
}
