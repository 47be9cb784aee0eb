import { Alert, Button, Group, Stack, Text, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, type Schemas, unwrap } from '../../api/client';
import { can } from '../../auth/permissions';
import { useCurrentUser } from '../../auth/session';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useNotify } from '../../components/Notifications';
import { PageLoader } from '../../components/StatusViews';
import { useI18n } from '../../i18n';
import { LocalProgramModal } from './LocalProgramModal';
import { ProgramCard } from './ProgramCard';

type Program = Schemas['ProgramSummary'];

/**
 * `/program`: every programme with its periods (status, KPM and rupiah in the reader's region),
 * the way into a new period, and for the admin the local programmes (APBD) and the rules page.
 */
export function ProgramsPage() {
  const { t } = useI18n();
  const me = useCurrentUser();
  const notify = useNotify();
  const queryClient = useQueryClient();
  const canManage = can(me.role, 'distributionManage');
  const [editing, setEditing] = useState<Program | 'new' | null>(null);

  const list = useQuery({
    queryKey: ['programs'],
    queryFn: () => unwrap(api.GET('/api/programs')),
  });

  function saved(program: Program) {
    notify({
      color: 'green',
      message: t(editing === 'new' ? 'programs.created' : 'programs.updated', { code: program.code }),
    });
    setEditing(null);
    void queryClient.invalidateQueries({ queryKey: ['programs'] });
  }

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{t('programs.title')}</Title>
        {canManage && (
          <Button onClick={() => setEditing('new')} data-testid="create-local-program">
            {t('programs.createLocal')}
          </Button>
        )}
      </Group>
      <Text c="dimmed" size="sm">
        {t('programs.intro')}
      </Text>
      <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />
      {list.isLoading && <PageLoader />}
      {list.data?.items.length === 0 && <Alert color="gray">{t('programs.noPeriods')}</Alert>}
      {list.data?.items.map((program) => (
        <ProgramCard
          key={program.code}
          program={program}
          canManage={canManage}
          onEdit={() => setEditing(program)}
        />
      ))}
      {editing && (
        <LocalProgramModal
          program={editing === 'new' ? undefined : editing}
          onClose={() => setEditing(null)}
          onSaved={saved}
        />
      )}
    </Stack>
  );
}
