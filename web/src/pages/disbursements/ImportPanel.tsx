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
import { type DisbursementSummary, ReportSummary } from './ReportSummary';
import { CHANNELS, uploadDisbursementReport } from './uploadReport';

interface JobError {
  code?: string;
  message?: string;
}

/** Admin: choose the channel and the file → upload → live progress → result and rejected lines. */
export function ImportPanel({ program, period }: { program: string; period: string }) {
  const { t, language } = useI18n();
  const queryClient = useQueryClient();
  const [channel, setChannel] = useState<string | null>(null);
  const [file, setFile] = useState<File | null>(null);
  const [sheet, setSheet] = useState('');
  const [uploading, setUploading] = useState<number | null>(null);
  const [startError, setStartError] = useState<unknown>(null);
  const [jobId, setJobId] = useState<number | null>(null);
  const progress = useJobProgress(jobId);
  const state = progress?.state ?? (jobId ? 'queued' : null);

  useEffect(() => {
    if (state !== 'succeeded') return;
    void queryClient.invalidateQueries({ queryKey: ['disbursement-reports', program, period] });
    void queryClient.invalidateQueries({ queryKey: ['disbursement-lines', program, period] });
  }, [state, queryClient, program, period]);

  const start = async () => {
    if (!channel || !file) return;
    setStartError(null);
    setUploading(0);
    try {
      const job = await uploadDisbursementReport({ program, period, channel }, file, {
        sheet: file.name.toLowerCase().endsWith('.xlsx') && sheet ? sheet : undefined,
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

  const summary = state === 'succeeded' ? (progress?.result as DisbursementSummary) : null;
  const error = state === 'failed' ? ((progress?.error ?? {}) as JobError) : null;
  const done = progress?.done ?? 0;
  const total = progress?.total ?? null;
  const percent = state === 'succeeded' ? 100 : total ? Math.min(100, (done / total) * 100) : 100;
  const stageText =
    state === 'queued'
      ? t('disbursements.import.queued')
      : progress?.message === 'mencocokkan'
        ? t('disbursements.import.matching')
        : t('disbursements.import.reading', { done: formatNumber(done, language) });

  return (
    <Paper withBorder p="md" data-testid="disbursement-import">
      <Stack gap="sm">
        <Title order={3} size="h4">
          {t('disbursements.import.title')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('disbursements.import.intro')}
        </Text>
        {jobId === null ? (
          <>
            <Group align="flex-end" wrap="wrap">
              <Select
                label={t('disbursements.import.channel')}
                placeholder={t('disbursements.import.channelPlaceholder')}
                data={CHANNELS.map((c) => ({ value: c, label: c === 'POS' ? 'PT Pos' : c }))}
                value={channel}
                onChange={setChannel}
                w={180}
                data-testid="disbursement-channel"
              />
              <FileInput
                label={t('disbursements.import.file')}
                placeholder={t('disbursements.import.filePlaceholder')}
                accept=".csv,.txt,.tsv,.xlsx"
                value={file}
                onChange={setFile}
                w={320}
                clearable
                data-testid="disbursement-file"
              />
              {file?.name.toLowerCase().endsWith('.xlsx') && (
                <TextInput
                  label={t('disbursements.import.sheet')}
                  value={sheet}
                  onChange={(e) => setSheet(e.currentTarget.value)}
                  w={180}
                />
              )}
              <Button
                onClick={() => void start()}
                disabled={!channel || !file}
                loading={uploading !== null}
                data-testid="disbursement-start"
              >
                {t('disbursements.import.start')}
              </Button>
            </Group>
            {uploading !== null && (
              <Text size="sm" c="dimmed">
                {t('disbursements.import.uploading', { percent: Math.round(uploading * 100) })}
              </Text>
            )}
            <ErrorAlert error={startError} />
          </>
        ) : (
          <Stack gap="sm">
            {state !== 'succeeded' && state !== 'failed' && (
              <Stack gap={4} data-testid="disbursement-progress">
                <Text size="sm">{stageText}</Text>
                <Progress value={percent} striped animated size="lg" aria-label={stageText} />
              </Stack>
            )}
            {summary && <ReportSummary summary={summary} program={program} period={period} />}
            {error && (
              <Alert
                color="red"
                variant="light"
                title={t('disbursements.import.failedTitle')}
                data-testid="disbursement-failed"
              >
                <Text size="sm">{error.message ?? error.code}</Text>
                <Text size="xs" c="dimmed">
                  {t('disbursements.import.nothingSaved')} {error.code && `(${error.code})`}
                </Text>
              </Alert>
            )}
            {(summary || error || state === 'cancelled') && (
              <Group>
                <Button variant="default" onClick={reset} data-testid="disbursement-another">
                  {t('disbursements.import.another')}
                </Button>
              </Group>
            )}
          </Stack>
        )}
      </Stack>
    </Paper>
  );
}
