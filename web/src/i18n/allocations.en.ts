import type { Dictionary } from './id';

// English: Allocation (alokasi) import and list, PKH amount check; the same keys as allocations.id.ts.
export const allocationsEn: Pick<Dictionary, 'allocations'> = {
  allocations: {
    title: '',
  },
};
