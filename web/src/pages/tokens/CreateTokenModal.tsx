import {
  Alert,
  Button,
  Code,
  CopyButton,
  Group,
  Modal,
  NumberInput,
  Select,
  Stack,
  TextInput,
} from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { api, type Schemas, unwrap } from '../../api/client';
import { can } from '../../auth/permissions';
import { useCurrentUser } from '../../auth/session';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useI18n } from '../../i18n';

/** Creates a token and shows the clear value once, with a copy button. */
export function CreateTokenModal({ onClose, onCreated }: { onClose: () => void; onCreated: () => void }) {
  const { t } = useI18n();
  const me = useCurrentUser();
  const forOthers = can(me.role, 'tokensForOthers');
  const [name, setName] = useState('');
  const [owner, setOwner] = useState<string | null>(null);
  const [days, setDays] = useState<number | string>('');
  const [nameError, setNameError] = useState<string | undefined>();
  const [failure, setFailure] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const [created, setCreated] = useState<Schemas['CreatedApiToken'] | null>(null);

  const users = useQuery({
    queryKey: ['users', 'all-for-filter'],
    queryFn: () => unwrap(api.GET('/api/users', { params: { query: { page: 1, pageSize: 200 } } })),
    enabled: forOthers,
    staleTime: 5 * 60_000,
  });

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    setFailure(null);
    if (!name.trim()) {
      setNameError(t('login.required'));
      return;
    }
    setNameError(undefined);
    setSaving(true);
    try {
      const body: Schemas['CreateApiTokenBody'] = { name: name.trim() };
      if (owner && Number(owner) !== me.id) body.userId = Number(owner);
      if (typeof days === 'number' && days > 0) body.expiresInDays = days;
      setCreated(await unwrap(api.POST('/api/tokens', { body })));
      onCreated();
    } catch (error) {
      setFailure(error);
    } finally {
      setSaving(false);
    }
  }

  return (
    <Modal opened onClose={onClose} title={created ? t('tokens.createdTitle') : t('tokens.create')} size="lg">
      {created ? (
        <Stack>
          <Alert color="yellow" variant="light">
            {t('tokens.shownOnce')}
          </Alert>
          <Code block data-testid="new-token" style={{ wordBreak: 'break-all', whiteSpace: 'pre-wrap' }}>
            {created.token}
          </Code>
          <Group justify="flex-end">
            <CopyButton value={created.token}>
              {({ copied, copy }) => (
                <Button color={copied ? 'green' : 'teal'} onClick={copy}>
                  {copied ? t('common.copied') : t('common.copy')}
                </Button>
              )}
            </CopyButton>
            <Button variant="default" onClick={onClose}>
              {t('common.close')}
            </Button>
          </Group>
        </Stack>
      ) : (
        <form onSubmit={onSubmit} noValidate>
          <Stack>
            <ErrorAlert error={failure} />
            <TextInput
              label={t('tokens.name')}
              placeholder={t('tokens.namePlaceholder')}
              value={name}
              onChange={(event) => setName(event.currentTarget.value)}
              error={nameError}
              maxLength={80}
              required
            />
            {forOthers && (
              <Select
                label={t('tokens.owner')}
                placeholder={t('tokens.ownerSelf')}
                data={(users.data?.items ?? []).map((user) => ({
                  value: String(user.id),
                  label: `${user.username} — ${user.fullName}`,
                }))}
                value={owner}
                onChange={setOwner}
                searchable
                clearable
              />
            )}
            <NumberInput
              label={t('tokens.expiresInDays')}
              description={t('tokens.expiresHint')}
              value={days}
              onChange={setDays}
              min={1}
              max={730}
              allowDecimal={false}
            />
            <Group justify="flex-end">
              <Button variant="default" onClick={onClose}>
                {t('common.cancel')}
              </Button>
              <Button type="submit" loading={saving}>
                {t('tokens.create')}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}
