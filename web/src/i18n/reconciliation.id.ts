// Bahasa Indonesia: Reconciliation, finalising, Berita Acara and the realisation dashboard. Spread into id.ts; reconciliation.en.ts has the same keys.
export const reconciliationId = {
  reconciliation: {
    title: '',
  },
};
