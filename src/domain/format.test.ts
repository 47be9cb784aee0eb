import { describe, expect, it } from 'vitest';
import { formatDateId, formatRupiah } from './format';

describe('formatDateId', () => {
  it.each([
    ['2026-11-25', '25 November 2026'],
    ['1990-07-01', '1 Juli 1990'],
    ['2000-02-29', '29 Februari 2000'],
    ['2024-01-09', '9 Januari 2024'],
    ['2024-03-31', '31 Maret 2024'],
    ['2024-05-01', '1 Mei 2024'],
    ['2024-08-17', '17 Agustus 2024'],
    ['2024-10-02', '2 Oktober 2024'],
    ['2024-12-31', '31 Desember 2024'],
  ])('%s is shown as %s (Indonesian month names, day without leading zero)', (iso, shown) => {
    expect(formatDateId(iso)).toBe(shown);
  });

  it.each(['2026-13-01', '2026-00-10', '25-11-2026', '2026-11-25T00:00:00Z', ''])('refuses %s', (input) => {
    expect(() => formatDateId(input)).toThrow(RangeError);
  });
});

describe('formatRupiah', () => {
  it.each([
    [17_051_232_974, 'Rp17.051.232.974'],
    [200_000, 'Rp200.000'],
    [1_000, 'Rp1.000'],
    [999, 'Rp999'],
    [0, 'Rp0'],
    [-5_000, '-Rp5.000'],
  ])('%d rupiah is shown as %s (dot thousands separator)', (amount, shown) => {
    expect(formatRupiah(amount)).toBe(shown);
  });

  it('refuses a fraction: money is integer rupiah', () => {
    expect(() => formatRupiah(1000.5)).toThrow(RangeError);
    expect(() => formatRupiah(Number.NaN)).toThrow(RangeError);
  });
});
