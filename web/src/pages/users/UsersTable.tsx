import { Badge, Button, Group, Menu, Table, Text } from '@mantine/core';
import type { Schemas } from '../../api/client';
import { RegionName } from '../../components/RegionName';
import { EmptyRow } from '../../components/StatusViews';
import { useI18n } from '../../i18n';
import { formatDateTime } from '../../lib/format';

type User = Schemas['UserSummary'];

interface UsersTableProps {
  items: User[] | undefined;
  loading: boolean;
  filtered: boolean;
  canManage: boolean;
  onEdit: (user: User) => void;
  onResetPassword: (user: User) => void;
  onToggle: (user: User) => void;
}

function StatusBadges({ user }: { user: User }) {
  const { t } = useI18n();
  return (
    <Group gap={4}>
      {user.disabled ? (
        <Badge color="gray">{t('users.disabled')}</Badge>
      ) : (
        <Badge color="green" variant="light">
          {t('users.active')}
        </Badge>
      )}
      {user.locked && <Badge color="red">{t('users.locked')}</Badge>}
      {user.mustChangePassword && (
        <Badge color="yellow" variant="light">
          {t('users.mustChange')}
        </Badge>
      )}
    </Group>
  );
}

export function UsersTable({ items, loading, filtered, canManage, ...actions }: UsersTableProps) {
  const { t, language } = useI18n();
  const columns = canManage ? 7 : 6;
  return (
    <Table.ScrollContainer minWidth={canManage ? 900 : 800} type="native">
      <Table striped highlightOnHover verticalSpacing="xs" data-testid="users-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('users.username')}</Table.Th>
            <Table.Th>{t('users.fullName')}</Table.Th>
            <Table.Th>{t('users.role')}</Table.Th>
            <Table.Th>{t('users.region')}</Table.Th>
            <Table.Th>{t('users.status')}</Table.Th>
            <Table.Th>{t('users.lastLogin')}</Table.Th>
            {canManage && <Table.Th>{t('common.actions')}</Table.Th>}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {loading && !items && <EmptyRow colSpan={columns} text={t('common.loading')} />}
          {items?.length === 0 && (
            <EmptyRow colSpan={columns} text={filtered ? t('common.noMatch') : t('users.empty')} />
          )}
          {items?.map((user) => (
            <Table.Tr key={user.id} data-testid={`user-row-${user.username}`}>
              <Table.Td ff="monospace">{user.username}</Table.Td>
              <Table.Td>{user.fullName}</Table.Td>
              <Table.Td>
                <Text size="sm">{t(`roles.${user.role}`)}</Text>
              </Table.Td>
              <Table.Td>
                <RegionName code={user.regionCode} />
              </Table.Td>
              <Table.Td miw={200}>
                <StatusBadges user={user} />
              </Table.Td>
              <Table.Td>
                <Text size="sm">
                  {user.lastLoginAt ? formatDateTime(user.lastLoginAt, language) : t('users.never')}
                </Text>
              </Table.Td>
              {canManage && (
                <Table.Td>
                  <Menu position="bottom-end" withinPortal>
                    <Menu.Target>
                      <Button
                        size="compact-sm"
                        variant="light"
                        aria-label={`${t('common.actions')} ${user.username}`}
                      >
                        {t('common.actions')} ▾
                      </Button>
                    </Menu.Target>
                    <Menu.Dropdown>
                      <Menu.Item onClick={() => actions.onEdit(user)}>{t('users.edit')}</Menu.Item>
                      <Menu.Item onClick={() => actions.onResetPassword(user)}>
                        {t('users.resetPassword')}
                      </Menu.Item>
                      <Menu.Divider />
                      <Menu.Item
                        color={user.disabled ? 'green' : 'red'}
                        onClick={() => actions.onToggle(user)}
                      >
                        {user.disabled ? t('users.enable') : t('users.disable')}
                      </Menu.Item>
                    </Menu.Dropdown>
                  </Menu>
                </Table.Td>
              )}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
