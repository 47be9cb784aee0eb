// Bahasa Indonesia: Programmes list, programme periods and benefit rules (docs/program.md). Spread into id.ts; programs.en.ts has the same keys.
export const programsId = {
  programs: {
    title: '',
    tabAllocations: 'Alokasi',
    tabDisbursements: 'Laporan penyaluran',
    tabReconciliation: 'Rekonsiliasi',
    tabTargeting: 'Ketepatan sasaran',
  },
};
