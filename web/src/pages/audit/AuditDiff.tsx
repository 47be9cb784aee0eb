import { Table, Text } from '@mantine/core';
import { useI18n } from '../../i18n';

const VALUE = '(nilai)';

function flatten(value: unknown, prefix: string, out: Map<string, unknown>): void {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const entries = Object.entries(value);
    if (entries.length === 0 && prefix) out.set(prefix, {});
    for (const [key, inner] of entries) flatten(inner, prefix ? `${prefix}.${key}` : key, out);
  } else if (value !== undefined && value !== null) {
    out.set(prefix || VALUE, value);
  }
}

function show(value: unknown): string {
  if (value === undefined || value === null) return '—';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** Before → after of an audit entry, one row per field; changed fields stand out. */
export function AuditDiff({ before, after }: { before: unknown; after: unknown }) {
  const { t } = useI18n();
  const left = new Map<string, unknown>();
  const right = new Map<string, unknown>();
  flatten(before, '', left);
  flatten(after, '', right);
  const fields = [...new Set([...left.keys(), ...right.keys()])].sort();
  if (fields.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {t('audit.noChanges')}
      </Text>
    );
  }
  return (
    <Table withTableBorder withColumnBorders fz="sm" data-testid="audit-diff">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('audit.field')}</Table.Th>
          <Table.Th>{t('audit.before')}</Table.Th>
          <Table.Th>{t('audit.after')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {fields.map((field) => {
          const from = show(left.get(field));
          const to = show(right.get(field));
          const changed = from !== to;
          return (
            <Table.Tr key={field} bg={changed ? 'yellow.0' : undefined} data-changed={changed || undefined}>
              <Table.Td ff="monospace">{field}</Table.Td>
              <Table.Td c={changed ? 'red.8' : 'dimmed'} style={{ wordBreak: 'break-word' }}>
                {from}
              </Table.Td>
              <Table.Td
                c={changed ? 'green.9' : 'dimmed'}
                fw={changed ? 600 : undefined}
                style={{ wordBreak: 'break-word' }}
              >
                {to}
              </Table.Td>
            </Table.Tr>
          );
        })}
      </Table.Tbody>
    </Table>
  );
}
