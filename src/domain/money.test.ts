import { describe, expect, it } from 'vitest';
import { parseRupiah } from './money';

describe('parseRupiah', () => {
  it.each([
    ['1500000', 1_500_000],
    ['1.500.000', 1_500_000],
    ['1,500,000', 1_500_000],
    ['Rp 1.500.000', 1_500_000],
    ['Rp1.500.000,00', 1_500_000],
    ['1,500,000.00', 1_500_000],
    ['Rp. 750.000,-', 750_000],
    ['Rp 150.000', 150_000],
    ['750.000', 750_000],
    ['1.500', 1_500],
    ['750.000,-', 750_000],
    ['150000,00', 150_000],
    [' 600000 ', 600_000],
    [600000, 600_000],
    ['0', 0],
  ])('reads %j as %d rupiah', (input, expected) => {
    expect(parseRupiah(input)).toEqual({ ok: true, value: expected });
  });

  it.each([
    ['1,500', 'AMOUNT_AMBIGUOUS'],
    ['750,000', 'AMOUNT_AMBIGUOUS'],
    ['Rp 1,500', 'AMOUNT_AMBIGUOUS'],
    ['-150000', 'AMOUNT_NEGATIVE'],
    ['Rp -150.000', 'AMOUNT_NEGATIVE'],
    [-5, 'AMOUNT_NEGATIVE'],
    ['150000.50', 'AMOUNT_FRACTION'],
    [1500.5, 'AMOUNT_FRACTION'],
    ['1.50.000', 'AMOUNT_FORMAT'],
    ['satu juta', 'AMOUNT_FORMAT'],
    ['', 'AMOUNT_FORMAT'],
    [null, 'AMOUNT_FORMAT'],
    ['1.500,000.00', 'AMOUNT_FORMAT'],
  ])('refuses %j with %s', (input, code) => {
    expect(parseRupiah(input)).toEqual({ ok: false, code });
  });
});
