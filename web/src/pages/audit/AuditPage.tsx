import { Button, Center, Stack, Text, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api, unwrap } from '../../api/client';
import { can } from '../../auth/permissions';
import { useCurrentUser } from '../../auth/session';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useI18n } from '../../i18n';
import { nextDay } from '../../lib/format';
import { type AuditFilter, AuditFilters, EMPTY_FILTER } from './AuditFilters';
import { AuditTable } from './AuditTable';
import { VerifyChainPanel } from './VerifyChainPanel';

const PAGE_SIZE = 50;

export function AuditPage() {
  const { t } = useI18n();
  const user = useCurrentUser();
  const [filter, setFilter] = useState<AuditFilter>(EMPTY_FILTER);
  const [applied] = useDebouncedValue(filter, 300);

  const entries = useInfiniteQuery({
    queryKey: ['audit', applied],
    initialPageParam: undefined as number | undefined,
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET('/api/audit', {
          params: {
            query: {
              action: applied.action.trim() || undefined,
              actorUserId: applied.actorUserId ? Number(applied.actorUserId) : undefined,
              from: applied.from || undefined,
              // The API's `to` is exclusive; people mean "up to and including this day".
              to: applied.to ? nextDay(applied.to) : undefined,
              beforeId: pageParam,
              limit: PAGE_SIZE,
            },
          },
        }),
      ),
    getNextPageParam: (last) => last.nextBeforeId ?? undefined,
  });
  const items = entries.data?.pages.flatMap((page) => page.items);

  return (
    <Stack>
      <Title order={2}>{t('audit.title')}</Title>
      {can(user.role, 'verifyAudit') ? (
        <VerifyChainPanel />
      ) : (
        <Text size="sm" c="dimmed">
          {t('audit.verifyAdminOnly')}
        </Text>
      )}
      <AuditFilters value={filter} onChange={setFilter} />
      <ErrorAlert error={entries.error} onRetry={() => void entries.refetch()} />
      <AuditTable entries={items} loading={entries.isLoading} />
      <Center>
        {entries.hasNextPage ? (
          <Button
            variant="light"
            onClick={() => void entries.fetchNextPage()}
            loading={entries.isFetchingNextPage}
          >
            {t('audit.loadMore')}
          </Button>
        ) : (
          items &&
          items.length > 0 && (
            <Text size="sm" c="dimmed">
              {t('audit.end')}
            </Text>
          )
        )}
      </Center>
    </Stack>
  );
}
