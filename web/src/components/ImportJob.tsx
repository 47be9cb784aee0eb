import {
  Alert,
  Button,
  FileInput,
  Group,
  Paper,
  Progress,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useEffect, useState } from 'react';
import { type JobProgress, useJobProgress } from '../pages/jobs/useJobProgress';
import { ErrorAlert } from './ErrorAlert';

/**
 * What the allocation and channel-report import panels share: the upload (with its progress),
 * the job that follows it live, the lists refreshed once it succeeded, and the view of the job
 * (progress bar, failure, "import another").
 */
export interface JobError {
  code?: string;
  message?: string;
}

type Upload = (onProgress: (fraction: number) => void) => Promise<{ id: number }>;

export function useImportJob<S>(invalidate: ReadonlyArray<readonly unknown[]>) {
  const queryClient = useQueryClient();
  const [uploading, setUploading] = useState<number | null>(null);
  const [startError, setStartError] = useState<unknown>(null);
  const [jobId, setJobId] = useState<number | null>(null);
  const progress = useJobProgress(jobId);
  const state = progress?.state ?? (jobId ? 'queued' : null);
  // The keys as text: a new array each render must not refresh the lists again.
  const keys = JSON.stringify(invalidate);

  useEffect(() => {
    if (state !== 'succeeded') return;
    for (const queryKey of JSON.parse(keys) as unknown[][]) void queryClient.invalidateQueries({ queryKey });
  }, [state, queryClient, keys]);

  const start = async (upload: Upload) => {
    setStartError(null);
    setUploading(0);
    try {
      const job = await upload((fraction) => setUploading(fraction));
      setJobId(job.id);
    } catch (error) {
      setStartError(error);
    } finally {
      setUploading(null);
    }
  };
  const reset = () => {
    setJobId(null);
    setStartError(null);
  };

  const done = progress?.done ?? 0;
  const total = progress?.total ?? null;
  return {
    uploading,
    startError,
    jobId,
    state,
    progress,
    start,
    reset,
    done,
    percent: state === 'succeeded' ? 100 : total ? Math.min(100, (done / total) * 100) : 100,
    summary: state === 'succeeded' ? (progress?.result as S) : null,
    error: state === 'failed' ? ((progress?.error ?? {}) as JobError) : null,
  };
}

/** Under the form: the upload's percentage, or why the start was refused. */
export function UploadStatus({ uploadingText, error }: { uploadingText: string | null; error: unknown }) {
  return (
    <>
      {uploadingText !== null && (
        <Text size="sm" c="dimmed">
          {uploadingText}
        </Text>
      )}
      <ErrorAlert error={error} />
    </>
  );
}

export interface ImportJobViewProps {
  state: JobProgress['state'] | null;
  stageText: string;
  percent: number;
  error: JobError | null;
  /** The result, once the job succeeded. */
  result: ReactNode;
  labels: { failedTitle: string; nothingSaved: string; another: string };
  /** `allocation` → data-testid allocation-progress, allocation-failed, allocation-another. */
  testId: string;
  onAnother: () => void;
}

/** The job after the upload: live progress, then the result or the failure, then "import another". */
export function ImportJobView(props: ImportJobViewProps) {
  const { state, error, labels, testId } = props;
  return (
    <Stack gap="sm">
      {state !== 'succeeded' && state !== 'failed' && (
        <Stack gap={4} data-testid={`${testId}-progress`}>
          <Text size="sm">{props.stageText}</Text>
          <Progress value={props.percent} striped animated size="lg" aria-label={props.stageText} />
        </Stack>
      )}
      {props.result}
      {error && (
        <Alert color="red" variant="light" title={labels.failedTitle} data-testid={`${testId}-failed`}>
          <Text size="sm">{error.message ?? error.code}</Text>
          <Text size="xs" c="dimmed">
            {labels.nothingSaved} {error.code && `(${error.code})`}
          </Text>
        </Alert>
      )}
      {(props.result || error || state === 'cancelled') && (
        <Group>
          <Button variant="default" onClick={props.onAnother} data-testid={`${testId}-another`}>
            {labels.another}
          </Button>
        </Group>
      )}
    </Stack>
  );
}

/** The panel around an import form: title, what the file is, then the form or the job. */
export function ImportPanelFrame(props: {
  testId: string;
  title: string;
  intro: string;
  children: ReactNode;
}) {
  return (
    <Paper withBorder p="md" data-testid={props.testId}>
      <Stack gap="sm">
        <Title order={3} size="h4">
          {props.title}
        </Title>
        <Text size="sm" c="dimmed">
          {props.intro}
        </Text>
        {props.children}
      </Stack>
    </Paper>
  );
}

export const isXlsx = (file: File | null) => file?.name.toLowerCase().endsWith('.xlsx') ?? false;

/** The file to import (.csv, .txt, .tsv or .xlsx). */
export function ImportFileInput(props: {
  label: string;
  placeholder: string;
  value: File | null;
  onChange: (file: File | null) => void;
  testId: string;
}) {
  return (
    <FileInput
      label={props.label}
      placeholder={props.placeholder}
      accept=".csv,.txt,.tsv,.xlsx"
      value={props.value}
      onChange={props.onChange}
      w={320}
      clearable
      data-testid={props.testId}
    />
  );
}

/** The sheet to read, asked only for an .xlsx file. */
export function SheetInput(props: {
  file: File | null;
  label: string;
  value: string;
  onChange: (sheet: string) => void;
  w: number;
}) {
  if (!isXlsx(props.file)) return null;
  return (
    <TextInput
      label={props.label}
      value={props.value}
      onChange={(e) => props.onChange(e.currentTarget.value)}
      w={props.w}
    />
  );
}
