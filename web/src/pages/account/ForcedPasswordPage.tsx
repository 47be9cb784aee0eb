import { Alert, Anchor, Center, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { Navigate, useNavigate } from 'react-router-dom';
import { useSession } from '../../auth/session';
import { LanguageSwitch } from '../../components/LanguageSwitch';
import { useNotify } from '../../components/Notifications';
import { PageLoader } from '../../components/StatusViews';
import { useI18n } from '../../i18n';
import { PasswordForm } from './PasswordForm';

/** After a login with a temporary password: nothing else opens until it is replaced. */
export function ForcedPasswordPage() {
  const { t } = useI18n();
  const { session, isLoading, refresh, logout } = useSession();
  const navigate = useNavigate();
  const notify = useNotify();

  if (isLoading) return <PageLoader />;
  if (!session) return <Navigate to="/masuk" replace />;
  if (!session.user.mustChangePassword) return <Navigate to="/" replace />;

  async function onChanged() {
    notify({ color: 'green', message: t('password.changed') });
    await refresh();
    navigate('/', { replace: true });
  }

  return (
    <Center mih="100dvh" p="md" bg="gray.0">
      <Paper withBorder shadow="sm" p={{ base: 'md', sm: 'xl' }} w="100%" maw={460} radius="md">
        <Stack>
          <Group justify="space-between" wrap="nowrap">
            <Title order={1} size="h2" c="teal.8">
              {t('app.name')}
            </Title>
            <LanguageSwitch />
          </Group>
          <Title order={2} size="h4" data-testid="forced-password-title">
            {t('password.forcedTitle')}
          </Title>
          <Alert color="yellow" variant="light">
            {t('password.forcedIntro')}
          </Alert>
          <Text size="sm">
            {session.user.fullName} ({session.user.username})
          </Text>
          <PasswordForm onChanged={onChanged} />
          <Anchor
            component="button"
            type="button"
            size="sm"
            onClick={() => void logout().finally(() => navigate('/masuk', { replace: true }))}
          >
            {t('nav.logout')}
          </Anchor>
        </Stack>
      </Paper>
    </Center>
  );
}
