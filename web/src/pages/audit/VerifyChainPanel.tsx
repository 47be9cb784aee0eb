import { Alert, Button, Group, List, Paper, Stack, Text, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { api, unwrap } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useI18n } from '../../i18n';
import { JobProgressBar } from '../jobs/JobProgressBar';
import { isTerminal, useJobProgress } from '../jobs/useJobProgress';

interface VerifyResult {
  ok: boolean;
  checked: number;
  lastId: number;
  problems: { id: number; reason: string }[];
}

function isVerifyResult(value: unknown): value is VerifyResult {
  return typeof value === 'object' && value !== null && 'ok' in value && 'problems' in value;
}

/** "Periksa rantai": starts the audit.verify job and follows it live over SSE. */
export function VerifyChainPanel() {
  const { t } = useI18n();
  const [jobId, setJobId] = useState<number | null>(null);
  const progress = useJobProgress(jobId);
  const start = useMutation({
    mutationFn: () => unwrap(api.POST('/api/audit/verify')),
    onSuccess: (job) => setJobId(job.id),
  });
  const running = start.isPending || (jobId !== null && (!progress || !isTerminal(progress.state)));
  const result = progress?.state === 'succeeded' && isVerifyResult(progress.result) ? progress.result : null;
  const reason = (code: string) =>
    code === 'CHAIN_BROKEN' || code === 'HASH_MISMATCH' ? t(`audit.reasons.${code}`) : code;

  return (
    <Paper withBorder p="md" data-testid="verify-panel">
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={3} size="h5">
            {t('audit.verifyTitle')}
          </Title>
          <Button onClick={() => start.mutate()} loading={running} data-testid="verify-chain">
            {t('audit.verify')}
          </Button>
        </Group>
        <ErrorAlert error={start.error} />
        {progress && (
          <JobProgressBar state={progress.state} done={progress.done} total={progress.total ?? null} />
        )}
        {progress && !isTerminal(progress.state) && (
          <Text size="sm" c="dimmed">
            {progress.state === 'queued'
              ? t('audit.verifyQueued')
              : t('audit.verifyRunning', {
                  done: String(progress.done),
                  total: String(progress.total ?? '?'),
                })}
          </Text>
        )}
        {result?.ok && (
          <Alert color="green" variant="light" data-testid="verify-result">
            {t('audit.verifyOk', { checked: String(result.checked), lastId: String(result.lastId) })}
          </Alert>
        )}
        {result && !result.ok && (
          <Alert color="red" variant="light" data-testid="verify-result">
            <Text size="sm">
              {t('audit.verifyProblems', { count: result.problems.length, checked: String(result.checked) })}
            </Text>
            <List size="sm" mt="xs">
              {result.problems.slice(0, 50).map((problem) => (
                <List.Item key={`${problem.id}:${problem.reason}`}>
                  {t('audit.problemEntry', { id: String(problem.id) })}: {reason(problem.reason)}
                </List.Item>
              ))}
            </List>
          </Alert>
        )}
        {progress && (progress.state === 'failed' || progress.state === 'cancelled') && (
          <Alert color="red" variant="light" data-testid="verify-result">
            {t('audit.verifyFailed', {
              message: progress.message ?? JSON.stringify(progress.error ?? progress.state),
            })}
          </Alert>
        )}
      </Stack>
    </Paper>
  );
}
