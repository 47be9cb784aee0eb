import { Button, Group, Paper, Stack, Textarea, Title } from '@mantine/core';
import { useState } from 'react';
import { api, unwrap } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useNotify } from '../../components/Notifications';
import { useI18n } from '../../i18n';

/** Approve or reject at the reader's level (shown only when the server says they may decide now). */
export function DecisionPanel({ usulanId, onDecided }: { usulanId: number; onDecided: () => void }) {
  const { t } = useI18n();
  const notify = useNotify();
  const [comment, setComment] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const [sending, setSending] = useState<'SETUJU' | 'TOLAK' | null>(null);

  async function decide(decision: 'SETUJU' | 'TOLAK') {
    if (decision === 'TOLAK' && !comment.trim()) {
      setProblem(t('usulan.decision.commentRequired'));
      return;
    }
    setProblem(null);
    setFailure(null);
    setSending(decision);
    try {
      await unwrap(
        api.POST('/api/usulan/{id}/decision', {
          params: { path: { id: usulanId } },
          body: { decision, comment: comment.trim() || undefined },
        }),
      );
      setComment('');
      notify({ color: 'green', message: t('usulan.decision.done') });
      onDecided();
    } catch (error) {
      setFailure(error);
    } finally {
      setSending(null);
    }
  }

  return (
    <Paper withBorder p="md" data-testid="usulan-decision">
      <Stack gap="sm">
        <Title order={3} size="h4">
          {t('usulan.decision.title')}
        </Title>
        <Textarea
          label={t('usulan.decision.comment')}
          description={t('usulan.decision.commentHint')}
          value={comment}
          onChange={(e) => setComment(e.currentTarget.value)}
          error={problem}
          autosize
          minRows={2}
          maxLength={2000}
        />
        <ErrorAlert error={failure} />
        <Group justify="flex-end">
          <Button
            color="red"
            variant="light"
            loading={sending === 'TOLAK'}
            onClick={() => void decide('TOLAK')}
          >
            {t('usulan.decision.reject')}
          </Button>
          <Button color="green" loading={sending === 'SETUJU'} onClick={() => void decide('SETUJU')}>
            {t('usulan.decision.approve')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
