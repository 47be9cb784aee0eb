import { describe, expect, it } from 'vitest';
import {
  ageOn,
  computePkhBenefit,
  type PkhMember,
  type PkhRules,
  pkhRulesFrom,
  qualifyingComponents,
} from './pkh-benefit';

// Rules of 2020 onward (DOMAIN.md "PKH components"), as rulesAt returns them.
const RULES: PkhRules = pkhRulesFrom({
  'pkh.max_members': 4,
  'pkh.sanction_percent': 10,
  'pkh.index.ibu_hamil': 3_000_000,
  'pkh.index.anak_usia_dini': 3_000_000,
  'pkh.index.anak_sd': 900_000,
  'pkh.index.anak_smp': 1_500_000,
  'pkh.index.anak_sma': 2_000_000,
  'pkh.index.disabilitas_berat': 2_400_000,
  'pkh.index.lanjut_usia': 2_400_000,
  'pkh.limit.ibu_hamil': 2,
  'pkh.limit.anak_usia_dini': 2,
  'pkh.limit.disabilitas_berat': 1,
  'pkh.limit.lanjut_usia': 1,
});
const T2 = { start: '2026-04-01', end: '2026-06-30', months: 3 };

let id = 0;
function member(overrides: Partial<PkhMember>): PkhMember {
  return {
    personId: ++id,
    name: `Anggota ${id}`,
    birthDate: '1985-01-01',
    status: 'HIDUP',
    schooling: null,
    pregnancyDueDate: null,
    severeDisability: false,
    ...overrides,
  };
}
const toddler = () => member({ birthDate: '2023-02-01' });
const pupil = (schooling: string, birthDate = '2015-01-01') => member({ schooling, birthDate });
const calc = (members: PkhMember[], sanctioned = false) =>
  computePkhBenefit(members, T2, RULES, { sanctioned });

describe('PKH entitlement', () => {
  it('pays a quarter of the yearly index per tahap for each eligible member', () => {
    const result = calc([member({}), toddler(), pupil('SD'), pupil('SMP', '2012-01-01')]);
    expect(result.subtotal).toBe(750_000 + 225_000 + 375_000);
    expect(result.expected).toBe(1_350_000);
    expect(result.members.map((m) => m.component)).toEqual(['anak_usia_dini', 'anak_smp', 'anak_sd']);
  });

  it('counts at most 4 members, choosing the highest indexes', () => {
    const members = [
      pupil('SD'),
      pupil('SD', '2016-01-01'),
      pupil('SMP', '2012-01-01'),
      pupil('SMA', '2009-01-01'),
      toddler(),
      member({ birthDate: '1950-01-01' }),
    ];
    const result = calc(members);
    const counted = result.members.filter((m) => m.counted).map((m) => m.component);
    expect(counted).toEqual(['anak_usia_dini', 'lanjut_usia', 'anak_sma', 'anak_smp']);
    expect(result.members.filter((m) => !m.counted).map((m) => m.outcome)).toEqual([
      'OVER_MAX_MEMBERS',
      'OVER_MAX_MEMBERS',
    ]);
    expect(result.subtotal).toBe(750_000 + 600_000 + 500_000 + 375_000);
  });

  it('applies the per-component family limits before the 4-member cap', () => {
    const result = calc([
      toddler(),
      toddler(),
      toddler(),
      member({ birthDate: '1950-01-01' }),
      member({ birthDate: '1952-01-01' }),
    ]);
    const byOutcome = result.members.map((m) => `${m.component}:${m.outcome}`);
    expect(byOutcome).toEqual([
      'anak_usia_dini:COUNTED',
      'anak_usia_dini:COUNTED',
      'lanjut_usia:COUNTED',
      'anak_usia_dini:OVER_COMPONENT_LIMIT',
      'lanjut_usia:OVER_COMPONENT_LIMIT',
    ]);
    expect(result.subtotal).toBe(750_000 * 2 + 600_000);
  });

  it('cuts 10 % (rounded down) for a recorded non-compliance', () => {
    const result = calc([pupil('SD'), pupil('SD', '2016-03-01'), pupil('SD', '2017-05-01')], true);
    expect(result.subtotal).toBe(675_000);
    expect(result.sanction).toBe(67_500);
    expect(result.expected).toBe(607_500);
    expect(calc([pupil('SD')], true).sanction).toBe(22_500);
  });

  it('gives each member only its highest-index component, even when its limit is then reached', () => {
    const disabledElder = member({ birthDate: '1950-01-01', severeDisability: true });
    expect(qualifyingComponents(disabledElder, T2)).toEqual(['disabilitas_berat', 'lanjut_usia']);
    const result = calc([
      disabledElder,
      member({ birthDate: '2014-01-01', schooling: 'SD', severeDisability: true }),
    ]);
    expect(result.members.map((m) => `${m.component}:${m.outcome}`)).toEqual([
      'disabilitas_berat:COUNTED',
      'disabilitas_berat:OVER_COMPONENT_LIMIT',
    ]);
  });

  it('counts a pregnancy from 280 days before the due date to 42 days after it', () => {
    expect(qualifyingComponents(member({ pregnancyDueDate: '2026-12-31' }), T2)).toContain('ibu_hamil');
    expect(qualifyingComponents(member({ pregnancyDueDate: '2027-04-08' }), T2)).not.toContain('ibu_hamil');
    expect(qualifyingComponents(member({ pregnancyDueDate: '2026-02-18' }), T2)).toContain('ibu_hamil');
    expect(qualifyingComponents(member({ pregnancyDueDate: '2026-02-17' }), T2)).not.toContain('ibu_hamil');
  });

  it('ignores members who are not alive, and families without eligible members expect 0', () => {
    expect(calc([member({ birthDate: '1940-01-01', status: 'MENINGGAL' })]).expected).toBe(0);
    expect(calc([member({})]).members).toEqual([]);
  });

  it('does not count a child born after the period starts', () => {
    expect(calc([member({ birthDate: '2026-05-10' })]).members).toEqual([]);
    expect(calc([member({ birthDate: '2026-04-01' })]).expected).toBe(750_000);
  });

  it('takes ages on the first day of the period (SMA up to 21, early childhood up to 6)', () => {
    expect(ageOn('2019-04-02', '2026-04-01')).toBe(6);
    expect(ageOn('2019-04-01', '2026-04-01')).toBe(7);
    expect(qualifyingComponents(member({ birthDate: '2019-04-02', schooling: 'PAUD_TK' }), T2)).toEqual([
      'anak_usia_dini',
    ]);
    expect(qualifyingComponents(member({ birthDate: '2004-01-01', schooling: 'SMA' }), T2)).toEqual([]);
  });
});
