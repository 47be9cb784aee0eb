import { ActionIcon, Code, Stack, Table, Text } from '@mantine/core';
import { Fragment, useState } from 'react';
import type { Role, Schemas } from '../../api/client';
import { ROLES } from '../../auth/permissions';
import { TableStatusRows } from '../../components/StatusViews';
import { useI18n } from '../../i18n';
import { formatDateTime, formatRegionCode } from '../../lib/format';
import { AuditDiff } from './AuditDiff';

type Entry = Schemas['AuditEntry'];

const isRole = (value: string): value is Role => (ROLES as readonly string[]).includes(value);

function AuditRow({ entry }: { entry: Entry }) {
  const { t, language } = useI18n();
  const [open, setOpen] = useState(false);
  return (
    <Fragment>
      <Table.Tr
        onClick={() => setOpen((value) => !value)}
        style={{ cursor: 'pointer' }}
        data-testid="audit-row"
      >
        <Table.Td>
          <ActionIcon
            variant="subtle"
            size="sm"
            aria-label={t('audit.expand')}
            aria-expanded={open}
            onClick={(event) => {
              event.stopPropagation();
              setOpen((value) => !value);
            }}
          >
            {open ? '▾' : '▸'}
          </ActionIcon>
        </Table.Td>
        <Table.Td>
          <Text size="sm">{formatDateTime(entry.at, language)}</Text>
          <Text size="xs" c="dimmed">
            #{entry.id}
          </Text>
        </Table.Td>
        <Table.Td>
          <Text size="sm">{entry.actorUsername ?? t('audit.system')}</Text>
          {entry.actorRole && (
            <Text size="xs" c="dimmed">
              {isRole(entry.actorRole) ? t(`roles.${entry.actorRole}`) : entry.actorRole}
            </Text>
          )}
        </Table.Td>
        <Table.Td>
          <Code>{entry.action}</Code>
        </Table.Td>
        <Table.Td>
          <Text size="sm">{entry.entityType ? `${entry.entityType} #${entry.entityId ?? ''}` : '—'}</Text>
        </Table.Td>
        <Table.Td ff="monospace">
          <Text size="sm">{formatRegionCode(entry.regionCode)}</Text>
        </Table.Td>
      </Table.Tr>
      {open && (
        <Table.Tr>
          <Table.Td colSpan={6} bg="gray.0">
            <Stack gap="xs" py="xs">
              <AuditDiff before={entry.before} after={entry.after} />
              {entry.details != null && (
                <div>
                  <Text size="xs" fw={600}>
                    {t('audit.extra')}
                  </Text>
                  <Code block>{JSON.stringify(entry.details, null, 2)}</Code>
                </div>
              )}
              <Text size="xs" c="dimmed" style={{ wordBreak: 'break-all' }}>
                {entry.requestId ? `${t('common.requestId', { id: entry.requestId })} · ` : ''}
                {t('audit.hash')}: {entry.hash}
              </Text>
            </Stack>
          </Table.Td>
        </Table.Tr>
      )}
    </Fragment>
  );
}

export function AuditTable({ entries, loading }: { entries: Entry[] | undefined; loading: boolean }) {
  const { t } = useI18n();
  return (
    <Table.ScrollContainer minWidth={820} type="native">
      <Table verticalSpacing="xs" highlightOnHover data-testid="audit-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={40} />
            <Table.Th>{t('audit.time')}</Table.Th>
            <Table.Th>{t('audit.user')}</Table.Th>
            <Table.Th>{t('audit.action')}</Table.Th>
            <Table.Th>{t('audit.entity')}</Table.Th>
            <Table.Th>{t('audit.region')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          <TableStatusRows
            colSpan={6}
            loading={loading && !entries}
            items={entries}
            emptyText={t('audit.empty')}
          />
          {entries?.map((entry) => (
            <AuditRow key={entry.id} entry={entry} />
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
