import type { Dictionary } from './id';

// English: Reconciliation, finalising, Berita Acara and the realisation dashboard; the same keys as reconciliation.id.ts.
export const reconciliationEn: Pick<Dictionary, 'reconciliation'> = {
  reconciliation: {
    title: '',
  },
};
