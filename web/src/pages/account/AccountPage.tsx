import { Badge, Paper, SimpleGrid, Stack, Table, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useCurrentUser, useSession } from '../../auth/session';
import { useNotify } from '../../components/Notifications';
import { useI18n } from '../../i18n';
import { useMyRegionLabel } from '../../layout/UserBlock';
import { formatDateTime, formatRegionCode } from '../../lib/format';
import { PasswordForm } from './PasswordForm';

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Table.Tr>
      <Table.Th w="40%">{label}</Table.Th>
      <Table.Td>{children}</Table.Td>
    </Table.Tr>
  );
}

export function AccountPage() {
  const { t, language } = useI18n();
  const user = useCurrentUser();
  const { session } = useSession();
  const regionLabel = useMyRegionLabel();
  const notify = useNotify();

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
              <Row label={t('account.username')}>{user.username}</Row>
              <Row label={t('account.fullName')}>{user.fullName}</Row>
              <Row label={t('account.role')}>
                <Badge variant="light">{t(`roles.${user.role}`)}</Badge>
              </Row>
              <Row label={t('account.region')}>
                {regionLabel} ({formatRegionCode(user.regionCode)})
              </Row>
              <Row label={t('account.sessionUntil')}>{formatDateTime(session?.expiresAt, language)}</Row>
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
