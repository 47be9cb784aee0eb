import { useQuery } from '@tanstack/react-query';
import { ApiError, api, unwrap } from '../../api/client';

/**
 * One programme period (status, figures in the reader's region), shared by the period header
 * and the tabs that depend on its status. Under ['programs', program]: whatever refreshes the
 * programme (an import, finalising, reopening) refreshes the period too.
 */
export function usePeriod(program: string, period: string) {
  return useQuery({
    queryKey: ['programs', program, 'period', period],
    queryFn: () =>
      unwrap(api.GET('/api/programs/{program}/periods/{period}', { params: { path: { program, period } } })),
    // 404 is a normal state (no allocation imported yet): not retried.
    retry: (count, error) => !(error instanceof ApiError && error.status < 500) && count < 2,
  });
}
