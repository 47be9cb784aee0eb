import type { Dictionary } from './id';

// English: Channel report (penyaluran) import; the same keys as disbursements.id.ts.
export const disbursementsEn: Pick<Dictionary, 'disbursements'> = {
  disbursements: {
    title: '',
  },
};
