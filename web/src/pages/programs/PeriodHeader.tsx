import type { PeriodTabProps } from '../programs/PeriodPage';

// Placeholder while the module is being built; replaced by the module's page.
export function PeriodHeader(_props: PeriodTabProps) {
  return null;
}
