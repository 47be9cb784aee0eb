import { Button, FileInput, Group, Progress, Stack, Text, TextInput } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useI18n } from '../../i18n';
import { type UploadPreview, uploadRegistryFile } from './uploadFile';

const ACCEPT = '.csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

function extensionOf(file: File | null): string {
  return file?.name.toLowerCase().match(/\.[^.]+$/)?.[0] ?? '';
}

/** Step 1: choose a .csv/.xlsx file and upload it; the server answers with its columns. */
export function UploadStep({
  onUploaded,
}: {
  onUploaded: (preview: UploadPreview, sheet: string | undefined) => void;
}) {
  const { t } = useI18n();
  const [file, setFile] = useState<File | null>(null);
  const [sheet, setSheet] = useState('');
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<unknown>(null);
  const abort = useRef<AbortController | null>(null);
  useEffect(() => () => abort.current?.abort(), []);

  const extension = extensionOf(file);
  const wrongType = file !== null && extension !== '.csv' && extension !== '.xlsx';

  async function upload() {
    if (!file || wrongType) return;
    setError(null);
    setProgress(0);
    abort.current = new AbortController();
    try {
      const chosenSheet = extension === '.xlsx' ? sheet.trim() || undefined : undefined;
      const preview = await uploadRegistryFile(file, {
        sheet: chosenSheet,
        onProgress: setProgress,
        signal: abort.current.signal,
      });
      onUploaded(preview, chosenSheet);
    } catch (cause) {
      setError(cause);
    } finally {
      setProgress(null);
    }
  }

  const uploading = progress !== null;
  return (
    <Stack gap="sm" maw={560}>
      <FileInput
        label={t('registry.import.file')}
        placeholder={t('registry.import.filePlaceholder')}
        description={t('registry.import.fileHint')}
        accept={ACCEPT}
        value={file}
        onChange={(next) => {
          setFile(next);
          setError(null);
        }}
        error={wrongType ? t('registry.import.wrongType') : undefined}
        disabled={uploading}
        clearable
        data-testid="import-file"
      />
      {extension === '.xlsx' && (
        <TextInput
          label={t('registry.import.sheet')}
          description={t('registry.import.sheetHint')}
          value={sheet}
          onChange={(event) => setSheet(event.currentTarget.value)}
          disabled={uploading}
          maxLength={100}
        />
      )}
      {uploading && (
        <div>
          <Progress
            value={progress * 100}
            size="lg"
            animated
            striped
            aria-label={t('registry.import.upload')}
          />
          <Text size="xs" c="dimmed" mt={4}>
            {t('registry.import.uploading', { percent: String(Math.round(progress * 100)) })}
          </Text>
        </div>
      )}
      <ErrorAlert error={error} />
      <Group>
        <Button
          onClick={upload}
          disabled={!file || wrongType}
          loading={uploading}
          data-testid="import-upload"
        >
          {t('registry.import.upload')}
        </Button>
      </Group>
    </Stack>
  );
}
