import { Anchor, Badge, Group, Stack, Table, Text, Tooltip } from '@mantine/core';
import type { TFunction } from 'i18next';
import { Link } from 'react-router-dom';
import type { Schemas } from '../../api/client';
import { useI18n } from '../../i18n';
import { isKnownCode as known } from '../../lib/codes';
import { formatCalendarDate } from '../../lib/format';
import { relationshipLabel, StatusBadge } from '../../lib/personLabels';

type Member = Schemas['Member'];

const SCHOOLINGS = ['PAUD_TK', 'SD', 'SMP', 'SMA', 'TIDAK_SEKOLAH'] as const;
const NIK_WARNINGS = ['NIK_BIRTHDATE_MISMATCH', 'NIK_SEX_MISMATCH'] as const;

// Codes the server may add later still show, as the raw code.
function schoolingLabel(t: TFunction, value: string | null): string {
  return known(SCHOOLINGS, value) ? t(`households.schoolings.${value}`) : (value ?? '—');
}

function warningLabel(t: TFunction, value: string): string {
  return known(NIK_WARNINGS, value) ? t(`households.nikWarnings.${value}`) : value;
}

/** The members of one household; NIK exactly as the server gives it (full or masked by role). */
export function MembersTable({ members }: { members: Member[] }) {
  const { t, language } = useI18n();
  return (
    <Table.ScrollContainer minWidth={900} type="native">
      <Table striped verticalSpacing="xs" data-testid="members-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('households.nik')}</Table.Th>
            <Table.Th>{t('households.name')}</Table.Th>
            <Table.Th>{t('households.relationship')}</Table.Th>
            <Table.Th>{t('households.sex')}</Table.Th>
            <Table.Th>{t('households.birth')}</Table.Th>
            <Table.Th>{t('households.status')}</Table.Th>
            <Table.Th>{t('households.schooling')}</Table.Th>
            <Table.Th>{t('households.notes')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {members.map((member) => (
            <Table.Tr key={member.id}>
              <Table.Td ff="monospace">
                <Group gap={4} wrap="nowrap">
                  <span>{member.nik}</span>
                  {member.nikWarnings.length > 0 && (
                    <Tooltip
                      label={member.nikWarnings.map((code) => warningLabel(t, code)).join('; ')}
                      multiline
                      w={260}
                    >
                      <Badge
                        color="yellow"
                        size="xs"
                        variant="filled"
                        aria-label={member.nikWarnings.join(', ')}
                      >
                        !
                      </Badge>
                    </Tooltip>
                  )}
                </Group>
              </Table.Td>
              <Table.Td>
                <Anchor
                  component={Link}
                  to={`/penduduk/${member.id}`}
                  size="sm"
                  data-testid="member-person-link"
                >
                  {member.name}
                </Anchor>
                {member.motherName && (
                  <Text size="xs" c="dimmed">
                    {t('households.mother', { name: member.motherName })}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>{relationshipLabel(t, member.relationship)}</Table.Td>
              <Table.Td>{member.sex ? t(`households.sexes.${member.sex}`) : '—'}</Table.Td>
              <Table.Td>
                {[member.birthPlace, formatCalendarDate(member.birthDate, language)]
                  .filter(Boolean)
                  .join(', ')}
              </Table.Td>
              <Table.Td>
                <StatusBadge status={member.status} />
              </Table.Td>
              <Table.Td>{schoolingLabel(t, member.schooling)}</Table.Td>
              <Table.Td>
                <Stack gap={2}>
                  {member.pregnancyDueDate && (
                    <Text size="xs">
                      {t('households.pregnant', {
                        date: formatCalendarDate(member.pregnancyDueDate, language),
                      })}
                    </Text>
                  )}
                  {member.severeDisability && (
                    <Badge size="xs" color="grape" variant="light">
                      {t('households.disability')}
                    </Badge>
                  )}
                  {member.deathDate && (
                    <Text size="xs">
                      {t('households.died', { date: formatCalendarDate(member.deathDate, language) })}
                    </Text>
                  )}
                  {member.nikWarnings.map((code) => (
                    <Text key={code} size="xs" c="yellow.9">
                      {warningLabel(t, code)}
                    </Text>
                  ))}
                </Stack>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
