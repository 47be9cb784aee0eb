import { Group, Progress, Text } from '@mantine/core';
import { useI18n } from '../../i18n';
import type { JobState } from './useJobProgress';

const COLORS: Record<JobState, string> = {
  queued: 'gray',
  running: 'blue',
  succeeded: 'green',
  failed: 'red',
  cancelled: 'gray',
};

/** Done / total as a bar; striped while the total is not known yet. */
export function JobProgressBar({
  state,
  done,
  total,
}: {
  state: JobState;
  done: number;
  total: number | null;
}) {
  const { t } = useI18n();
  const known = total !== null && total > 0;
  const percent =
    state === 'succeeded' ? 100 : known ? Math.min(100, (done / total) * 100) : state === 'running' ? 100 : 0;
  return (
    <div>
      <Progress
        value={percent}
        color={COLORS[state]}
        striped={state === 'running'}
        animated={state === 'running'}
        size="lg"
        aria-label={t('jobs.progress')}
        data-testid="job-progress"
      />
      <Group justify="space-between" mt={4}>
        <Text size="xs" c="dimmed">
          {t(`jobs.states.${state}`)}
        </Text>
        <Text size="xs" c="dimmed">
          {known ? `${done} / ${total}` : done > 0 ? String(done) : ''}
        </Text>
      </Group>
    </div>
  );
}
