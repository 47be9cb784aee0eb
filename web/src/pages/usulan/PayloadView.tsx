import { Table, Text } from '@mantine/core';
import { useI18n } from '../../i18n';
import { formatCalendarDate } from '../../lib/format';
import type { UsulanKind } from './labels';

interface Member {
  nik: string;
  name: string;
  birthDate: string;
  birthPlace: string | null;
  sex: 'L' | 'P';
  relationship: string;
  motherName: string | null;
  nikWarnings?: string[];
}

type Payload = Record<string, unknown>;

/** The proposed data in the shape of its kind (docs/usulan.md "Jenis usulan dan isiannya"). */
export function PayloadView({ kind, payload }: { kind: UsulanKind; payload: Payload }) {
  const { t, language } = useI18n();
  const show = (field: string, value: string | null | undefined) => {
    if (!value) return '—';
    if (field === 'birthDate') return formatCalendarDate(value, language);
    if (field === 'sex') return t(`usulan.sexes.${value as 'L' | 'P'}`);
    if (field === 'relationship')
      return t(`usulan.relationships.${value as 'ANAK'}`, { defaultValue: value });
    return value;
  };

  if (kind === 'TAMBAH_KELUARGA') {
    const members = (payload.members ?? []) as Member[];
    return (
      <>
        <Text size="sm">
          {t('usulan.form.kk')}:{' '}
          <Text span ff="monospace">
            {String(payload.kk ?? '—')}
          </Text>{' '}
          · {String(payload.address ?? '')}
          {payload.rt || payload.rw ? ` · RT ${payload.rt ?? '—'} / RW ${payload.rw ?? '—'}` : ''}
        </Text>
        <Table.ScrollContainer minWidth={720} type="native">
          <Table striped verticalSpacing="xs" data-testid="usulan-members">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>NIK</Table.Th>
                <Table.Th>{t('usulan.fields.name')}</Table.Th>
                <Table.Th>{t('usulan.fields.birthDate')}</Table.Th>
                <Table.Th>{t('usulan.fields.sex')}</Table.Th>
                <Table.Th>{t('usulan.fields.relationship')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {members.map((m) => (
                <Table.Tr key={m.nik + m.name}>
                  <Table.Td ff="monospace">
                    {m.nik}
                    {m.nikWarnings && m.nikWarnings.length > 0 && (
                      <Text size="xs" c="orange">
                        {t('usulan.detail.nikWarnings', { codes: m.nikWarnings.join(', ') })}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>{m.name}</Table.Td>
                  <Table.Td>
                    {show('birthDate', m.birthDate)}
                    {m.birthPlace ? `, ${m.birthPlace}` : ''}
                  </Table.Td>
                  <Table.Td>{show('sex', m.sex)}</Table.Td>
                  <Table.Td>{show('relationship', m.relationship)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </>
    );
  }

  if (kind === 'UBAH_DATA') {
    const changes = (payload.changes ?? {}) as Record<string, string>;
    const previous = (payload.previous ?? {}) as Record<string, string | null>;
    return (
      <Table verticalSpacing="xs" data-testid="usulan-changes">
        <Table.Thead>
          <Table.Tr>
            <Table.Th />
            <Table.Th>{t('usulan.detail.previous')}</Table.Th>
            <Table.Th>{t('usulan.detail.next')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {Object.keys(changes).map((field) => (
            <Table.Tr key={field}>
              <Table.Td>{t(`usulan.fields.${field as 'name'}`)}</Table.Td>
              <Table.Td>{show(field, previous[field])}</Table.Td>
              <Table.Td fw={500}>{show(field, changes[field])}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    );
  }

  return (
    <Text size="sm">
      {t('usulan.form.cause')}: {t(`usulan.causes.${payload.cause as 'PINDAH'}`)}
      {payload.eventDate ? ` · ${formatCalendarDate(String(payload.eventDate), language)}` : ''}
      {typeof payload.memberCount === 'number'
        ? ` · ${t('usulan.detail.memberCount')}: ${payload.memberCount}`
        : ''}
    </Text>
  );
}
