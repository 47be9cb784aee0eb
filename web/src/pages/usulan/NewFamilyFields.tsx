import { ActionIcon, Button, Group, Paper, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import type { TFunction } from 'i18next';
import { RegionPicker } from '../../components/RegionPicker';
import { useI18n } from '../../i18n';
import { RELATIONSHIPS } from '../../lib/personLabels';

export interface MemberDraft {
  nik: string;
  name: string;
  birthDate: string;
  birthPlace: string;
  sex: 'L' | 'P' | null;
  relationship: (typeof RELATIONSHIPS)[number] | null;
  motherName: string;
}

export interface FamilyDraft {
  regionCode: string | null;
  kk: string;
  address: string;
  rt: string;
  rw: string;
  members: MemberDraft[];
}

export const emptyMember = (relationship: MemberDraft['relationship'] = null): MemberDraft => ({
  nik: '',
  name: '',
  birthDate: '',
  birthPlace: '',
  sex: null,
  relationship,
  motherName: '',
});

export const emptyFamily = (regionCode: string | null): FamilyDraft => ({
  regionCode,
  kk: '',
  address: '',
  rt: '',
  rw: '',
  members: [emptyMember('KEPALA_KELUARGA')],
});

/** Problems found before sending, by field key (`kk`, `members.0.nik`, …). */
export type FamilyErrors = Record<string, string | undefined>;

const DIGITS_16 = /^\d{16}$/;

export function validateFamily(draft: FamilyDraft, t: TFunction): FamilyErrors {
  const errors: FamilyErrors = {};
  if (draft.regionCode?.length !== 10) errors.regionCode = t('usulan.form.required');
  if (!DIGITS_16.test(draft.kk.trim())) errors.kk = t('usulan.form.nikDigits');
  if (!draft.address.trim()) errors.address = t('usulan.form.required');
  draft.members.forEach((m, i) => {
    if (!DIGITS_16.test(m.nik.trim())) errors[`members.${i}.nik`] = t('usulan.form.nikDigits');
    if (!m.name.trim()) errors[`members.${i}.name`] = t('usulan.form.required');
    if (!m.birthDate) errors[`members.${i}.birthDate`] = t('usulan.form.required');
    if (!m.sex) errors[`members.${i}.sex`] = t('usulan.form.required');
    if (!m.relationship) errors[`members.${i}.relationship`] = t('usulan.form.required');
  });
  if (draft.members.filter((m) => m.relationship === 'KEPALA_KELUARGA').length !== 1)
    errors.members = t('usulan.form.oneHead');
  return errors;
}

interface Props {
  rootCode: string;
  draft: FamilyDraft;
  errors: FamilyErrors;
  onChange: (draft: FamilyDraft) => void;
}

/** The new family: where it lives, its KK and address, and each member as on the KK. */
export function NewFamilyFields({ rootCode, draft, errors, onChange }: Props) {
  const { t } = useI18n();
  const set = (patch: Partial<FamilyDraft>) => onChange({ ...draft, ...patch });
  const setMember = (i: number, patch: Partial<MemberDraft>) =>
    set({ members: draft.members.map((m, j) => (j === i ? { ...m, ...patch } : m)) });

  return (
    <Stack>
      <RegionPicker
        rootCode={rootCode}
        levels={['desa']}
        value={draft.regionCode}
        onChange={(regionCode) => set({ regionCode })}
        error={errors.regionCode}
      />
      <TextInput
        label={t('usulan.form.kk')}
        value={draft.kk}
        onChange={(e) => set({ kk: e.currentTarget.value })}
        error={errors.kk}
        inputMode="numeric"
        maxLength={16}
        required
      />
      <TextInput
        label={t('usulan.form.address')}
        value={draft.address}
        onChange={(e) => set({ address: e.currentTarget.value })}
        error={errors.address}
        required
      />
      <Group grow>
        <TextInput
          label={t('usulan.form.rt')}
          value={draft.rt}
          onChange={(e) => set({ rt: e.currentTarget.value })}
        />
        <TextInput
          label={t('usulan.form.rw')}
          value={draft.rw}
          onChange={(e) => set({ rw: e.currentTarget.value })}
        />
      </Group>
      <Text fw={500} size="sm">
        {t('usulan.form.members')}
      </Text>
      {errors.members && (
        <Text c="red" size="sm">
          {errors.members}
        </Text>
      )}
      {draft.members.map((member, i) => (
        // Members have no id before they are sent; their place in the list is their identity.
        // biome-ignore lint/suspicious/noArrayIndexKey: see above
        <Paper key={i} withBorder p="sm" data-testid="usulan-member">
          <Group justify="space-between" mb="xs">
            <Text size="sm" fw={500}>
              {t('usulan.form.memberNumber', { n: String(i + 1) })}
            </Text>
            {draft.members.length > 1 && (
              <ActionIcon
                variant="subtle"
                color="red"
                aria-label={t('usulan.form.removeMember')}
                onClick={() => set({ members: draft.members.filter((_, j) => j !== i) })}
              >
                ×
              </ActionIcon>
            )}
          </Group>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput
              label="NIK"
              value={member.nik}
              onChange={(e) => setMember(i, { nik: e.currentTarget.value })}
              error={errors[`members.${i}.nik`]}
              inputMode="numeric"
              maxLength={16}
              required
            />
            <TextInput
              label={t('usulan.fields.name')}
              value={member.name}
              onChange={(e) => setMember(i, { name: e.currentTarget.value })}
              error={errors[`members.${i}.name`]}
              required
            />
            <TextInput
              type="date"
              label={t('usulan.fields.birthDate')}
              value={member.birthDate}
              onChange={(e) => setMember(i, { birthDate: e.currentTarget.value })}
              error={errors[`members.${i}.birthDate`]}
              required
            />
            <TextInput
              label={t('usulan.fields.birthPlace')}
              value={member.birthPlace}
              onChange={(e) => setMember(i, { birthPlace: e.currentTarget.value })}
            />
            <Select
              label={t('usulan.fields.sex')}
              data={(['L', 'P'] as const).map((value) => ({ value, label: t(`usulan.sexes.${value}`) }))}
              value={member.sex}
              onChange={(value) => setMember(i, { sex: value as MemberDraft['sex'] })}
              error={errors[`members.${i}.sex`]}
              required
            />
            <Select
              label={t('usulan.fields.relationship')}
              data={RELATIONSHIPS.map((value) => ({ value, label: t(`usulan.relationships.${value}`) }))}
              value={member.relationship}
              onChange={(value) => setMember(i, { relationship: value as MemberDraft['relationship'] })}
              error={errors[`members.${i}.relationship`]}
              required
            />
            <TextInput
              label={t('usulan.fields.motherName')}
              value={member.motherName}
              onChange={(e) => setMember(i, { motherName: e.currentTarget.value })}
            />
          </SimpleGrid>
        </Paper>
      ))}
      <Button
        variant="light"
        onClick={() => set({ members: [...draft.members, emptyMember()] })}
        w="fit-content"
      >
        {t('usulan.form.addMember')}
      </Button>
    </Stack>
  );
}
