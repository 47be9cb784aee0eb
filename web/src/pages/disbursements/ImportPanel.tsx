import { Button, Group, Select } from '@mantine/core';
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
import { type DisbursementSummary, ReportSummary } from './ReportSummary';
import { CHANNELS, uploadDisbursementReport } from './uploadReport';

/** Admin: choose the channel and the file → upload → live progress → result and rejected lines. */
export function ImportPanel({ program, period }: { program: string; period: string }) {
  const { t, language } = useI18n();
  const [channel, setChannel] = useState<string | null>(null);
  const [file, setFile] = useState<File | null>(null);
  const [sheet, setSheet] = useState('');
  const job = useImportJob<DisbursementSummary>([
    ['disbursement-reports', program, period],
    ['disbursement-lines', program, period],
  ]);

  const start = () => {
    if (!channel || !file) return;
    void job.start((onProgress) =>
      uploadDisbursementReport({ program, period, channel }, file, {
        sheet: isXlsx(file) && sheet ? sheet : undefined,
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
      ? t('disbursements.import.queued')
      : job.progress?.message === 'mencocokkan'
        ? t('disbursements.import.matching')
        : t('disbursements.import.reading', { done: formatNumber(job.done, language) });

  return (
    <ImportPanelFrame
      testId="disbursement-import"
      title={t('disbursements.import.title')}
      intro={t('disbursements.import.intro')}
    >
      {job.jobId === null ? (
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
            <ImportFileInput
              label={t('disbursements.import.file')}
              placeholder={t('disbursements.import.filePlaceholder')}
              value={file}
              onChange={setFile}
              testId="disbursement-file"
            />
            <SheetInput
              file={file}
              label={t('disbursements.import.sheet')}
              value={sheet}
              onChange={setSheet}
              w={180}
            />
            <Button
              onClick={start}
              disabled={!channel || !file}
              loading={job.uploading !== null}
              data-testid="disbursement-start"
            >
              {t('disbursements.import.start')}
            </Button>
          </Group>
          <UploadStatus
            uploadingText={
              job.uploading === null
                ? null
                : t('disbursements.import.uploading', { percent: Math.round(job.uploading * 100) })
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
          result={job.summary && <ReportSummary summary={job.summary} program={program} period={period} />}
          labels={{
            failedTitle: t('disbursements.import.failedTitle'),
            nothingSaved: t('disbursements.import.nothingSaved'),
            another: t('disbursements.import.another'),
          }}
          testId="disbursement"
          onAnother={reset}
        />
      )}
    </ImportPanelFrame>
  );
}
