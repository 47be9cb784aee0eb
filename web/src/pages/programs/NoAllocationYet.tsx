import { Button, Paper, Stack, Text } from '@mantine/core';
import { useSearchParams } from 'react-router-dom';
import { ApiError } from '../../api/client';
import { can } from '../../auth/permissions';
import { useCurrentUser } from '../../auth/session';
import { useI18n } from '../../i18n';

/**
 * A period without any allocation import has no `program_period` row yet: the period routes
 * answer 404 NOT_FOUND ("Periode program tidak ditemukan."). That is the normal first state of
 * a new period (the first allocation import creates it), not a failure to report in red.
 */
export function isPeriodNotCreated(error: unknown): boolean {
  return error instanceof ApiError && error.status === 404;
}

/**
 * The calm empty state of a period tab that needs the allocation first (channel reports,
 * reconciliation): what is missing, and for the admin a way to the Alokasi tab where the
 * import is.
 */
export function NoAllocationYet({ text, testId }: { text: string; testId: string }) {
  const { t } = useI18n();
  const user = useCurrentUser();
  const [, setParams] = useSearchParams();
  return (
    <Paper withBorder p="md" data-testid={testId}>
      <Stack gap="xs" align="flex-start">
        <Text fw={600}>{t('programs.noAllocationTitle')}</Text>
        <Text size="sm" c="dimmed">
          {text}
        </Text>
        {can(user.role, 'distributionManage') && (
          <Button
            size="xs"
            variant="light"
            onClick={() => setParams({ tab: 'alokasi' }, { replace: true })}
            data-testid={`${testId}-to-allocations`}
          >
            {t('programs.toAllocationsTab')}
          </Button>
        )}
      </Stack>
    </Paper>
  );
}
