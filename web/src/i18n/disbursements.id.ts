// Bahasa Indonesia: Channel report (penyaluran) import. Spread into id.ts; disbursements.en.ts has the same keys.
export const disbursementsId = {
  disbursements: {
    title: '',
  },
};
