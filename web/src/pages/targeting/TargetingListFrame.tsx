import { Group, Stack, Table } from '@mantine/core';
import { type ReactNode, useState } from 'react';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PagedTableFooter } from '../../components/PagedTableFooter';
import { ScopeRegionFilter } from '../../components/ScopeRegionFilter';
import { TableStatusRows } from '../../components/StatusViews';
import { useI18n } from '../../i18n';

export const PAGE_SIZE = 50;

type T = ReturnType<typeof useI18n>['t'];

type Column =
  | 'colRegion'
  | 'colKk'
  | 'colHead'
  | 'colNik'
  | 'colName'
  | 'colAmount'
  | 'colDesil'
  | 'colLiving'
  | 'colComponents'
  | 'colReasons';

/** The columns of figures, aligned right. */
const FIGURES: ReadonlySet<Column> = new Set(['colAmount', 'colDesil', 'colLiving']);

/**
 * The region filter's choice, the code the API takes (none for the operator's own region), and the
 * page, which goes back to 1 when the region changes.
 */
export function useRegionPaging(ownRegion: string | null | undefined) {
  const [region, setRegion] = useState<string | null>(null);
  const [page, setPage] = useState(1);
  const regionCode = region && region !== ownRegion ? region.replace(/\./g, '') : undefined;
  const chooseRegion = (code: string | null) => {
    setRegion(code);
    setPage(1);
  };
  return { region, regionCode, chooseRegion, page, setPage };
}

/** The list's threshold line: the desil limit in force, or that the programme has none. */
export function thresholdText(t: T, desilMax: number | null): string {
  return desilMax === null ? t('targeting.noThreshold') : t('targeting.desilMax', { desil: desilMax });
}

/**
 * What the exclusion and inclusion lists share: the region filter (which goes back to page 1)
 * beside the list's own filters and actions, a summary line, the error, the paged table.
 */
export function TargetingListFrame<I>(props: {
  paging: ReturnType<typeof useRegionPaging>;
  /** Filters after the region filter. */
  filters: ReactNode;
  /** Right of the filters (download, enrol). */
  actions: ReactNode;
  summary: ReactNode;
  query: { error: unknown; isLoading: boolean; refetch: () => unknown };
  tableTestId: string;
  /** The six columns, as keys of targeting.col… */
  columns: Column[];
  items: readonly I[] | undefined;
  emptyText: string;
  row: (item: I) => ReactNode;
  total: number;
  children?: ReactNode;
}) {
  const { t } = useI18n();
  const { query, paging } = props;
  return (
    <Stack gap="sm">
      <Group justify="space-between" align="flex-end">
        <Group align="flex-end" gap="sm">
          <ScopeRegionFilter value={paging.region} onChange={paging.chooseRegion} />
          {props.filters}
        </Group>
        {props.actions}
      </Group>
      {props.summary}
      <ErrorAlert error={query.error} onRetry={() => void query.refetch()} />
      <Table.ScrollContainer minWidth={900} type="native">
        <Table striped verticalSpacing="xs" data-testid={props.tableTestId}>
          <Table.Thead>
            <Table.Tr>
              {props.columns.map((column) => (
                <Table.Th key={column} ta={FIGURES.has(column) ? 'right' : undefined}>
                  {t(`targeting.${column}`)}
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            <TableStatusRows
              colSpan={6}
              loading={query.isLoading}
              items={props.items}
              emptyText={props.emptyText}
            />
            {props.items?.map(props.row)}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <PagedTableFooter
        total={props.total}
        pageSize={PAGE_SIZE}
        page={paging.page}
        onPageChange={paging.setPage}
      />
      {props.children}
    </Stack>
  );
}
