import { NumberInput, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import type { TFunction } from 'i18next';
import { useI18n } from '../../i18n';
import { RELATIONSHIPS } from '../../lib/personLabels';
import { CAUSES, CHANGE_FIELDS, type UsulanKind } from './labels';

type ChangeField = (typeof CHANGE_FIELDS)[number];

export interface SubjectDraft {
  nik: string;
  householdId: number | null;
  cause: (typeof CAUSES)[number] | null;
  eventDate: string;
  changes: Record<ChangeField, string>;
}

export const emptySubject = (): SubjectDraft => ({
  nik: '',
  householdId: null,
  cause: null,
  eventDate: '',
  changes: { name: '', birthDate: '', birthPlace: '', sex: '', relationship: '', motherName: '' },
});

export type SubjectErrors = Record<string, string | undefined>;

export function validateSubject(kind: UsulanKind, draft: SubjectDraft, t: TFunction): SubjectErrors {
  const errors: SubjectErrors = {};
  if (kind === 'HAPUS_KELUARGA') {
    if (!draft.householdId) errors.householdId = t('usulan.form.required');
  } else if (!/^\d{16}$/.test(draft.nik.trim())) errors.nik = t('usulan.form.nikDigits');
  if ((kind === 'HAPUS_ORANG' || kind === 'HAPUS_KELUARGA') && !draft.cause)
    errors.cause = t('usulan.form.required');
  if (kind === 'UBAH_DATA' && CHANGE_FIELDS.every((f) => !draft.changes[f].trim()))
    errors.changes = t('usulan.form.required');
  return errors;
}

/** Only the fields that change, as the API wants them. */
export function changesOf(draft: SubjectDraft) {
  return Object.fromEntries(
    CHANGE_FIELDS.filter((f) => draft.changes[f].trim()).map((f) => [f, draft.changes[f].trim()]),
  );
}

interface Props {
  kind: Exclude<UsulanKind, 'TAMBAH_KELUARGA'>;
  draft: SubjectDraft;
  errors: SubjectErrors;
  onChange: (draft: SubjectDraft) => void;
}

/** Who the proposal is about (a person by NIK, or a family by its number), and what changes. */
export function SubjectFields({ kind, draft, errors, onChange }: Props) {
  const { t } = useI18n();
  const set = (patch: Partial<SubjectDraft>) => onChange({ ...draft, ...patch });
  const setChange = (field: ChangeField, value: string) =>
    set({ changes: { ...draft.changes, [field]: value } });

  return (
    <Stack>
      {kind === 'HAPUS_KELUARGA' ? (
        <NumberInput
          label={t('usulan.form.householdId')}
          description={t('usulan.form.householdIdHint')}
          value={draft.householdId ?? ''}
          onChange={(value) => set({ householdId: typeof value === 'number' ? value : null })}
          error={errors.householdId}
          min={1}
          allowDecimal={false}
          required
        />
      ) : (
        <TextInput
          label={t('usulan.form.personNik')}
          description={t('usulan.form.personNikHint')}
          value={draft.nik}
          onChange={(e) => set({ nik: e.currentTarget.value })}
          error={errors.nik}
          inputMode="numeric"
          maxLength={16}
          autoComplete="off"
          required
        />
      )}
      {kind === 'UBAH_DATA' ? (
        <>
          <Text fw={500} size="sm">
            {t('usulan.form.newValues')}
          </Text>
          {errors.changes && (
            <Text c="red" size="sm">
              {errors.changes}
            </Text>
          )}
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput
              label={t('usulan.fields.name')}
              value={draft.changes.name}
              onChange={(e) => setChange('name', e.currentTarget.value)}
            />
            <TextInput
              type="date"
              label={t('usulan.fields.birthDate')}
              value={draft.changes.birthDate}
              onChange={(e) => setChange('birthDate', e.currentTarget.value)}
            />
            <TextInput
              label={t('usulan.fields.birthPlace')}
              value={draft.changes.birthPlace}
              onChange={(e) => setChange('birthPlace', e.currentTarget.value)}
            />
            <Select
              label={t('usulan.fields.sex')}
              data={(['L', 'P'] as const).map((value) => ({ value, label: t(`usulan.sexes.${value}`) }))}
              value={draft.changes.sex || null}
              onChange={(value) => setChange('sex', value ?? '')}
              clearable
            />
            <Select
              label={t('usulan.fields.relationship')}
              data={RELATIONSHIPS.map((value) => ({ value, label: t(`usulan.relationships.${value}`) }))}
              value={draft.changes.relationship || null}
              onChange={(value) => setChange('relationship', value ?? '')}
              clearable
            />
            <TextInput
              label={t('usulan.fields.motherName')}
              value={draft.changes.motherName}
              onChange={(e) => setChange('motherName', e.currentTarget.value)}
            />
          </SimpleGrid>
        </>
      ) : (
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Select
            label={t('usulan.form.cause')}
            data={CAUSES.map((value) => ({ value, label: t(`usulan.causes.${value}`) }))}
            value={draft.cause}
            onChange={(value) => set({ cause: value as SubjectDraft['cause'] })}
            error={errors.cause}
            required
          />
          <TextInput
            type="date"
            label={t('usulan.form.eventDate')}
            value={draft.eventDate}
            onChange={(e) => set({ eventDate: e.currentTarget.value })}
          />
        </SimpleGrid>
      )}
    </Stack>
  );
}
