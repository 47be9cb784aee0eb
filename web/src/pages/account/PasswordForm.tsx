import { Button, PasswordInput, Stack } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { ApiError, api, unwrap } from '../../api/client';
import { MIN_PASSWORD_LENGTH } from '../../auth/permissions';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useI18n } from '../../i18n';

interface Errors {
  current?: string;
  next?: string;
  confirm?: string;
}

/** Change one's own password: checked here first, then by the server (PASSWORD_WRONG, PASSWORD_TOO_SHORT). */
export function PasswordForm({ onChanged }: { onChanged: () => void | Promise<void> }) {
  const { t } = useI18n();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [failure, setFailure] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);

  function validate(): Errors {
    const found: Errors = {};
    if (!current) found.current = t('login.required');
    if (next.length < MIN_PASSWORD_LENGTH)
      found.next = t('password.tooShort', { min: String(MIN_PASSWORD_LENGTH) });
    else if (next === current) found.next = t('password.sameAsCurrent');
    if (confirm !== next) found.confirm = t('password.mismatch');
    return found;
  }

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    const found = validate();
    setErrors(found);
    setFailure(null);
    if (Object.keys(found).length > 0) return;
    setSaving(true);
    try {
      await unwrap(api.POST('/api/auth/password', { body: { currentPassword: current, newPassword: next } }));
      setCurrent('');
      setNext('');
      setConfirm('');
      await onChanged();
    } catch (error) {
      if (error instanceof ApiError && error.code === 'PASSWORD_WRONG') setErrors({ current: error.message });
      else if (error instanceof ApiError && error.code === 'PASSWORD_TOO_SHORT')
        setErrors({ next: error.message });
      else setFailure(error);
    } finally {
      setSaving(false);
    }
  }

  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack>
        <ErrorAlert error={failure} />
        <PasswordInput
          label={t('password.current')}
          autoComplete="current-password"
          value={current}
          onChange={(event) => setCurrent(event.currentTarget.value)}
          error={errors.current}
          required
        />
        <PasswordInput
          label={t('password.next')}
          description={t('password.hint', { min: String(MIN_PASSWORD_LENGTH) })}
          autoComplete="new-password"
          value={next}
          onChange={(event) => setNext(event.currentTarget.value)}
          error={errors.next}
          required
        />
        <PasswordInput
          label={t('password.confirm')}
          autoComplete="new-password"
          value={confirm}
          onChange={(event) => setConfirm(event.currentTarget.value)}
          error={errors.confirm}
          required
        />
        <Button type="submit" loading={saving}>
          {t('password.submit')}
        </Button>
      </Stack>
    </form>
  );
}
