import { Select } from '@mantine/core';
import { useState } from 'react';
import { ImportFileInput, isXlsx, SheetInput, useImportJob } from '../../components/ImportJob';
import { ImportJobPanel } from '../../components/ImportJobPanel';
import { useI18n } from '../../i18n';
import { ColumnMapInput } from './ColumnMapInput';
import { type DisbursementSummary, ReportSummary } from './ReportSummary';
import { CHANNELS, uploadDisbursementReport } from './uploadReport';

/** Admin: choose the channel and the file → upload → live progress → result and rejected lines. */
export function ImportPanel({ program, period }: { program: string; period: string }) {
  const { t } = useI18n();
  const [channel, setChannel] = useState<string | null>(null);
  const [file, setFile] = useState<File | null>(null);
  const [sheet, setSheet] = useState('');
  const [map, setMap] = useState('');
  // A new report makes the period's reconciliation out of date (Rekonsiliasi tab, period header).
  const job = useImportJob<DisbursementSummary>([
    ['disbursement-reports', program, period],
    ['disbursement-lines', program, period],
    ['reconciliation', program, period],
    ['programs'],
  ]);

  const start = () => {
    if (!channel || !file) return;
    void job.start((onProgress) =>
      uploadDisbursementReport({ program, period, channel }, file, {
        sheet: isXlsx(file) && sheet ? sheet : undefined,
        map: map.trim() || undefined,
        onProgress,
      }),
    );
  };

  return (
    <ImportJobPanel
      job={job}
      texts="disbursements.import"
      testId="disbursement"
      canStart={Boolean(channel && file)}
      onStart={start}
      onAnother={() => setFile(null)}
      stage={{ message: 'mencocokkan', text: t('disbursements.import.matching') }}
      result={job.summary && <ReportSummary summary={job.summary} program={program} period={period} />}
      fields={
        <>
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
          <ColumnMapInput
            label={t('disbursements.import.map')}
            placeholder={t('disbursements.import.mapHint')}
            description={t('disbursements.import.mapFields')}
            value={map}
            onChange={setMap}
            testId="disbursement-map"
          />
        </>
      }
    />
  );
}
