import { Alert, Badge, Button, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, type Schemas, unwrap } from '../../api/client';
import { can } from '../../auth/permissions';
import { useCurrentUser } from '../../auth/session';
import { ConfirmModal } from '../../components/ConfirmModal';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useNotify } from '../../components/Notifications';
import { TableStatusRows } from '../../components/StatusViews';
import { useI18n } from '../../i18n';
import { formatDate, formatDateTime } from '../../lib/format';
import { CreateTokenModal } from './CreateTokenModal';

type Token = Schemas['ApiTokenInfo'];

function TokenStatus({ token }: { token: Token }) {
  const { t } = useI18n();
  if (token.revokedAt) return <Badge color="gray">{t('tokens.revoked')}</Badge>;
  if (token.expiresAt && new Date(token.expiresAt) < new Date())
    return <Badge color="orange">{t('tokens.expired')}</Badge>;
  return (
    <Badge color="green" variant="light">
      {t('tokens.active')}
    </Badge>
  );
}

export function TokensPage() {
  const { t, language } = useI18n();
  const me = useCurrentUser();
  const notify = useNotify();
  const queryClient = useQueryClient();
  const mayCreate = can(me.role, 'createTokens');
  const [creating, setCreating] = useState(false);
  const [revoking, setRevoking] = useState<Token | null>(null);
  const tokens = useQuery({ queryKey: ['tokens'], queryFn: () => unwrap(api.GET('/api/tokens')) });

  const revoke = useMutation({
    mutationFn: (token: Token) =>
      unwrap(api.DELETE('/api/tokens/{id}', { params: { path: { id: token.id } } })),
    onSuccess: (_ok, token) => {
      notify({ color: 'green', message: t('tokens.revokedDone', { name: token.name }) });
      setRevoking(null);
      void queryClient.invalidateQueries({ queryKey: ['tokens'] });
    },
  });

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{t('tokens.title')}</Title>
        {mayCreate && <Button onClick={() => setCreating(true)}>{t('tokens.create')}</Button>}
      </Group>
      <Text size="sm" c="dimmed">
        {t('tokens.intro')}
      </Text>
      {!mayCreate && (
        <Alert color="blue" variant="light">
          {t('tokens.readOnly')}
        </Alert>
      )}
      <ErrorAlert error={tokens.error} onRetry={() => void tokens.refetch()} />
      <Table.ScrollContainer minWidth={860} type="native">
        <Table striped verticalSpacing="xs" data-testid="tokens-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('tokens.name')}</Table.Th>
              <Table.Th>{t('tokens.owner')}</Table.Th>
              <Table.Th>{t('tokens.prefix')}</Table.Th>
              <Table.Th>{t('tokens.created')}</Table.Th>
              <Table.Th>{t('tokens.expires')}</Table.Th>
              <Table.Th>{t('tokens.lastUsed')}</Table.Th>
              <Table.Th>{t('tokens.status')}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            <TableStatusRows
              colSpan={8}
              loading={tokens.isLoading}
              items={tokens.data?.items}
              emptyText={t('tokens.empty')}
            />
            {tokens.data?.items.map((token) => (
              <Table.Tr key={token.id}>
                <Table.Td>{token.name}</Table.Td>
                <Table.Td ff="monospace">{token.username}</Table.Td>
                <Table.Td ff="monospace">{token.tokenPrefix}…</Table.Td>
                <Table.Td>{formatDate(token.createdAt, language)}</Table.Td>
                <Table.Td>
                  {token.expiresAt ? formatDate(token.expiresAt, language) : t('tokens.never')}
                </Table.Td>
                <Table.Td>
                  {token.lastUsedAt ? formatDateTime(token.lastUsedAt, language) : t('tokens.never')}
                </Table.Td>
                <Table.Td>
                  <TokenStatus token={token} />
                </Table.Td>
                <Table.Td>
                  {!token.revokedAt && mayCreate && (
                    <Button
                      size="compact-xs"
                      variant="light"
                      color="red"
                      onClick={() => {
                        revoke.reset();
                        setRevoking(token);
                      }}
                    >
                      {t('tokens.revoke')}
                    </Button>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {creating && (
        <CreateTokenModal
          onClose={() => setCreating(false)}
          onCreated={() => void queryClient.invalidateQueries({ queryKey: ['tokens'] })}
        />
      )}
      <ConfirmModal
        opened={revoking !== null}
        title={t('tokens.revokeTitle')}
        text={t('tokens.revokeText', { name: revoking?.name ?? '' })}
        confirmLabel={t('tokens.revoke')}
        loading={revoke.isPending}
        error={revoke.error}
        onConfirm={() => revoking && revoke.mutate(revoking)}
        onClose={() => setRevoking(null)}
      />
    </Stack>
  );
}
