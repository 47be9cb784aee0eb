import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { api, type Schemas, unwrap } from '../../api/client';
import { ConfirmModal } from '../../components/ConfirmModal';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ReasonModal } from '../../components/ReasonModal';
import { useI18n } from '../../i18n';
import { JobProgressBar } from '../jobs/JobProgressBar';
import { isTerminal, useJobProgress } from '../jobs/useJobProgress';

const REOPEN_REASON_MIN = 10;

interface ActionsProps {
  program: string;
  period: string;
  state: Schemas['ReconciliationPeriodState'];
  /** Called when a run finished or the period changed state: the tab reloads. */
  onChanged: () => void;
}

/** Admin actions on a period: run the reconciliation (a job, followed live), finalise, reopen. */
export function ReconciliationActions({ program, period, state, onChanged }: ActionsProps) {
  const { t } = useI18n();
  const path = { program, period };
  const [jobId, setJobId] = useState<number | null>(null);
  const [confirmFinalise, setConfirmFinalise] = useState(false);
  const [reopenOpen, setReopenOpen] = useState(false);
  const [reason, setReason] = useState('');
  const progress = useJobProgress(jobId);
  const finished = progress !== null && isTerminal(progress.state);

  const run = useMutation({
    mutationFn: () =>
      unwrap(api.POST('/api/programs/{program}/periods/{period}/reconciliation', { params: { path } })),
    onSuccess: (job) => setJobId(job.id),
  });
  const finalise = useMutation({
    mutationFn: () =>
      unwrap(api.POST('/api/programs/{program}/periods/{period}/finalise', { params: { path } })),
    onSuccess: () => {
      setConfirmFinalise(false);
      onChanged();
    },
  });
  const reopen = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/api/programs/{program}/periods/{period}/reopen', { params: { path }, body: { reason } }),
      ),
    onSuccess: () => {
      setReopenOpen(false);
      setReason('');
      onChanged();
    },
  });

  useEffect(() => {
    if (finished) onChanged();
  }, [finished, onChanged]);

  const running = run.isPending || (jobId !== null && !finished);
  const isFinal = state.status === 'FINAL';
  const _reasonTooShort = reason.trim().length < REOPEN_REASON_MIN;

  return (
    <Stack gap="xs" data-testid="reconciliation-actions">
      <Group gap="sm">
        {!isFinal && (
          <>
            <Button onClick={() => run.mutate()} loading={running} data-testid="reconciliation-run">
              {t('reconciliation.run')}
            </Button>
            <Button
              variant="light"
              color="teal"
              onClick={() => setConfirmFinalise(true)}
              disabled={running}
              data-testid="reconciliation-finalise"
            >
              {t('reconciliation.finalise')}
            </Button>
          </>
        )}
        {isFinal && (
          <Button
            variant="light"
            color="orange"
            onClick={() => setReopenOpen(true)}
            data-testid="reconciliation-reopen"
          >
            {t('reconciliation.reopen')}
          </Button>
        )}
      </Group>
      <ErrorAlert error={run.error} />
      {progress && !finished && (
        <>
          <JobProgressBar state={progress.state} done={progress.done} total={progress.total ?? null} />
          <Text size="sm" c="dimmed">
            {progress.state === 'queued'
              ? t('reconciliation.runQueued')
              : t('reconciliation.runRunning', { stage: progress.message ?? '' })}
          </Text>
        </>
      )}
      {progress?.state === 'succeeded' && (
        <Alert color="green" variant="light" data-testid="reconciliation-run-result">
          {t('reconciliation.runDone')}
        </Alert>
      )}
      {progress && (progress.state === 'failed' || progress.state === 'cancelled') && (
        <Alert color="red" variant="light" data-testid="reconciliation-run-result">
          {t('reconciliation.runFailed', {
            message:
              (progress.error as { message?: string } | undefined)?.message ??
              progress.message ??
              progress.state,
          })}
        </Alert>
      )}

      <ConfirmModal
        opened={confirmFinalise}
        title={t('reconciliation.finaliseTitle', { period })}
        text={t('reconciliation.finaliseText')}
        confirmLabel={t('reconciliation.finalise')}
        color="teal"
        loading={finalise.isPending}
        error={finalise.error}
        onConfirm={() => finalise.mutate()}
        onClose={() => setConfirmFinalise(false)}
      />
      <ReasonModal
        opened={reopenOpen}
        onClose={() => setReopenOpen(false)}
        title={t('reconciliation.reopenTitle', { period })}
        text={t('reconciliation.reopenText')}
        reasonLabel={t('reconciliation.reopenReason')}
        placeholder={t('reconciliation.reopenReasonPlaceholder')}
        min={REOPEN_REASON_MIN}
        tooShortText={t('reconciliation.reopenReasonShort', { min: String(REOPEN_REASON_MIN) })}
        reason={reason}
        onReasonChange={setReason}
        confirmLabel={t('reconciliation.reopen')}
        color="orange"
        loading={reopen.isPending}
        error={reopen.error}
        onConfirm={() => reopen.mutate()}
        testIdPrefix="reconciliation-reopen"
      />
    </Stack>
  );
}
