import { Anchor, Group, Table, Text } from '@mantine/core';
import { useI18n } from '../i18n';
import { formatNumber } from '../lib/format';

/**
 * Reason codes with their counts, most frequent first, each in words with its code below: the
 * rejected and flagged rows of every file import (registry, allocations, channel reports).
 */
export function ReasonCounts({
  counts,
  label,
  testIdPrefix,
}: {
  counts: Record<string, number>;
  label: (code: string) => string;
  /** Each row is `data-testid="<prefix>reason-<CODE>"`. */
  testIdPrefix: string;
}) {
  const { language } = useI18n();
  const rows = Object.entries(counts).sort((a, b) => b[1] - a[1]);
  return (
    <Table verticalSpacing={4} layout="fixed">
      <Table.Tbody>
        {rows.map(([code, n]) => (
          <Table.Tr key={code} data-testid={`${testIdPrefix}reason-${code}`}>
            <Table.Td w={80} ta="right" fw={600} style={{ verticalAlign: 'top' }}>
              {formatNumber(n, language)}
            </Table.Td>
            <Table.Td>
              <Text size="sm">{label(code)}</Text>
              <Text size="xs" c="dimmed" ff="monospace">
                {code}
              </Text>
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/** The CSV and XLSX downloads of an import's rejected rows, optionally after a label. */
export function RejectedFileLinks({
  url,
  label,
  testId,
}: {
  url: (format: 'csv' | 'xlsx') => string;
  label?: string;
  /** `x` → data-testid x-csv and x-xlsx. */
  testId?: string;
}) {
  return (
    <Group gap="xs" wrap="nowrap">
      {label && <Text size="sm">{label}</Text>}
      {(['csv', 'xlsx'] as const).map((format) => (
        <Anchor
          key={format}
          href={url(format)}
          download
          size="sm"
          data-testid={testId && `${testId}-${format}`}
        >
          {format.toUpperCase()}
        </Anchor>
      ))}
    </Group>
  );
}
