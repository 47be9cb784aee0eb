import type { Dictionary } from './id';

// English: Programmes list, programme periods and benefit rules (docs/program.md); the same keys as programs.id.ts.
export const programsEn: Pick<Dictionary, 'programs'> = {
  programs: {
    title: '',
    tabAllocations: 'Allocations',
    tabDisbursements: 'Channel reports',
    tabReconciliation: 'Reconciliation',
    tabTargeting: 'Targeting',
  },
};
