import { describe, expect, it } from 'vitest';
import type { PresentedPeriodState } from '../../modules/reconciliation/presenter';
import { lastDay } from './program';
import { officeMoment, printHuman } from './rekonsiliasi';

const state: PresentedPeriodState = {
  program: 'PKH',
  period: '2026-T2',
  status: 'FINAL',
  finalisedAt: '2026-12-06T08:16:47.330Z',
  finalisedBy: 'Admin',
  reconciledAt: '2026-12-05T23:30:00.000Z',
  lastImportAt: null,
  stale: false,
};

describe('CLI human output shows moments as the office reads them (DOMAIN.md "Dates")', () => {
  it('a UTC timestamp becomes a date and a time in the office zone', () => {
    expect(officeMoment('2026-12-06T08:16:47.330Z', 'Asia/Jakarta')).toBe('6 Desember 2026 pukul 15.16 WIB');
    expect(officeMoment('2026-12-06T08:16:47.330Z', 'Asia/Makassar')).toBe(
      '6 Desember 2026 pukul 16.16 WITA',
    );
    // Late evening UTC is already the next day in Jayapura.
    expect(officeMoment('2026-12-05T23:30:00.000Z', 'Asia/Jayapura')).toBe('6 Desember 2026 pukul 08.30 WIT');
    expect(officeMoment(null, 'Asia/Jakarta')).toBe('-');
  });

  it('rekonsiliasi prints FINAL sejak and Dihitung without ISO text', () => {
    const lines: string[] = [];
    printHuman(state, null, 'Asia/Jakarta', (line) => lines.push(line));
    expect(lines[0]).toBe('Rekonsiliasi PKH periode 2026-T2 — FINAL sejak 6 Desember 2026 pukul 15.16 WIB');
    expect(lines.join('\n')).not.toMatch(/\d{4}-\d{2}-\d{2}T/);
  });

  it('program aturan shows the last day a rule applied as a date in words', () => {
    expect(lastDay('2027-01-01')).toBe('31 Desember 2026');
    expect(lastDay(null)).toBe('…');
  });
});
