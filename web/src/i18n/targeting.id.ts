// Bahasa Indonesia: Targeting errors (inclusion/exclusion) and local programme enrolment. Spread into id.ts; targeting.en.ts has the same keys.
export const targetingId = {
  targeting: {
    title: '',
  },
};
