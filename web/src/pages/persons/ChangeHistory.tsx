import { Group, Stack, Text, Timeline } from '@mantine/core';
import type { TFunction } from 'i18next';
import type { Schemas } from '../../api/client';
import { useI18n } from '../../i18n';
import { formatCalendarDate, formatDateTime, formatRegionCode, type Language } from '../../lib/format';
import { relationshipLabel, sexLabel, statusLabel } from '../../lib/personLabels';
import { fieldLabel } from '../registry/labels';

type HistoryEntry = Schemas['PersonRecord']['history'][number];

const COLORS: Record<HistoryEntry['change'], string> = {
  INSERT: 'teal',
  UPDATE: 'blue',
  ABSENT: 'orange',
  RETURNED: 'green',
};

/** A value before or after a change, in the words of the field it belongs to. */
function valueText(t: TFunction, language: Language, field: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return t('persons.emptyValue');
  const text = String(value);
  switch (field) {
    case 'birthDate':
      return formatCalendarDate(text, language);
    case 'sex':
      return sexLabel(t, text);
    case 'relationship':
      return relationshipLabel(t, text);
    case 'status':
      return statusLabel(t, text);
    case 'regionCode':
      return formatRegionCode(text);
    default:
      return text;
  }
}

/** `{ field: [before, after] }` of an UPDATE; anything else the server sends is skipped. */
function changedFields(fields: unknown): Array<[string, unknown, unknown]> {
  if (!fields || typeof fields !== 'object') return [];
  return Object.entries(fields as Record<string, unknown>).flatMap(([field, pair]) =>
    Array.isArray(pair) && pair.length === 2 ? [[field, pair[0], pair[1]] as [string, unknown, unknown]] : [],
  );
}

function edition(fields: unknown, key: 'edition' | 'absentSince'): string {
  const value = (fields as Record<string, unknown> | null)?.[key];
  return typeof value === 'string' ? value : '—';
}

function Source({ source }: { source: HistoryEntry['source'] }) {
  const { t } = useI18n();
  if (source.kind === 'import') {
    return (
      <>
        {t('persons.sourceImport', {
          id: String(source.importId),
          edition: source.edition ?? '—',
          file: source.fileName ?? '—',
        })}
      </>
    );
  }
  return <>{t('persons.sourceUser', { username: source.username ?? t('persons.sourceSystem') })}</>;
}

/** What happened to a person's record, newest first: field by field, with where it came from. */
export function ChangeHistory({ history }: { history: HistoryEntry[] }) {
  const { t, language } = useI18n();
  if (history.length === 0) {
    return (
      <Text c="dimmed" size="sm">
        {t('persons.noHistory')}
      </Text>
    );
  }
  return (
    <Timeline bulletSize={14} lineWidth={2} active={history.length - 1} data-testid="person-history">
      {history.map((entry) => (
        <Timeline.Item
          key={entry.id}
          color={COLORS[entry.change]}
          lineVariant="solid"
          bullet={<span />}
          title={
            <Text size="sm" fw={600} c={`${COLORS[entry.change]}.8`}>
              {t(`persons.changes.${entry.change}`)}
            </Text>
          }
          data-testid="history-entry"
        >
          <Stack gap={4} mt={2}>
            <Text size="xs" c="dimmed">
              {formatDateTime(entry.at, language)} · <Source source={entry.source} />
            </Text>
            {entry.change === 'UPDATE' &&
              changedFields(entry.fields).map(([field, before, after]) => (
                <Group key={field} gap={6} wrap="wrap" data-testid={`change-${field}`}>
                  <Text size="sm" fw={500}>
                    {fieldLabel(t, field)}:
                  </Text>
                  <Text size="sm" c="dimmed" td="line-through" style={{ wordBreak: 'break-word' }}>
                    {valueText(t, language, field, before)}
                  </Text>
                  <Text size="sm" aria-hidden>
                    →
                  </Text>
                  <Text size="sm" style={{ wordBreak: 'break-word' }}>
                    {valueText(t, language, field, after)}
                  </Text>
                </Group>
              ))}
            {entry.change === 'ABSENT' && (
              <Text size="sm">{t('persons.absentIn', { edition: edition(entry.fields, 'edition') })}</Text>
            )}
            {entry.change === 'RETURNED' && (
              <Text size="sm">
                {t('persons.returnedAfter', { edition: edition(entry.fields, 'absentSince') })}
              </Text>
            )}
          </Stack>
        </Timeline.Item>
      ))}
    </Timeline>
  );
}
