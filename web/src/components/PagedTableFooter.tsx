import { Group, Pagination, Text } from '@mantine/core';
import { useI18n } from '../i18n';
import { formatNumber } from '../lib/format';

interface PagedTableFooterProps {
  total: number;
  pageSize: number;
  page: number;
  onPageChange: (page: number) => void;
}

/** Under a paged table: the total count, and the page switcher when there is more than one page. */
export function PagedTableFooter({ total, pageSize, page, onPageChange }: PagedTableFooterProps) {
  const { t, language } = useI18n();
  return (
    <Group justify="space-between">
      <Text size="sm" c="dimmed">
        {t('common.total', { total: formatNumber(total, language) })}
      </Text>
      <Pagination
        total={Math.max(1, Math.ceil(total / pageSize))}
        value={page}
        onChange={onPageChange}
        size="sm"
        hideWithOnePage
      />
    </Group>
  );
}
