import { Paper, Stack, Stepper, Text, Title } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useCallback, useState } from 'react';
import { useI18n } from '../../i18n';
import { todayInOffice } from '../../lib/format';
import { ImportHistory } from './ImportHistory';
import { ImportRun } from './ImportRun';
import { draftFrom, type ImportDraft, MappingStep } from './MappingStep';
import { UploadStep } from './UploadStep';

type Step = { name: 'file' } | { name: 'mapping' } | { name: 'run'; jobId: number; kind: string };

const ACTIVE: Record<Step['name'], number> = { file: 0, mapping: 1, run: 2 };

/**
 * Impor DTSEN/DTKS (admin Dinsos): upload → check the column mapping → run as a job with live
 * progress → result, with the rejected rows to send back; the import history below.
 */
export function ImportPage() {
  const { t } = useI18n();
  const [step, setStep] = useState<Step>({ name: 'file' });
  const [draft, setDraft] = useState<ImportDraft | null>(null);
  const [succeeded, setSucceeded] = useState(false);
  const onSucceeded = useCallback(() => setSucceeded(true), []);
  // On a phone three labelled steps do not fit on one line: only the current one keeps its label.
  const wide = useMediaQuery('(min-width: 36em)', window.innerWidth >= 576, {
    getInitialValueInEffect: false,
  });
  const active = succeeded && step.name === 'run' ? 3 : ACTIVE[step.name];
  const label = (index: number, text: string) => (wide || index === active ? text : undefined);

  return (
    <Stack>
      <Title order={2}>{t('registry.import.title')}</Title>
      <Text size="sm" c="dimmed" maw={720}>
        {t('registry.import.intro')}
      </Text>
      <Paper withBorder p={{ base: 'sm', sm: 'md' }}>
        <Stepper active={active} size="sm" allowNextStepsSelect={false} mb="md">
          <Stepper.Step label={label(0, t('registry.import.stepFile'))} />
          <Stepper.Step label={label(1, t('registry.import.stepMapping'))} />
          <Stepper.Step label={label(2, t('registry.import.stepRun'))} />
        </Stepper>
        {step.name === 'file' && (
          <UploadStep
            onUploaded={(preview, sheet) => {
              setDraft(draftFrom(preview, sheet, todayInOffice().slice(0, 7)));
              setStep({ name: 'mapping' });
            }}
          />
        )}
        {step.name === 'mapping' && draft && (
          <MappingStep
            draft={draft}
            onChange={setDraft}
            onStarted={(job) => {
              setSucceeded(false);
              setStep({ name: 'run', jobId: job.id, kind: draft.kind });
            }}
            onChangeFile={() => setStep({ name: 'file' })}
          />
        )}
        {step.name === 'run' && (
          <ImportRun
            jobId={step.jobId}
            kind={step.kind}
            onSucceeded={onSucceeded}
            onBackToMapping={() => setStep({ name: 'mapping' })}
            onAnother={() => {
              setDraft(null);
              setStep({ name: 'file' });
            }}
          />
        )}
      </Paper>
      <ImportHistory />
    </Stack>
  );
}
