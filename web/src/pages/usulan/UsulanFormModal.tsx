import { Button, Group, Modal, Select, Stack, Textarea } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { type FormEvent, useState } from 'react';
import { api, type Schemas, unwrap } from '../../api/client';
import { useCurrentUser } from '../../auth/session';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useI18n } from '../../i18n';
import { KINDS, type UsulanKind } from './labels';
import {
  emptyFamily,
  type FamilyDraft,
  type FamilyErrors,
  NewFamilyFields,
  validateFamily,
} from './NewFamilyFields';
import { changesOf, emptySubject, type SubjectDraft, SubjectFields, validateSubject } from './SubjectFields';

type Body = Schemas['CreateUsulanBody'];

interface Props {
  onClose: () => void;
  onCreated: (id: number) => void;
}

const optional = (text: string) => (text.trim() ? text.trim() : undefined);

function bodyOf(kind: UsulanKind, family: FamilyDraft, subject: SubjectDraft, reason: string): Body {
  switch (kind) {
    case 'TAMBAH_KELUARGA':
      return {
        kind,
        regionCode: family.regionCode ?? '',
        kk: family.kk.trim(),
        address: family.address.trim(),
        rt: optional(family.rt),
        rw: optional(family.rw),
        members: family.members.map((m) => ({
          nik: m.nik.trim(),
          name: m.name.trim(),
          birthDate: m.birthDate,
          birthPlace: optional(m.birthPlace),
          sex: m.sex ?? 'L',
          relationship: m.relationship ?? 'LAINNYA',
          motherName: optional(m.motherName),
        })),
        reason,
      };
    case 'UBAH_DATA':
      return { kind, nik: subject.nik.trim(), changes: changesOf(subject), reason };
    case 'HAPUS_ORANG':
      return {
        kind,
        nik: subject.nik.trim(),
        cause: subject.cause ?? 'MENINGGAL',
        eventDate: optional(subject.eventDate),
        reason,
      };
    case 'HAPUS_KELUARGA':
      return {
        kind,
        householdId: subject.householdId ?? 0,
        cause: subject.cause ?? 'MENINGGAL',
        eventDate: optional(subject.eventDate),
        reason,
      };
  }
}

/** "Usulan baru": the fields follow the kind of proposal; the server checks NIK, KK and scope again. */
export function UsulanFormModal({ onClose, onCreated }: Props) {
  const { t } = useI18n();
  const user = useCurrentUser();
  const phone = useMediaQuery('(max-width: 30em)');
  const [kind, setKind] = useState<UsulanKind>('TAMBAH_KELUARGA');
  const [family, setFamily] = useState(() =>
    emptyFamily(user.regionCode.length === 10 ? user.regionCode : null),
  );
  const [subject, setSubject] = useState(emptySubject);
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<FamilyErrors & { reason?: string | undefined }>({});
  const [failure, setFailure] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    const found: Record<string, string | undefined> =
      kind === 'TAMBAH_KELUARGA' ? validateFamily(family, t) : validateSubject(kind, subject, t);
    if (reason.trim().length < 5) found.reason = t('usulan.form.reasonHint');
    const problems = Object.fromEntries(Object.entries(found).filter(([, v]) => v));
    setErrors(problems);
    setFailure(null);
    if (Object.keys(problems).length > 0) return;
    setSaving(true);
    try {
      const created = await unwrap(
        api.POST('/api/usulan', { body: bodyOf(kind, family, subject, reason.trim()) }),
      );
      onCreated(created.id);
    } catch (error) {
      setFailure(error);
    } finally {
      setSaving(false);
    }
  }

  return (
    <Modal opened onClose={onClose} title={t('usulan.createTitle')} size="xl" fullScreen={phone}>
      <form onSubmit={onSubmit} noValidate data-testid="usulan-form">
        <Stack>
          <Select
            label={t('usulan.form.kind')}
            data={KINDS.map((value) => ({ value, label: t(`usulan.kinds.${value}`) }))}
            value={kind}
            onChange={(value) => {
              if (value) setKind(value as UsulanKind);
              setErrors({});
            }}
            allowDeselect={false}
            data-testid="usulan-form-kind"
          />
          {kind === 'TAMBAH_KELUARGA' ? (
            <NewFamilyFields rootCode={user.regionCode} draft={family} errors={errors} onChange={setFamily} />
          ) : (
            <SubjectFields kind={kind} draft={subject} errors={errors} onChange={setSubject} />
          )}
          <Textarea
            label={t('usulan.form.reason')}
            description={t('usulan.form.reasonHint')}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            error={errors.reason}
            autosize
            minRows={3}
            maxLength={2000}
            required
          />
          <ErrorAlert error={failure} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={saving} data-testid="usulan-form-submit">
              {t('usulan.form.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
