import { Alert } from '@mantine/core';
import type { ReactNode } from 'react';
import { useI18n } from '../../i18n';
import { usePeriod } from './usePeriod';

/**
 * An import panel of a period, or — when the period is final — why there is none: the server
 * refuses imports into a final period (PERIOD_FINAL), so offering the form would only lead
 * the admin to an error after choosing a file.
 */
export function ImportGate({
  program,
  period,
  children,
}: {
  program: string;
  period: string;
  children: ReactNode;
}) {
  const { t } = useI18n();
  const state = usePeriod(program, period);
  if (state.data?.period.status === 'FINAL') {
    return (
      <Alert
        color="gray"
        variant="light"
        title={t('programs.importsClosedTitle')}
        data-testid="imports-closed"
      >
        {t('programs.importsClosedText')}
      </Alert>
    );
  }
  return <>{children}</>;
}
