import { Badge, Paper, SimpleGrid, Stack, Table, Title } from '@mantine/core';
import { useCurrentUser, useSession } from '../../auth/session';
import { useNotify } from '../../components/Notifications';
import { useI18n } from '../../i18n';
import { formatDateTime, formatRegionCode } from '../../lib/format';
import { useMyRegionLabel } from '../../layout/UserBlock';
import { PasswordForm } from './PasswordForm';

export function AccountPage() {
  const { t, language } = useI18n();
  const user = useCurrentUser();
  const { session } = useSession();
  const regionLabel = useMyRegionLabel();
  const notify = useNotify();

  const rows: [string, React.ReactNode][] = [
    [t('account.username'), user.username],
    [t('account.fullName'), user.fullName],
    [t('account.role'), <Badge variant="light">{t(`roles.${user.role}`)}</Badge>],
    [t('account.region'), `${regionLabel} (${formatRegionCode(user.regionCode)})`],
    [t('account.sessionUntil'), formatDateTime(session?.expiresAt, language)],
  ];

  return (
    <Stack>
      <Title order={2}>{t('account.title')}</Title>
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Paper withBorder p="md">
          <Title order={3} size="h5" mb="sm">
            {t('account.profile')}
          </Title>
          <Table>
            <Table.Tbody>
              {rows.map(([label, value]) => (
                <Table.Tr key={label}>
                  <Table.Th w="40%">{label}</Table.Th>
                  <Table.Td>{value}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Paper>
        <Paper withBorder p="md">
          <Title order={3} size="h5" mb="sm">
            {t('account.changePassword')}
          </Title>
          <PasswordForm onChanged={() => notify({ color: 'green', message: t('password.changed') })} />
        </Paper>
      </SimpleGrid>
    </Stack>
  );
}
