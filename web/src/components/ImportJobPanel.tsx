import { Button, Group } from '@mantine/core';
import type { ReactNode } from 'react';
import { useI18n } from '../i18n';
import { formatNumber } from '../lib/format';
import { ImportJobView, ImportPanelFrame, UploadStatus, type useImportJob } from './ImportJob';

/** The dictionaries whose `import` section holds title, intro, start, uploading, failedTitle… */
type ImportTexts = 'allocations.import' | 'disbursements.import';

/**
 * The allocation and channel-report import panels: the form (its own fields, then "start" and the
 * upload's progress) until a job exists, then the job view. Test ids derive from `testId`:
 * `${testId}-import`, `${testId}-start`, `${testId}-progress`…
 */
export function ImportJobPanel<S>(props: {
  job: ReturnType<typeof useImportJob<S>>;
  texts: ImportTexts;
  testId: string;
  /** The inputs before the start button. */
  fields: ReactNode;
  canStart: boolean;
  onStart: () => void;
  /** After "import another" has reset the job: clear the form. */
  onAnother: () => void;
  /** The job's second stage: its progress message, and the text shown for it. */
  stage: { message: string; text: string };
  result: ReactNode;
}) {
  const { t, language } = useI18n();
  const { job, texts, testId } = props;
  const stageText =
    job.state === 'queued'
      ? t(`${texts}.queued`)
      : job.progress?.message === props.stage.message
        ? props.stage.text
        : t(`${texts}.reading`, { done: formatNumber(job.done, language) });
  return (
    <ImportPanelFrame testId={`${testId}-import`} title={t(`${texts}.title`)} intro={t(`${texts}.intro`)}>
      {job.jobId === null ? (
        <>
          <Group align="flex-end" wrap="wrap">
            {props.fields}
            <Button
              onClick={props.onStart}
              disabled={!props.canStart}
              loading={job.uploading !== null}
              data-testid={`${testId}-start`}
            >
              {t(`${texts}.start`)}
            </Button>
          </Group>
          <UploadStatus
            uploadingText={
              job.uploading === null
                ? null
                : t(`${texts}.uploading`, { percent: Math.round(job.uploading * 100) })
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
          result={props.result}
          labels={{
            failedTitle: t(`${texts}.failedTitle`),
            nothingSaved: t(`${texts}.nothingSaved`),
            another: t(`${texts}.another`),
          }}
          testId={testId}
          onAnother={() => {
            job.reset();
            props.onAnother();
          }}
        />
      )}
    </ImportPanelFrame>
  );
}
