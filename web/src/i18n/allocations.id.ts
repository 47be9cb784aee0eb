// Bahasa Indonesia: Allocation (alokasi) import and list, PKH amount check. Spread into id.ts; allocations.en.ts has the same keys.
export const allocationsId = {
  allocations: {
    title: '',
  },
};
