import { Button, Group, Modal, PasswordInput, Stack, Text } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { api, type Schemas, unwrap } from '../../api/client';
import { MIN_PASSWORD_LENGTH } from '../../auth/permissions';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useI18n } from '../../i18n';

interface ResetPasswordModalProps {
  user: Schemas['UserSummary'];
  onClose: () => void;
  onDone: () => void;
}

export function ResetPasswordModal({ user, onClose, onDone }: ResetPasswordModalProps) {
  const { t } = useI18n();
  const [password, setPassword] = useState('');
  const [invalid, setInvalid] = useState<string | undefined>();
  const [failure, setFailure] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    setFailure(null);
    if (password.length < MIN_PASSWORD_LENGTH) {
      setInvalid(t('password.tooShort', { min: String(MIN_PASSWORD_LENGTH) }));
      return;
    }
    setInvalid(undefined);
    setSaving(true);
    try {
      await unwrap(
        api.POST('/api/users/{id}/password', { params: { path: { id: user.id } }, body: { password } }),
      );
      onDone();
    } catch (error) {
      setFailure(error);
    } finally {
      setSaving(false);
    }
  }

  return (
    <Modal opened onClose={onClose} title={t('users.resetTitle', { username: user.username })} centered>
      <form onSubmit={onSubmit} noValidate>
        <Stack>
          <Text size="sm">{t('users.resetText')}</Text>
          <ErrorAlert error={failure} />
          <PasswordInput
            label={t('users.newPassword')}
            description={t('password.hint', { min: String(MIN_PASSWORD_LENGTH) })}
            value={password}
            onChange={(event) => setPassword(event.currentTarget.value)}
            error={invalid}
            autoComplete="new-password"
            required
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={saving}>
              {t('users.resetPassword')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
