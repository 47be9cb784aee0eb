import {
  Alert,
  Button,
  FileInput,
  Group,
  Paper,
  Progress,
  Select,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useI18n } from '../../i18n';
import { formatNumber } from '../../lib/format';
import { useJobProgress } from '../jobs/useJobProgress';
import { ImportSummary } from './ImportSummary';
import {
  type AllocationImportSummary,
  CHANNELS,
  channelLabel,
  uploadAllocationFile,
} from './uploadAllocation';

interface JobError {
  code?: string;
  message?: string;
}

/** Admin: choose the file (and a default channel) → upload → live progress → result and rejected lines. */
export function ImportPanel({ program, period }: { program: string; period: string }) {
  const { t, language } = useI18n();
  const queryClient = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [channel, setChannel] = useState<string>('');
  const [sheet, setSheet] = useState('');
  const [map, setMap] = useState('');
  const [uploading, setUploading] = useState<number | null>(null);
  const [startError, setStartError] = useState<unknown>(null);
  const [jobId, setJobId] = useState<number | null>(null);
  const progress = useJobProgress(jobId);
  const state = progress?.state ?? (jobId ? 'queued' : null);

  useEffect(() => {
    if (state !== 'succeeded') return;
    void queryClient.invalidateQueries({ queryKey: ['allocation-imports', program, period] });
    void queryClient.invalidateQueries({ queryKey: ['allocations', program, period] });
    // The period header counts lines and rupiah; the first import creates the period.
    void queryClient.invalidateQueries({ queryKey: ['programs', program] });
  }, [state, queryClient, program, period]);

  const start = async () => {
    if (!file) return;
    setStartError(null);
    setUploading(0);
    try {
      const job = await uploadAllocationFile({ program, period }, file, {
        channel: channel || undefined,
        sheet: file.name.toLowerCase().endsWith('.xlsx') && sheet ? sheet : undefined,
        map: map.trim() || undefined,
        onProgress: (fraction) => setUploading(fraction),
      });
      setJobId(job.id);
    } catch (error) {
      setStartError(error);
    } finally {
      setUploading(null);
    }
  };
  const reset = () => {
    setJobId(null);
    setFile(null);
    setStartError(null);
  };

  const summary = state === 'succeeded' ? (progress?.result as AllocationImportSummary) : null;
  const error = state === 'failed' ? ((progress?.error ?? {}) as JobError) : null;
  const done = progress?.done ?? 0;
  const total = progress?.total ?? null;
  const percent = state === 'succeeded' ? 100 : total ? Math.min(100, (done / total) * 100) : 100;
  const stageText =
    state === 'queued'
      ? t('allocations.import.queued')
      : progress?.message === 'menerapkan'
        ? t('allocations.import.applying')
        : t('allocations.import.reading', { done: formatNumber(done, language) });

  return (
    <Paper withBorder p="md" data-testid="allocation-import">
      <Stack gap="sm">
        <Title order={3} size="h4">
          {t('allocations.import.title')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('allocations.import.intro')}
        </Text>
        {jobId === null ? (
          <>
            <Group align="flex-end" wrap="wrap">
              <FileInput
                label={t('allocations.import.file')}
                placeholder={t('allocations.import.filePlaceholder')}
                accept=".csv,.txt,.tsv,.xlsx"
                value={file}
                onChange={setFile}
                w={320}
                clearable
                data-testid="allocation-file"
              />
              <Select
                label={t('allocations.import.channel')}
                description={t('allocations.import.channelHint')}
                data={[
                  { value: '', label: t('allocations.import.channelNone') },
                  ...CHANNELS.map((c) => ({ value: c, label: channelLabel(c) })),
                ]}
                value={channel}
                onChange={(v) => setChannel(v ?? '')}
                allowDeselect={false}
                w={200}
                data-testid="allocation-channel"
              />
              {file?.name.toLowerCase().endsWith('.xlsx') && (
                <TextInput
                  label={t('allocations.import.sheet')}
                  value={sheet}
                  onChange={(e) => setSheet(e.currentTarget.value)}
                  w={160}
                />
              )}
              <TextInput
                label={t('allocations.import.map')}
                placeholder={t('allocations.import.mapHint')}
                value={map}
                onChange={(e) => setMap(e.currentTarget.value)}
                w={280}
              />
              <Button
                onClick={() => void start()}
                disabled={!file}
                loading={uploading !== null}
                data-testid="allocation-start"
              >
                {t('allocations.import.start')}
              </Button>
            </Group>
            {uploading !== null && (
              <Text size="sm" c="dimmed">
                {t('allocations.import.uploading', { percent: Math.round(uploading * 100) })}
              </Text>
            )}
            <ErrorAlert error={startError} />
          </>
        ) : (
          <Stack gap="sm">
            {state !== 'succeeded' && state !== 'failed' && (
              <Stack gap={4} data-testid="allocation-progress">
                <Text size="sm">{stageText}</Text>
                <Progress value={percent} striped animated size="lg" aria-label={stageText} />
              </Stack>
            )}
            {summary && <ImportSummary summary={summary} />}
            {error && (
              <Alert
                color="red"
                variant="light"
                title={t('allocations.import.failedTitle')}
                data-testid="allocation-failed"
              >
                <Text size="sm">{error.message ?? error.code}</Text>
                <Text size="xs" c="dimmed">
                  {t('allocations.import.nothingSaved')} {error.code && `(${error.code})`}
                </Text>
              </Alert>
            )}
            {(summary || error || state === 'cancelled') && (
              <Group>
                <Button variant="default" onClick={reset} data-testid="allocation-another">
                  {t('allocations.import.another')}
                </Button>
              </Group>
            )}
          </Stack>
        )}
      </Stack>
    </Paper>
  );
}
