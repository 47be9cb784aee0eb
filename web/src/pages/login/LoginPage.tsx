import {
  Alert,
  Button,
  Center,
  Group,
  Paper,
  PasswordInput,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router-dom';
import { ApiError } from '../../api/client';
import { useSession } from '../../auth/session';
import { errorMessage } from '../../components/ErrorAlert';
import { LanguageSwitch } from '../../components/LanguageSwitch';
import { PageLoader } from '../../components/StatusViews';
import { useI18n } from '../../i18n';

function retryMinutes(error: ApiError): number {
  const seconds = (error.details as { retryAfterSeconds?: number } | undefined)?.retryAfterSeconds ?? 60;
  return Math.max(1, Math.ceil(seconds / 60));
}

export function LoginPage() {
  const { t } = useI18n();
  const { session, isLoading, login, endReason } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [failure, setFailure] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const [touched, setTouched] = useState(false);

  // Back to the page that asked for a login, unless the previous user logged out on purpose.
  const from = (location.state as { from?: string } | null)?.from;
  const target = from && endReason !== 'LOGGED_OUT' ? from : '/';

  if (isLoading) return <PageLoader />;
  if (session && !submitting) {
    return <Navigate to={session.user.mustChangePassword ? '/ganti-sandi' : target} replace />;
  }

  function describe(error: unknown): string {
    if (!(error instanceof ApiError)) return errorMessage(error, t);
    switch (error.code) {
      case 'AUTH_INVALID':
        return t('login.invalid');
      case 'AUTH_LOCKED':
        return t('login.locked', { minutes: String(retryMinutes(error)) });
      case 'AUTH_RATE_LIMITED':
        return t('login.rateLimited', { minutes: String(retryMinutes(error)) });
      default:
        return errorMessage(error, t);
    }
  }

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    setTouched(true);
    if (!username.trim() || !password) return;
    setSubmitting(true);
    setFailure(null);
    try {
      const started = await login(username.trim(), password);
      navigate(started.user.mustChangePassword ? '/ganti-sandi' : target, { replace: true });
    } catch (error) {
      setFailure(describe(error));
      setPassword('');
    } finally {
      setSubmitting(false);
    }
  }

  const notice =
    endReason === 'SESSION_EXPIRED'
      ? t('login.sessionExpired')
      : endReason === 'LOGGED_OUT'
        ? t('login.loggedOut')
        : null;

  return (
    <Center mih="100dvh" p="md" bg="gray.0">
      <Paper withBorder shadow="sm" p={{ base: 'md', sm: 'xl' }} w="100%" maw={420} radius="md">
        <form onSubmit={onSubmit} noValidate>
          <Stack>
            <Group justify="space-between" align="flex-start" wrap="nowrap">
              <div>
                <Title order={1} c="teal.8">
                  {t('app.name')}
                </Title>
                <Text size="sm" c="dimmed">
                  {t('app.tagline')}
                </Text>
              </div>
              <LanguageSwitch />
            </Group>
            <Title order={2} size="h4">
              {t('login.title')}
            </Title>
            {notice && !failure && (
              <Alert color="blue" variant="light">
                {notice}
              </Alert>
            )}
            {failure && (
              <Alert
                color="red"
                variant="light"
                title={t('login.failedTitle')}
                role="alert"
                data-testid="login-error"
              >
                {failure}
              </Alert>
            )}
            <TextInput
              label={t('login.username')}
              name="username"
              autoComplete="username"
              autoCapitalize="none"
              value={username}
              onChange={(event) => setUsername(event.currentTarget.value)}
              error={touched && !username.trim() ? t('login.required') : undefined}
              required
              autoFocus
            />
            <PasswordInput
              label={t('login.password')}
              name="password"
              autoComplete="current-password"
              value={password}
              onChange={(event) => setPassword(event.currentTarget.value)}
              error={touched && !password ? t('login.required') : undefined}
              required
            />
            <Button type="submit" loading={submitting} fullWidth>
              {t('login.submit')}
            </Button>
          </Stack>
        </form>
      </Paper>
    </Center>
  );
}
