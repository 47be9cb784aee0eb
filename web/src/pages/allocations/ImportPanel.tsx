import { Select, TextInput } from '@mantine/core';
import { useState } from 'react';
import { ImportFileInput, isXlsx, SheetInput, useImportJob } from '../../components/ImportJob';
import { ImportJobPanel } from '../../components/ImportJobPanel';
import { useI18n } from '../../i18n';
import { ImportSummary } from './ImportSummary';
import {
  type AllocationImportSummary,
  CHANNELS,
  channelLabel,
  uploadAllocationFile,
} from './uploadAllocation';

/** Admin: choose the file (and a default channel) → upload → live progress → result and rejected lines. */
export function ImportPanel({ program, period }: { program: string; period: string }) {
  const { t } = useI18n();
  const [file, setFile] = useState<File | null>(null);
  const [channel, setChannel] = useState<string>('');
  const [sheet, setSheet] = useState('');
  const [map, setMap] = useState('');
  // The period header counts lines and rupiah; the first import creates the period, which the
  // programme list and Beranda list too: every ['programs', …] query (a key prefix).
  const job = useImportJob<AllocationImportSummary>([
    ['allocation-imports', program, period],
    ['allocations', program, period],
    ['programs'],
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

  return (
    <ImportJobPanel
      job={job}
      texts="allocations.import"
      testId="allocation"
      canStart={Boolean(file)}
      onStart={start}
      onAnother={() => setFile(null)}
      stage={{ message: 'menerapkan', text: t('allocations.import.applying') }}
      result={job.summary && <ImportSummary summary={job.summary} />}
      fields={
        <>
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
        </>
      }
    />
  );
}
