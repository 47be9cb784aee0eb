import { Button, Group, Select, TextInput } from '@mantine/core';
import { useState } from 'react';
import {
  ImportFileInput,
  ImportJobView,
  ImportPanelFrame,
  isXlsx,
  SheetInput,
  UploadStatus,
  useImportJob,
} from '../../components/ImportJob';
import { useI18n } from '../../i18n';
import { formatNumber } from '../../lib/format';
import { ImportSummary } from './ImportSummary';
import {
  type AllocationImportSummary,
  CHANNELS,
  channelLabel,
  uploadAllocationFile,
} from './uploadAllocation';

/** Admin: choose the file (and a default channel) → upload → live progress → result and rejected lines. */
export function ImportPanel({ program, period }: { program: string; period: string }) {
  const { t, language } = useI18n();
  const [file, setFile] = useState<File | null>(null);
  const [channel, setChannel] = useState<string>('');
  const [sheet, setSheet] = useState('');
  const [map, setMap] = useState('');
  // The period header counts lines and rupiah; the first import creates the period.
  const job = useImportJob<AllocationImportSummary>([
    ['allocation-imports', program, period],
    ['allocations', program, period],
    ['programs', program],
  ]);

  const start = () => {
    if (!file) return;
    void job.start((onProgress) =>
      uploadAllocationFile({ program, period }, file, {
        channel: channel || undefined,
        sheet: isXlsx(file) && sheet ? sheet : undefined,
        map: map.trim() || undefined,
        onProgress,
      }),
    );
  };
  const reset = () => {
    job.reset();
    setFile(null);
  };

  const stageText =
    job.state === 'queued'
      ? t('allocations.import.queued')
      : job.progress?.message === 'menerapkan'
        ? t('allocations.import.applying')
        : t('allocations.import.reading', { done: formatNumber(job.done, language) });

  return (
    <ImportPanelFrame
      testId="allocation-import"
      title={t('allocations.import.title')}
      intro={t('allocations.import.intro')}
    >
      {job.jobId === null ? (
        <>
          <Group align="flex-end" wrap="wrap">
            <ImportFileInput
              label={t('allocations.import.file')}
              placeholder={t('allocations.import.filePlaceholder')}
              value={file}
              onChange={setFile}
              testId="allocation-file"
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
            <SheetInput
              file={file}
              label={t('allocations.import.sheet')}
              value={sheet}
              onChange={setSheet}
              w={160}
            />
            <TextInput
              label={t('allocations.import.map')}
              placeholder={t('allocations.import.mapHint')}
              value={map}
              onChange={(e) => setMap(e.currentTarget.value)}
              w={280}
            />
            <Button
              onClick={start}
              disabled={!file}
              loading={job.uploading !== null}
              data-testid="allocation-start"
            >
              {t('allocations.import.start')}
            </Button>
          </Group>
          <UploadStatus
            uploadingText={
              job.uploading === null
                ? null
                : t('allocations.import.uploading', { percent: Math.round(job.uploading * 100) })
            }
            error={job.startError}
          />
        </>
      ) : (
        <ImportJobView
          state={job.state}
          stageText={stageText}
          percent={job.percent}
          error={job.error}
          result={job.summary && <ImportSummary summary={job.summary} />}
          labels={{
            failedTitle: t('allocations.import.failedTitle'),
            nothingSaved: t('allocations.import.nothingSaved'),
            another: t('allocations.import.another'),
          }}
          testId="allocation"
          onAnother={reset}
        />
      )}
    </ImportPanelFrame>
  );
}
