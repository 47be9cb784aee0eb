import { Autocomplete, Button, Group, Paper, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { api, type Schemas, unwrap } from '../../api/client';
import { can } from '../../auth/permissions';
import { useCurrentUser } from '../../auth/session';
import { ConfirmModal } from '../../components/ConfirmModal';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useNotify } from '../../components/Notifications';
import { TableStatusRows } from '../../components/StatusViews';
import { useI18n } from '../../i18n';
import { formatDateTime } from '../../lib/format';
import { parsePeriodCode, periodExamples } from './programFormat';

type Record_ = Schemas['Noncompliance'];
// Komitmen are PKH's only (DOMAIN.md "Conditions"): the seeded central programme.
const PKH = 'PKH';

/**
 * The household page's section on missed PKH commitments: each record cuts the family's PKH
 * amount for that tahap by the sanction rule. Operators and the pendamping record; the admin
 * removes a mistaken record.
 */
export function NoncompliancePanel({ householdId }: { householdId: number }) {
  const { t, language } = useI18n();
  const me = useCurrentUser();
  const notify = useNotify();
  const queryClient = useQueryClient();
  const [removing, setRemoving] = useState<Record_ | null>(null);
  const queryKey = ['noncompliance', householdId];
  const list = useQuery({
    queryKey,
    queryFn: () =>
      unwrap(api.GET('/api/households/{id}/noncompliance', { params: { path: { id: householdId } } })),
    enabled: can(me.role, 'noncompliance'),
  });
  const remove = useMutation({
    mutationFn: (row: Record_) =>
      unwrap(
        api.DELETE('/api/programs/{program}/periods/{period}/noncompliance/{id}', {
          params: { path: { program: row.program, period: row.period, id: row.id } },
        }),
      ),
    onSuccess: () => {
      notify({ color: 'green', message: t('programs.ncDeleted') });
      setRemoving(null);
      void queryClient.invalidateQueries({ queryKey });
    },
  });

  if (!can(me.role, 'noncompliance')) return null;
  const canDelete = can(me.role, 'distributionManage');

  return (
    <Stack gap="xs" data-testid="noncompliance-panel">
      <Title order={3} size="h4">
        {t('programs.ncTitle')}
      </Title>
      <Text size="sm" c="dimmed">
        {t('programs.ncIntro')}
      </Text>
      <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />
      <Table.ScrollContainer minWidth={560}>
        <Table withTableBorder>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('programs.ncPeriod')}</Table.Th>
              <Table.Th>{t('programs.ncReason')}</Table.Th>
              <Table.Th>{t('programs.colRecordedBy')}</Table.Th>
              <Table.Th>{t('programs.colRecordedAt')}</Table.Th>
              {canDelete && <Table.Th />}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            <TableStatusRows
              colSpan={canDelete ? 5 : 4}
              loading={list.isLoading}
              items={list.data?.items}
              emptyText={t('programs.ncNone')}
            />
            {list.data?.items.map((row) => (
              <Table.Tr key={row.id}>
                <Table.Td>{row.periodLabel}</Table.Td>
                <Table.Td>{row.reason}</Table.Td>
                <Table.Td>{row.recordedByName ?? '—'}</Table.Td>
                <Table.Td>{formatDateTime(row.recordedAt, language)}</Table.Td>
                {canDelete && (
                  <Table.Td>
                    <Button
                      size="compact-xs"
                      variant="subtle"
                      color="red"
                      onClick={() => {
                        remove.reset();
                        setRemoving(row);
                      }}
                    >
                      {t('programs.ncDelete')}
                    </Button>
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {can(me.role, 'recordNoncompliance') && (
        <RecordForm
          householdId={householdId}
          onRecorded={() => queryClient.invalidateQueries({ queryKey })}
        />
      )}
      <ConfirmModal
        opened={removing !== null}
        title={t('programs.ncDeleteTitle')}
        text={t('programs.ncDeleteText', {
          period: removing?.periodLabel ?? '',
          reason: removing?.reason ?? '',
        })}
        confirmLabel={t('programs.ncDelete')}
        loading={remove.isPending}
        error={remove.error}
        onConfirm={() => removing && remove.mutate(removing)}
        onClose={() => setRemoving(null)}
      />
    </Stack>
  );
}

function RecordForm({ householdId, onRecorded }: { householdId: number; onRecorded: () => void }) {
  const { t, language } = useI18n();
  const notify = useNotify();
  const [period, setPeriod] = useState('');
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<{ period?: string; reason?: string }>({});
  const examples = periodExamples(['TAHAP']);

  const record = useMutation({
    mutationFn: (body: { period: string; reason: string }) =>
      unwrap(
        api.POST('/api/programs/{program}/periods/{period}/noncompliance', {
          params: { path: { program: PKH, period: body.period } },
          body: { householdId, reason: body.reason },
        }),
      ),
    onSuccess: (row) => {
      notify({ color: 'green', message: t('programs.ncRecorded', { period: row.periodLabel }) });
      setPeriod('');
      setReason('');
      onRecorded();
    },
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    const parsed = parsePeriodCode(period, language);
    const found: typeof errors = {};
    if (parsed?.kind !== 'TAHAP') found.period = t('programs.periodKindMismatch', { examples });
    if (reason.trim().length < 3) found.reason = t('programs.required');
    setErrors(found);
    if (!parsed || Object.keys(found).length > 0) return;
    record.mutate({ period: parsed.code, reason: reason.trim() });
  }

  return (
    <Paper withBorder p="sm">
      <form onSubmit={submit} noValidate data-testid="noncompliance-form">
        <Stack gap="xs">
          <Text size="sm" fw={500}>
            {t('programs.ncRecord')}
          </Text>
          <ErrorAlert error={record.error} />
          <Group align="flex-start" grow>
            <TextInput
              label={t('programs.ncPeriod')}
              placeholder={examples}
              value={period}
              onChange={(event) => setPeriod(event.currentTarget.value)}
              error={errors.period}
              maw={180}
            />
            <Autocomplete
              label={t('programs.ncReason')}
              data={[
                t('programs.ncReasons.school'),
                t('programs.ncReasons.pregnancy'),
                t('programs.ncReasons.posyandu'),
              ]}
              value={reason}
              onChange={setReason}
              error={errors.reason}
              maxLength={500}
            />
          </Group>
          <Group justify="flex-end">
            <Button type="submit" size="xs" loading={record.isPending}>
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
