import { Alert, Button, FileInput, Group, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { api, unwrap } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useI18n } from '../../i18n';
import { JobProgressBar } from '../jobs/JobProgressBar';
import { isTerminal, useJobProgress } from '../jobs/useJobProgress';

interface SyncJobResult {
  checkId: number;
  rejected: number;
  totals: { total: number };
}

function isSyncResult(value: unknown): value is SyncJobResult {
  return typeof value === 'object' && value !== null && 'checkId' in value && 'totals' in value;
}

/** Upload of a central extract; the check runs as a `sync.check` job followed live over SSE. */
export function SyncUploadPanel() {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [sheet, setSheet] = useState('');
  const [jobId, setJobId] = useState<number | null>(null);
  const progress = useJobProgress(jobId);
  const upload = useMutation({
    mutationFn: (chosen: File) =>
      unwrap(
        api.POST('/api/sync-checks', {
          params: { query: { fileName: chosen.name, sheet: sheet.trim() || undefined } },
          // The file itself is the body: streamed to the server, not wrapped in a form.
          body: chosen,
          bodySerializer: (body: unknown) => body as File,
          headers: { 'content-type': 'application/octet-stream' },
        }),
      ),
    onSuccess: (job) => setJobId(job.id),
  });
  const finished = progress !== null && isTerminal(progress.state);
  const result = progress?.state === 'succeeded' && isSyncResult(progress.result) ? progress.result : null;
  const busy = upload.isPending || (jobId !== null && !finished);

  useEffect(() => {
    if (finished) void queryClient.invalidateQueries({ queryKey: ['sync-checks'] });
  }, [finished, queryClient]);

  return (
    <Paper withBorder p="md" data-testid="sync-upload">
      <Stack gap="sm">
        <Title order={3} size="h5">
          {t('sync.uploadTitle')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('sync.uploadHint')}
        </Text>
        <Group align="flex-end" gap="sm">
          <FileInput
            label={t('sync.file')}
            placeholder={t('sync.filePlaceholder')}
            accept=".csv,.txt,.tsv,.xlsx"
            value={file}
            onChange={setFile}
            clearable
            w={{ base: '100%', xs: 320 }}
            data-testid="sync-file"
          />
          {file?.name.toLowerCase().endsWith('.xlsx') && (
            <TextInput
              label={t('sync.sheet')}
              placeholder={t('sync.sheetPlaceholder')}
              value={sheet}
              onChange={(event) => setSheet(event.currentTarget.value)}
              w={200}
            />
          )}
          <Button
            onClick={() => file && upload.mutate(file)}
            disabled={!file}
            loading={busy}
            data-testid="sync-start"
          >
            {t('sync.start')}
          </Button>
        </Group>
        <ErrorAlert error={upload.error} />
        {upload.isPending && (
          <Text size="sm" c="dimmed">
            {t('sync.uploading')}
          </Text>
        )}
        {progress && (
          <JobProgressBar state={progress.state} done={progress.done} total={progress.total ?? null} />
        )}
        {progress && !finished && (
          <Text size="sm" c="dimmed">
            {progress.state === 'queued'
              ? t('sync.queued')
              : t('sync.running', { done: String(progress.done) })}
          </Text>
        )}
        {result && (
          <Alert color="green" variant="light" data-testid="sync-result">
            <Group justify="space-between">
              <Text size="sm">
                {t('sync.done', { total: String(result.totals.total), rejected: String(result.rejected) })}
              </Text>
              <Button component={Link} to={`/cek-sinkron/${result.checkId}`} size="compact-sm">
                {t('sync.openResult')}
              </Button>
            </Group>
          </Alert>
        )}
        {progress && (progress.state === 'failed' || progress.state === 'cancelled') && (
          <Alert color="red" variant="light" data-testid="sync-result">
            {t('sync.failed', {
              message:
                (progress.error as { message?: string } | undefined)?.message ??
                progress.message ??
                progress.state,
            })}
          </Alert>
        )}
      </Stack>
    </Paper>
  );
}
