import { Center, Loader, Stack, Text, Title } from '@mantine/core';
import { useI18n } from '../i18n';

export function PageLoader() {
  const { t } = useI18n();
  return (
    <Center py="xl" aria-busy="true">
      <Loader size="md" aria-label={t('common.loading')} />
    </Center>
  );
}

export function NoAccess() {
  const { t } = useI18n();
  return (
    <Stack align="center" py="xl" gap="xs" data-testid="no-access">
      <Title order={2}>{t('noAccess.title')}</Title>
      <Text c="dimmed" ta="center" maw={480}>
        {t('noAccess.text')}
      </Text>
    </Stack>
  );
}

export function NotFound() {
  const { t } = useI18n();
  return (
    <Stack align="center" py="xl" gap="xs">
      <Title order={2}>{t('notFound.title')}</Title>
      <Text c="dimmed">{t('notFound.text')}</Text>
    </Stack>
  );
}

/** A table row spanning all columns for "loading", "nothing yet" or "nothing matches". */
export function EmptyRow({ colSpan, text }: { colSpan: number; text: string }) {
  return (
    <tr>
      <td colSpan={colSpan}>
        <Text c="dimmed" ta="center" py="lg" size="sm">
          {text}
        </Text>
      </td>
    </tr>
  );
}

interface TableStatusRowsProps {
  colSpan: number;
  loading: boolean;
  /** The rows to show; `undefined` while none came yet. */
  items: readonly unknown[] | undefined;
  emptyText: string;
}

/** A table's "loading" row while it loads, and its "nothing here" row when no rows came. */
export function TableStatusRows({ colSpan, loading, items, emptyText }: TableStatusRowsProps) {
  const { t } = useI18n();
  return (
    <>
      {loading && <EmptyRow colSpan={colSpan} text={t('common.loading')} />}
      {!loading && items?.length === 0 && <EmptyRow colSpan={colSpan} text={emptyText} />}
    </>
  );
}
