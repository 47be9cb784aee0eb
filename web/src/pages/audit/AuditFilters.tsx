import { Autocomplete, Button, Group, Select, TextInput } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import { useI18n } from '../../i18n';

export interface AuditFilter {
  action: string;
  actorUserId: string | null;
  from: string;
  to: string;
}

export const EMPTY_FILTER: AuditFilter = { action: '', actorUserId: null, from: '', to: '' };

// Actions the server records today; the filter matches by prefix, so `user.` finds all user changes.
const KNOWN_ACTIONS = [
  'auth.',
  'auth.login',
  'auth.logout',
  'user.',
  'user.create',
  'user.update',
  'user.disable',
  'user.enable',
  'user.password.reset',
  'user.password.change',
  'api_token.',
  'household.view',
  'auditor.read',
];

export function AuditFilters({
  value,
  onChange,
}: {
  value: AuditFilter;
  onChange: (next: AuditFilter) => void;
}) {
  const { t } = useI18n();
  const users = useQuery({
    queryKey: ['users', 'all-for-filter'],
    queryFn: () => unwrap(api.GET('/api/users', { params: { query: { page: 1, pageSize: 200 } } })),
    staleTime: 5 * 60_000,
  });
  const set = (patch: Partial<AuditFilter>) => onChange({ ...value, ...patch });
  const active = value.action || value.actorUserId || value.from || value.to;
  return (
    <Group align="flex-end" gap="sm" data-testid="audit-filters">
      <Autocomplete
        label={t('audit.action')}
        placeholder={t('audit.actionPlaceholder')}
        data={KNOWN_ACTIONS}
        value={value.action}
        onChange={(action) => set({ action })}
        w={{ base: '100%', xs: 200 }}
      />
      <Select
        label={t('audit.user')}
        placeholder={t('audit.allUsers')}
        data={(users.data?.items ?? []).map((user) => ({
          value: String(user.id),
          label: `${user.username} — ${user.fullName}`,
        }))}
        value={value.actorUserId}
        onChange={(actorUserId) => set({ actorUserId })}
        searchable
        clearable
        w={{ base: '100%', xs: 240 }}
      />
      <TextInput
        type="date"
        label={t('audit.from')}
        value={value.from}
        max={value.to || undefined}
        onChange={(event) => set({ from: event.currentTarget.value })}
        w={{ base: '47%', xs: 160 }}
      />
      <TextInput
        type="date"
        label={t('audit.to')}
        value={value.to}
        min={value.from || undefined}
        onChange={(event) => set({ to: event.currentTarget.value })}
        w={{ base: '47%', xs: 160 }}
      />
      {active && (
        <Button variant="subtle" onClick={() => onChange(EMPTY_FILTER)}>
          {t('audit.reset')}
        </Button>
      )}
    </Group>
  );
}
