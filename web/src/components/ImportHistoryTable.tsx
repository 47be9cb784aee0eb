import { Stack, Table, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { ErrorAlert } from './ErrorAlert';
import { RejectedFileLinks } from './ReasonCounts';
import { TableStatusRows } from './StatusViews';

/**
 * What the allocation-import and channel-report histories share: title, error, the striped table
 * with its loading and empty rows. The caller gives the header cells and the rows.
 */
export function ImportHistoryTable(props: {
  title: string;
  /** A line under the title (e.g. what the counts cover). */
  note?: string | undefined;
  query: { error: unknown; isLoading: boolean; refetch: () => unknown };
  minWidth: number;
  testId: string;
  /** The Table.Th cells of the header row. */
  headers: ReactNode;
  colSpan: number;
  items: readonly unknown[] | undefined;
  emptyText: string;
  rows: ReactNode;
}) {
  const { query } = props;
  return (
    <Stack gap="xs">
      <Title order={3} size="h4">
        {props.title}
      </Title>
      {props.note && (
        <Text size="sm" c="dimmed" data-testid={`${props.testId}-note`}>
          {props.note}
        </Text>
      )}
      <ErrorAlert error={query.error} onRetry={() => void query.refetch()} />
      <Table.ScrollContainer minWidth={props.minWidth} type="native">
        <Table striped verticalSpacing="xs" data-testid={props.testId}>
          <Table.Thead>
            <Table.Tr>{props.headers}</Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            <TableStatusRows
              colSpan={props.colSpan}
              loading={query.isLoading}
              items={props.items}
              emptyText={props.emptyText}
            />
            {props.rows}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}

/** The cell with the downloads of an import's rejected rows, or a dash when none was rejected. */
export function RejectedFileCell({
  rejected,
  url,
}: {
  rejected: number;
  url: (format: 'csv' | 'xlsx') => string;
}) {
  return <Table.Td>{rejected > 0 ? <RejectedFileLinks url={url} /> : '—'}</Table.Td>;
}
