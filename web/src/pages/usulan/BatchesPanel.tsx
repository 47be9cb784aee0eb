import { Anchor, Button, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, unwrap } from '../../api/client';
import { can } from '../../auth/permissions';
import { useCurrentUser } from '../../auth/session';
import { ConfirmModal } from '../../components/ConfirmModal';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useNotify } from '../../components/Notifications';
import { EmptyRow } from '../../components/StatusViews';
import { useI18n } from '../../i18n';
import { formatDateTime, formatNumber } from '../../lib/format';

/** Batches for SIKS-NG: the list with downloads, and for Dinsos admins a button to make one. */
export function BatchesPanel() {
  const { t, language } = useI18n();
  const user = useCurrentUser();
  const notify = useNotify();
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const batches = useQuery({
    queryKey: ['usulan-batches'],
    queryFn: () => unwrap(api.GET('/api/usulan/batches')),
  });
  const create = useMutation({
    mutationFn: () => unwrap(api.POST('/api/usulan/batches')),
    onSuccess: (batch) => {
      setConfirming(false);
      notify({
        color: 'green',
        message: t('usulan.batches.created', { id: String(batch.id), count: batch.count }),
      });
      void queryClient.invalidateQueries({ queryKey: ['usulan-batches'] });
      void queryClient.invalidateQueries({ queryKey: ['usulan'] });
    },
  });

  return (
    <Paper withBorder p="md">
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={3} size="h4">
            {t('usulan.batches.title')}
          </Title>
          {can(user.role, 'createUsulanBatch') && (
            <Button onClick={() => setConfirming(true)} data-testid="usulan-batch-create">
              {t('usulan.batches.create')}
            </Button>
          )}
        </Group>
        <Text size="sm" c="dimmed">
          {t('usulan.batches.intro')}
        </Text>
        <ErrorAlert error={batches.error} onRetry={() => void batches.refetch()} />
        <Table.ScrollContainer minWidth={640} type="native">
          <Table striped verticalSpacing="xs" data-testid="usulan-batches">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('usulan.batches.createdAt')}</Table.Th>
                <Table.Th>{t('usulan.batches.fileName')}</Table.Th>
                <Table.Th ta="right">{t('usulan.batches.count')}</Table.Th>
                <Table.Th>{t('usulan.batches.createdBy')}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {batches.data?.items.length === 0 && <EmptyRow colSpan={5} text={t('usulan.batches.empty')} />}
              {batches.data?.items.map((batch) => (
                <Table.Tr key={batch.id}>
                  <Table.Td>{formatDateTime(batch.createdAt, language)}</Table.Td>
                  <Table.Td>
                    <Text size="sm" ff="monospace">
                      {batch.fileName}
                    </Text>
                  </Table.Td>
                  <Table.Td ta="right">{formatNumber(batch.count, language)}</Table.Td>
                  <Table.Td>{batch.createdByName}</Table.Td>
                  <Table.Td>
                    {/* A plain link: the session cookie goes along and the server audits the export. */}
                    <Anchor href={`/api/usulan/batches/${batch.id}/file`} download={batch.fileName} size="sm">
                      {t('usulan.batches.download')}
                    </Anchor>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Stack>
      <ConfirmModal
        opened={confirming}
        title={t('usulan.batches.confirmTitle')}
        text={t('usulan.batches.confirmText')}
        confirmLabel={t('usulan.batches.create')}
        color="blue"
        loading={create.isPending}
        error={create.error}
        onConfirm={() => create.mutate()}
        onClose={() => {
          setConfirming(false);
          create.reset();
        }}
      />
    </Paper>
  );
}
