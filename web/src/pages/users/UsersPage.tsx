import { Alert, Button, Group, Pagination, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, type Role, type Schemas, unwrap } from '../../api/client';
import { can, ROLES } from '../../auth/permissions';
import { useCurrentUser } from '../../auth/session';
import { ConfirmModal } from '../../components/ConfirmModal';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useNotify } from '../../components/Notifications';
import { useI18n } from '../../i18n';
import { formatNumber } from '../../lib/format';
import { useOfficeRegion } from '../../lib/regions';
import { ResetPasswordModal } from './ResetPasswordModal';
import { UserFormModal } from './UserFormModal';
import { UsersTable } from './UsersTable';

type User = Schemas['UserSummary'];
const PAGE_SIZE = 20;

export function UsersPage() {
  const { t, language } = useI18n();
  const me = useCurrentUser();
  const notify = useNotify();
  const queryClient = useQueryClient();
  const canManage = can(me.role, 'manageUsers');
  const office = useOfficeRegion();

  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 300);
  const [role, setRole] = useState<Role | null>(null);
  const [page, setPage] = useState(1);
  const [editing, setEditing] = useState<User | 'new' | null>(null);
  const [resetting, setResetting] = useState<User | null>(null);
  const [toggling, setToggling] = useState<User | null>(null);

  const list = useQuery({
    queryKey: ['users', { q, role, page }],
    queryFn: () =>
      unwrap(
        api.GET('/api/users', {
          params: { query: { q: q || undefined, role: role ?? undefined, page, pageSize: PAGE_SIZE } },
        }),
      ),
    placeholderData: keepPreviousData,
  });

  const toggle = useMutation({
    mutationFn: (user: User) =>
      unwrap(
        api.PATCH('/api/users/{id}', {
          params: { path: { id: user.id } },
          body: { disabled: !user.disabled },
        }),
      ),
    onSuccess: (user) => {
      notify({
        color: 'green',
        message: t(user.disabled ? 'users.disabledDone' : 'users.enabledDone', { username: user.username }),
      });
      setToggling(null);
      void queryClient.invalidateQueries({ queryKey: ['users'] });
    },
  });

  function saved(user: User) {
    notify({
      color: 'green',
      message: t(editing === 'new' ? 'users.created' : 'users.updated', { username: user.username }),
    });
    setEditing(null);
    void queryClient.invalidateQueries({ queryKey: ['users'] });
  }

  const total = list.data?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const from = total === 0 ? 0 : (page - 1) * PAGE_SIZE + 1;

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{t('users.title')}</Title>
        {canManage && (
          <Button onClick={() => setEditing('new')} disabled={!office.data} data-testid="add-user">
            {t('users.add')}
          </Button>
        )}
      </Group>
      {!canManage && (
        <Alert color="blue" variant="light">
          {t('users.readOnly')}
        </Alert>
      )}
      <Group align="flex-end" gap="sm">
        <TextInput
          label={t('common.search')}
          placeholder={t('users.searchPlaceholder')}
          value={search}
          onChange={(event) => {
            setSearch(event.currentTarget.value);
            setPage(1);
          }}
          type="search"
          w={{ base: '100%', xs: 320 }}
        />
        <Select
          label={t('users.roleFilter')}
          placeholder={t('users.allRoles')}
          data={ROLES.map((value) => ({ value, label: t(`roles.${value}`) }))}
          value={role}
          onChange={(value) => {
            setRole((value as Role | null) ?? null);
            setPage(1);
          }}
          clearable
          w={{ base: '100%', xs: 240 }}
        />
      </Group>
      <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />
      <ErrorAlert error={office.error} />
      <UsersTable
        items={list.data?.items}
        loading={list.isLoading}
        filtered={Boolean(q || role)}
        canManage={canManage}
        onEdit={setEditing}
        onResetPassword={setResetting}
        onToggle={(user) => {
          toggle.reset();
          setToggling(user);
        }}
      />
      <Group justify="space-between">
        <Text size="sm" c="dimmed">
          {t('common.showing', {
            from: formatNumber(from, language),
            to: formatNumber(Math.min(page * PAGE_SIZE, total), language),
            total: formatNumber(total, language),
          })}
        </Text>
        <Pagination total={pages} value={page} onChange={setPage} size="sm" hideWithOnePage />
      </Group>

      {editing && office.data && (
        <UserFormModal
          user={editing === 'new' ? undefined : editing}
          officeCode={office.data.code}
          onClose={() => setEditing(null)}
          onSaved={saved}
        />
      )}
      {resetting && (
        <ResetPasswordModal
          user={resetting}
          onClose={() => setResetting(null)}
          onDone={() => {
            notify({ color: 'green', message: t('users.resetDone', { username: resetting.username }) });
            setResetting(null);
            void queryClient.invalidateQueries({ queryKey: ['users'] });
          }}
        />
      )}
      <ConfirmModal
        opened={toggling !== null}
        title={toggling?.disabled ? t('users.enableTitle') : t('users.disableTitle')}
        text={t(toggling?.disabled ? 'users.enableText' : 'users.disableText', {
          username: toggling?.username ?? '',
        })}
        confirmLabel={toggling?.disabled ? t('users.enable') : t('users.disable')}
        color={toggling?.disabled ? 'green' : 'red'}
        loading={toggle.isPending}
        error={toggle.error}
        onConfirm={() => toggling && toggle.mutate(toggling)}
        onClose={() => setToggling(null)}
      />
    </Stack>
  );
}
