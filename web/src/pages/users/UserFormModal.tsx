import { Button, Group, Modal, PasswordInput, Select, Stack, TextInput } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { type FormEvent, useState } from 'react';
import { api, type Role, type Schemas, unwrap } from '../../api/client';
import { MIN_PASSWORD_LENGTH, ROLE_LEVELS, ROLES } from '../../auth/permissions';
import { ErrorAlert } from '../../components/ErrorAlert';
import { adaptRegionToLevels, RegionPicker } from '../../components/RegionPicker';
import { useI18n } from '../../i18n';
import { levelOf } from '../../lib/regions';
import { type FieldErrors, fieldErrorsFrom, USERNAME_PATTERN } from './userErrors';

type User = Schemas['UserSummary'];

interface UserFormModalProps {
  /** The user to edit; absent to create a new one. */
  user?: User;
  officeCode: string;
  onClose: () => void;
  onSaved: (user: User) => void;
}

/** "Tambah pengguna" and "Ubah pengguna": the region choice follows the role's allowed levels. */
export function UserFormModal({ user, officeCode, onClose, onSaved }: UserFormModalProps) {
  const { t } = useI18n();
  const [username, setUsername] = useState(user?.username ?? '');
  const [fullName, setFullName] = useState(user?.fullName ?? '');
  const [role, setRole] = useState<Role | null>(user?.role ?? null);
  const [regionCode, setRegionCode] = useState<string | null>(user?.regionCode ?? null);
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const levels = role ? ROLE_LEVELS[role] : [];
  const phone = useMediaQuery('(max-width: 30em)');

  function chooseRole(value: string | null) {
    const next = (ROLES as readonly string[]).includes(value ?? '') ? (value as Role) : null;
    setRole(next);
    setRegionCode(next ? adaptRegionToLevels(regionCode, ROLE_LEVELS[next], officeCode) : null);
    setErrors((found) => ({ ...found, role: undefined, regionCode: undefined }));
  }

  function validate(): FieldErrors {
    const found: FieldErrors = {};
    if (!user && !USERNAME_PATTERN.test(username.trim())) found.username = t('users.usernameHint');
    if (!fullName.trim()) found.fullName = t('login.required');
    if (!role) found.role = t('login.required');
    const level = levelOf(regionCode);
    if (role && (!level || !levels.includes(level))) found.regionCode = t('region.required');
    if (!user && password.length < MIN_PASSWORD_LENGTH)
      found.password = t('password.tooShort', { min: String(MIN_PASSWORD_LENGTH) });
    return found;
  }

  async function save(): Promise<User> {
    if (!role || !regionCode) throw new Error('form not validated');
    if (!user) {
      const body = { username: username.trim(), fullName: fullName.trim(), role, regionCode, password };
      return unwrap(api.POST('/api/users', { body }));
    }
    const patch: Schemas['UpdateUserBody'] = {};
    if (fullName.trim() !== user.fullName) patch.fullName = fullName.trim();
    if (role !== user.role) patch.role = role;
    if (regionCode !== user.regionCode) patch.regionCode = regionCode;
    if (Object.keys(patch).length === 0) return user;
    return unwrap(api.PATCH('/api/users/{id}', { params: { path: { id: user.id } }, body: patch }));
  }

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    const found = validate();
    setErrors(found);
    setFailure(null);
    if (Object.keys(found).length > 0) return;
    setSaving(true);
    try {
      onSaved(await save());
    } catch (error) {
      const fields = fieldErrorsFrom(error);
      if (fields) setErrors(fields);
      else setFailure(error);
    } finally {
      setSaving(false);
    }
  }

  return (
    <Modal
      opened
      onClose={onClose}
      title={user ? t('users.editTitle', { username: user.username }) : t('users.createTitle')}
      size="lg"
      fullScreen={phone}
    >
      <form onSubmit={onSubmit} noValidate data-testid="user-form">
        <Stack>
          <ErrorAlert error={failure} />
          <TextInput
            label={t('users.username')}
            description={user ? undefined : t('users.usernameHint')}
            value={username}
            onChange={(event) => setUsername(event.currentTarget.value)}
            error={errors.username}
            disabled={Boolean(user)}
            autoCapitalize="none"
            autoComplete="off"
            required
          />
          <TextInput
            label={t('users.fullName')}
            value={fullName}
            onChange={(event) => setFullName(event.currentTarget.value)}
            error={errors.fullName}
            required
          />
          <Select
            label={t('users.role')}
            placeholder={t('region.choose')}
            data={ROLES.map((value) => ({ value, label: t(`roles.${value}`) }))}
            value={role}
            onChange={chooseRole}
            error={errors.role}
            allowDeselect={false}
            required
            data-testid="user-role"
          />
          {role && (
            <RegionPicker
              rootCode={officeCode}
              levels={levels}
              value={regionCode}
              onChange={(code) => {
                setRegionCode(code);
                setErrors((found) => ({ ...found, regionCode: undefined }));
              }}
              error={errors.regionCode}
              withHint
            />
          )}
          {!user && (
            <PasswordInput
              label={t('users.password')}
              description={t('users.passwordHint')}
              value={password}
              onChange={(event) => setPassword(event.currentTarget.value)}
              error={errors.password}
              autoComplete="new-password"
              required
            />
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={saving} data-testid="user-form-submit">
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
