import type { Dictionary } from './id';

// English: Targeting errors (inclusion/exclusion) and local programme enrolment; the same keys as targeting.id.ts.
export const targetingEn: Pick<Dictionary, 'targeting'> = {
  targeting: {
    title: '',
  },
};
