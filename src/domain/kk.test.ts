import { describe, expect, it } from 'vitest';
import { KK_MESSAGES, maskKk, parseKk } from './kk';

const KNOWN_KECAMATAN = new Set(['137101']);
const kecamatanExists = (code: string) => KNOWN_KECAMATAN.has(code);

describe('parseKk', () => {
  it('accepts 16 digits and returns the canonical text and issuing kecamatan', () => {
    expect(parseKk('1371010101200003', { kecamatanExists })).toEqual({
      kk: '1371010101200003',
      valid: true,
      errors: [],
      kecamatanCode: '137101',
    });
  });

  it('trims surrounding spaces', () => {
    expect(parseKk('  1371010101200003\t')).toMatchObject({ kk: '1371010101200003', valid: true });
  });

  it.each([
    ['empty text', ''],
    ['15 digits', '137101010120000'],
    ['17 digits', '13710101012000031'],
    ['letters', '13710101012OOOO3'],
    ['null', null],
    ['undefined', undefined],
  ])('KK_FORMAT: rejects %s', (_label, input) => {
    expect(parseKk(input)).toMatchObject({ kk: null, valid: false, errors: ['KK_FORMAT'] });
  });

  it.each([
    ['a JS number', 1371010101200003],
    ['scientific notation with a dot', '1.37101E+15'],
    ['scientific notation with a comma', '1,37101E+15'],
    ['a number printed with decimals', '1371010101200000.0'],
    ['a number printed with thousands separators', '1.371.010.101.200.000'],
  ])('KK_NUMERIC_CELL: rejects %s', (_label, input) => {
    expect(parseKk(input)).toMatchObject({ kk: null, valid: false, errors: ['KK_NUMERIC_CELL'] });
  });

  it('KK_REGION_UNKNOWN: rejects a first 6 digits that are not a known kecamatan', () => {
    expect(parseKk('9999990101200003', { kecamatanExists })).toMatchObject({
      kk: '9999990101200003',
      valid: false,
      errors: ['KK_REGION_UNKNOWN'],
      kecamatanCode: '999999',
    });
  });

  it('does not check the region when no region list is given', () => {
    expect(parseKk('9999990101200003').valid).toBe(true);
  });
});

describe('KK_MESSAGES', () => {
  it('has a Bahasa Indonesia message for every code; the numeric one says the last digit is lost', () => {
    expect(Object.keys(KK_MESSAGES).sort()).toEqual(['KK_FORMAT', 'KK_NUMERIC_CELL', 'KK_REGION_UNKNOWN']);
    expect(KK_MESSAGES.KK_FORMAT).toBe('Nomor KK harus tepat 16 angka.');
    expect(KK_MESSAGES.KK_NUMERIC_CELL).toMatch(/spreadsheet.*menjadi angka.*angka terakhirnya hilang/s);
  });
});

describe('maskKk', () => {
  it('shows the first 4 and last 4 digits with 8 asterisks between', () => {
    expect(maskKk('1371010101200003')).toBe('1371********0003');
  });
});
