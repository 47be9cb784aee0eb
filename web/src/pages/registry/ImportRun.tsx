import { Alert, Button, Group, List, Paper, Progress, Stack, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useI18n } from '../../i18n';
import { formatNumber } from '../../lib/format';
import { type JobState, useJobProgress } from '../jobs/useJobProgress';
import { ImportResult } from './ImportResult';
import { asImportSummary, fieldLabel } from './labels';

interface JobError {
  code?: string;
  message?: string;
  details?: { missing?: unknown };
}

const STAGES = ['membaca', 'menerapkan'] as const;

const COLORS: Record<JobState, string> = {
  queued: 'gray',
  running: 'blue',
  succeeded: 'green',
  failed: 'red',
  cancelled: 'gray',
};

interface ImportRunProps {
  jobId: number;
  kind: string;
  onSucceeded: () => void;
  onBackToMapping: () => void;
  onAnother: () => void;
}

/** Step 3: the import job's live progress, then its result or why it failed. */
export function ImportRun({ jobId, kind, onSucceeded, onBackToMapping, onAnother }: ImportRunProps) {
  const { t, language } = useI18n();
  const queryClient = useQueryClient();
  const progress = useJobProgress(jobId);
  const state = progress?.state ?? 'queued';

  useEffect(() => {
    if (state !== 'succeeded') return;
    void queryClient.invalidateQueries({ queryKey: ['registry-imports'] });
    // The registry changed: lists, counts and records read before are stale now.
    void queryClient.invalidateQueries({ queryKey: ['quality-counts'] });
    void queryClient.invalidateQueries({ queryKey: ['quality'] });
    void queryClient.invalidateQueries({ queryKey: ['households'] });
    void queryClient.invalidateQueries({ queryKey: ['persons-search'] });
    onSucceeded();
  }, [state, queryClient, onSucceeded]);

  const stage = STAGES.find((s) => s === progress?.message);
  const done = progress?.done ?? 0;
  const total = progress?.total ?? null;
  const summary = state === 'succeeded' ? asImportSummary(progress?.result) : null;
  const error = state === 'failed' ? ((progress?.error ?? {}) as JobError) : null;
  // Rows read against the file's row count (CSV; unknown for xlsx: the bar runs striped).
  const percent =
    state === 'succeeded' ? 100 : total ? Math.min(100, (done / total) * 100) : state === 'running' ? 100 : 0;
  const missing = Array.isArray(error?.details?.missing) ? (error.details.missing as string[]) : [];

  return (
    <Stack gap="md">
      <Paper withBorder p="md" data-testid="import-progress">
        <Stack gap={6}>
          <Group justify="space-between" gap="xs">
            <Text size="sm" fw={500} data-testid="import-stage">
              {state === 'queued'
                ? t('registry.import.queued')
                : stage
                  ? t(`registry.import.stages.${stage}`)
                  : t(`jobs.states.${state}`)}
            </Text>
            <Text size="sm" c="dimmed" data-testid="import-rows">
              {total
                ? t('registry.import.rowsOf', {
                    done: formatNumber(done, language),
                    total: formatNumber(total, language),
                  })
                : t('registry.import.rows', { done: formatNumber(done, language) })}
            </Text>
          </Group>
          <Progress
            value={percent}
            color={COLORS[state]}
            striped={state === 'running' || state === 'queued'}
            animated={state === 'running'}
            size="lg"
            aria-label={t('jobs.progress')}
            data-testid="job-progress"
          />
        </Stack>
      </Paper>

      {summary && <ImportResult summary={summary} kind={kind} />}

      {error && (
        <Alert
          color="red"
          variant="light"
          title={t('registry.import.failedTitle')}
          data-testid="import-failed"
        >
          <Stack gap="xs">
            {error.code === 'COLUMN_MISSING' && missing.length > 0 ? (
              <>
                <Text size="sm">{t('registry.import.columnMissing')}</Text>
                <List size="sm">
                  {missing.map((field) => (
                    <List.Item key={field}>{fieldLabel(t, field)}</List.Item>
                  ))}
                </List>
              </>
            ) : (
              <Text size="sm">{error.message ?? error.code}</Text>
            )}
            <Text size="xs" c="dimmed">
              {t('registry.import.nothingSaved')} {error.code && `(${error.code})`}
            </Text>
          </Stack>
        </Alert>
      )}

      <Group>
        {error && (
          <Button variant="default" onClick={onBackToMapping} data-testid="import-back-to-mapping">
            {t('registry.import.backToMapping')}
          </Button>
        )}
        {(summary || error || state === 'cancelled') && (
          <Button variant={summary ? 'filled' : 'default'} onClick={onAnother} data-testid="import-another">
            {t('registry.import.another')}
          </Button>
        )}
      </Group>
    </Stack>
  );
}
