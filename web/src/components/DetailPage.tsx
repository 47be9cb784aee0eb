import { Anchor, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { useI18n } from '../i18n';
import { ErrorAlert } from './ErrorAlert';
import { PageLoader } from './StatusViews';

/** "← Back" to the list a detail page belongs to. */
export function BackLink({ to }: { to: string }) {
  const { t } = useI18n();
  return (
    <Anchor component={Link} to={to} size="sm">
      ← {t('common.back')}
    </Anchor>
  );
}

/** Until a detail page has its record: the loader, then the back link over why there is none. */
export function RecordFallback({
  loading,
  error,
  back,
}: {
  loading: boolean;
  error: unknown;
  back: ReactNode;
}) {
  const { t } = useI18n();
  if (loading) return <PageLoader />;
  return (
    <Stack>
      {back}
      <ErrorAlert error={error ?? new Error(t('notFound.title'))} />
    </Stack>
  );
}

interface DetailFieldProps {
  label: string;
  children: ReactNode;
  /** Lets long words (names, addresses) wrap inside a narrow column. */
  breakWords?: boolean;
}

/** One labelled value in the summary grid of a detail page. */
export function DetailField({ label, children, breakWords }: DetailFieldProps) {
  return (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" fw={500} component="div" style={breakWords ? { wordBreak: 'break-word' } : undefined}>
        {children}
      </Text>
    </div>
  );
}
