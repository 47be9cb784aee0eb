import { Button, Code, Collapse, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Fragment, useState } from 'react';
import { api, type Schemas, unwrap } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { TableStatusRows } from '../../components/StatusViews';
import { useI18n } from '../../i18n';
import { formatDateTime } from '../../lib/format';
import { JobProgressBar } from './JobProgressBar';
import { isTerminal, useJobProgress } from './useJobProgress';

type Job = Schemas['Job'];

export function useJobKindLabel() {
  const { t } = useI18n();
  return (kind: string) => (kind === 'audit.verify' ? t('jobs.kinds.audit_verify') : kind);
}

/** A job still queued or running follows its own SSE stream; finished ones show the stored row. */
function LiveProgress({ job }: { job: Job }) {
  const live = useJobProgress(isTerminal(job.state) ? null : job.id);
  const state = live?.state ?? job.state;
  return (
    <JobProgressBar
      state={state}
      done={live?.done ?? job.progressDone}
      total={live?.total ?? job.progressTotal}
    />
  );
}

function JobRow({ job }: { job: Job }) {
  const { t, language } = useI18n();
  const kindLabel = useJobKindLabel();
  const [open, setOpen] = useState(false);
  const hasDetails = job.result != null || job.error != null;
  return (
    <Fragment>
      <Table.Tr>
        <Table.Td>{job.id}</Table.Td>
        <Table.Td>
          <Text size="sm">{kindLabel(job.kind)}</Text>
          {job.message && (
            <Text size="xs" c="dimmed">
              {job.message}
            </Text>
          )}
        </Table.Td>
        <Table.Td miw={180}>
          <LiveProgress job={job} />
        </Table.Td>
        <Table.Td>{formatDateTime(job.createdAt, language)}</Table.Td>
        <Table.Td>{formatDateTime(job.finishedAt, language)}</Table.Td>
        <Table.Td>
          {hasDetails && (
            <Button
              size="compact-xs"
              variant="subtle"
              onClick={() => setOpen((value) => !value)}
              aria-expanded={open}
            >
              {job.error != null ? t('jobs.error') : t('jobs.result')}
            </Button>
          )}
        </Table.Td>
      </Table.Tr>
      {hasDetails && (
        <Table.Tr style={{ display: open ? undefined : 'none' }}>
          <Table.Td colSpan={6}>
            <Collapse expanded={open}>
              <Code block>{JSON.stringify(job.error ?? job.result, null, 2)}</Code>
            </Collapse>
          </Table.Td>
        </Table.Tr>
      )}
    </Fragment>
  );
}

export function JobsPage() {
  const { t } = useI18n();
  const jobs = useQuery({ queryKey: ['jobs'], queryFn: () => unwrap(api.GET('/api/jobs')) });
  return (
    <Stack>
      <Title order={2}>{t('jobs.title')}</Title>
      <Text c="dimmed" size="sm">
        {t('jobs.intro')}
      </Text>
      <ErrorAlert error={jobs.error} onRetry={() => void jobs.refetch()} />
      <Table.ScrollContainer minWidth={760} type="native">
        <Table striped verticalSpacing="xs">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('jobs.id')}</Table.Th>
              <Table.Th>{t('jobs.kind')}</Table.Th>
              <Table.Th>{t('jobs.progress')}</Table.Th>
              <Table.Th>{t('jobs.created')}</Table.Th>
              <Table.Th>{t('jobs.finished')}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            <TableStatusRows
              colSpan={6}
              loading={jobs.isLoading}
              items={jobs.data?.items}
              emptyText={t('jobs.empty')}
            />
            {jobs.data?.items.map((job) => (
              <JobRow key={job.id} job={job} />
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}
