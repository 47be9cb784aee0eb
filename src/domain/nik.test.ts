import { describe, expect, it } from 'vitest';
import { encodeNik, maskNik, NIK_MESSAGES, type ParseNikOptions, parseNik } from './nik';

// Kota Padang, kecamatan Padang Selatan (13.71.01) and Padang Timur (13.71.02).
const KNOWN_KECAMATAN = new Set(['137101', '137102']);
const TODAY = new Date(2026, 10, 25); // 25 November 2026, local calendar date
const base: ParseNikOptions = { kecamatanExists: (code) => KNOWN_KECAMATAN.has(code), today: TODAY };
const parse = (input: unknown, extra: Partial<ParseNikOptions> = {}) =>
  parseNik(input, { ...base, ...extra });

describe('parseNik — a valid NIK is decoded', () => {
  it('decodes kecamatan, birth date, sex and serial of a woman born 1 July 1990 in Padang Selatan', () => {
    expect(parse('1371014107900001')).toEqual({
      nik: '1371014107900001',
      valid: true,
      errors: [],
      warnings: [],
      birthDate: '1990-07-01',
      sex: 'P',
      kecamatanCode: '137101',
      serial: '0001',
    });
  });

  it('a day of 01–31 means a man', () => {
    const result = parse('1371010107900002');
    expect(result).toMatchObject({ valid: true, sex: 'L', birthDate: '1990-07-01', serial: '0002' });
  });

  it.each([
    ['41', '1990-01-01'],
    ['55', '1990-01-15'],
    ['71', '1990-01-31'],
  ])('a woman’s day is written +40: day %s is %s', (day, birthDate) => {
    const result = parse(`137101${day}01900001`);
    expect(result).toMatchObject({ valid: true, sex: 'P', birthDate });
  });

  it('surrounding spaces, tabs and newlines are trimmed and the canonical 16 digits returned', () => {
    for (const input of ['  1371014107900001  ', '\t1371014107900001\n', '\u00a01371014107900001']) {
      expect(parse(input)).toMatchObject({ nik: '1371014107900001', valid: true });
    }
  });
});

describe('parseNik — NIK_FORMAT: not exactly 16 digits', () => {
  it.each([
    ['empty text', ''],
    ['only spaces', '   '],
    ['15 digits', '137101410790001'],
    ['17 digits', '13710141079000011'],
    ['a letter O instead of zero', '13710141079OO001'],
    ['letters', 'NIK-1371014107900001'],
    ['spaces inside the number', '1371 0141 0790 0001'],
    ['dots inside the number', '137101.410790.0001'],
  ])('rejects %s', (_label, input) => {
    expect(parse(input)).toMatchObject({ nik: null, valid: false, errors: ['NIK_FORMAT'] });
  });

  it.each([
    ['null', null],
    ['undefined', undefined],
    ['a bigint', 1371014107900001n],
    ['an object', { nik: '1371014107900001' }],
    ['a boolean', true],
  ])('rejects %s (not text)', (_label, input) => {
    expect(parse(input)).toMatchObject({ nik: null, valid: false, errors: ['NIK_FORMAT'] });
  });

  it('decodes nothing from a malformed NIK', () => {
    expect(parse('abc')).toMatchObject({ birthDate: null, sex: null, kecamatanCode: null, serial: null });
  });
});

describe('parseNik — NIK_NUMERIC_CELL: a spreadsheet turned the NIK into a number', () => {
  it('rejects a JS number even when all 16 digits look intact', () => {
    expect(parse(1371015005900001)).toMatchObject({ nik: null, valid: false, errors: ['NIK_NUMERIC_CELL'] });
  });

  it('rejects a JS number whose last digit was already lost', () => {
    expect(parse(1371015005900000)).toMatchObject({ valid: false, errors: ['NIK_NUMERIC_CELL'] });
  });

  it.each([
    ['scientific notation with a dot', '1.37101E+15'],
    ['scientific notation with a comma (Indonesian locale)', '1,37101E+15'],
    ['scientific notation, lower case, no sign', '1.371015005900e15'],
    ['scientific notation with spaces around', ' 1,37102E+15 '],
    ['a number printed with decimals', '1371015005900000.0'],
    ['a number printed with comma decimals', '1371015005900000,00'],
    ['a number printed with dot thousands separators', '1.371.015.005.900.000'],
    ['a number printed with comma thousands separators', '1,371,015,005,900,000'],
  ])('rejects %s', (_label, input) => {
    expect(parse(input)).toMatchObject({ nik: null, valid: false, errors: ['NIK_NUMERIC_CELL'] });
  });

  it('a short decimal number is a format error, not a numeric NIK', () => {
    expect(parse('12.5').errors).toEqual(['NIK_FORMAT']);
  });

  it('the message says a spreadsheet turned the NIK into a number and its last digit is lost', () => {
    expect(NIK_MESSAGES.NIK_NUMERIC_CELL).toMatch(/spreadsheet/i);
    expect(NIK_MESSAGES.NIK_NUMERIC_CELL).toMatch(/menjadi angka/);
    expect(NIK_MESSAGES.NIK_NUMERIC_CELL).toMatch(/angka terakhirnya hilang/);
  });
});

describe('parseNik — NIK_DATE: digits 7–12 must be an existing DDMMYY date', () => {
  it.each([
    ['month 00', '1371010100900001'],
    ['month 13', '1371010113900001'],
    ['day 00', '1371010007900001'],
    ['day 32', '1371013201900001'],
    ['day 40', '1371014001900001'],
    ['day 72', '1371017201900001'],
    ['day 99', '1371019901900001'],
    ['31 February', '1371013102900001'],
    ['30 February', '1371013002900001'],
    ['30 February of a woman (day 70)', '1371017002900001'],
    ['31 April', '1371013104900001'],
    ['31 June of a woman (day 71)', '1371017106900001'],
    ['29 February 1990 (not a leap year)', '1371012902900001'],
    ['29 February 2023 (not a leap year)', '1371012902230001'],
  ])('rejects %s', (_label, input) => {
    expect(parse(input)).toMatchObject({ valid: false, errors: ['NIK_DATE'], birthDate: null });
  });

  it('keeps the canonical NIK, kecamatan and serial when only the date is wrong', () => {
    expect(parse('1371013102900001')).toMatchObject({
      nik: '1371013102900001',
      kecamatanCode: '137101',
      serial: '0001',
    });
  });

  it('still tells the sex when the day range is right but the date does not exist', () => {
    expect(parse('1371017002900001').sex).toBe('P');
    expect(parse('1371013102900001').sex).toBe('L');
  });

  it('tells no sex when the day is outside both ranges', () => {
    expect(parse('1371013601900001').sex).toBeNull();
  });
});

describe('parseNik — leap years', () => {
  it('accepts 29 February of a leap year (1988) for a man and a woman', () => {
    expect(parse('1371012902880001')).toMatchObject({ valid: true, birthDate: '1988-02-29', sex: 'L' });
    expect(parse('1371016902880001')).toMatchObject({ valid: true, birthDate: '1988-02-29', sex: 'P' });
  });

  it('accepts 29 February 2000 (divisible by 400) as YY=00 is read as 2000', () => {
    expect(parse('1371012902000001')).toMatchObject({ valid: true, birthDate: '2000-02-29' });
  });

  it('accepts 29 February 2024', () => {
    expect(parse('1371016902240001')).toMatchObject({ valid: true, birthDate: '2024-02-29' });
  });

  it('checks the leap year in the century chosen: 29 Feb 1900 does not exist', () => {
    // Before 29 Feb 2000, YY=00 can only be 1900, which is not a leap year.
    const result = parse('1371012902000001', { today: new Date(2000, 0, 1) });
    expect(result).toMatchObject({ valid: false, errors: ['NIK_DATE'] });
  });
});

describe('parseNik — century: the one that does not put the birth date in the future', () => {
  it('YY=05 on 25 Nov 2026 is 2005', () => {
    expect(parse('1371010101050001').birthDate).toBe('2005-01-01');
  });

  it('YY=30 on 25 Nov 2026 is 1930', () => {
    expect(parse('1371010101300001').birthDate).toBe('1930-01-01');
  });

  it('a birth date of today is 2026, not 1926', () => {
    expect(parse('1371012511260001').birthDate).toBe('2026-11-25');
  });

  it('tomorrow’s date with YY=26 is 1926, because 2026-11-26 is in the future', () => {
    expect(parse('1371012611260001').birthDate).toBe('1926-11-26');
  });

  it('a woman born today is 2026 (day + 40 does not disturb the century choice)', () => {
    expect(parse('1371016511260001')).toMatchObject({ birthDate: '2026-11-25', sex: 'P' });
  });

  it('uses the local calendar date of `today`', () => {
    expect(parse('1371010101270001', { today: new Date(2027, 0, 1, 0, 5) }).birthDate).toBe('2027-01-01');
    expect(parse('1371010101270001', { today: new Date(2026, 11, 31, 23, 55) }).birthDate).toBe('1927-01-01');
  });

  it('takes the older century when the recorded birth date says so (a person over 100)', () => {
    const result = parse('1371011005230001', { recordedBirthDate: '1923-05-10' });
    expect(result).toMatchObject({ birthDate: '1923-05-10', warnings: [] });
  });

  it('ignores a recorded birth date in the future when choosing the century', () => {
    const result = parse('1371011005230001', { recordedBirthDate: '2123-05-10' });
    expect(result).toMatchObject({ birthDate: '2023-05-10', warnings: ['NIK_BIRTHDATE_MISMATCH'] });
  });

  it('defaults `today` to now: YY=00 is read as 2000', () => {
    expect(parseNik('1371010101000001', { kecamatanExists: () => true }).birthDate).toBe('2000-01-01');
  });
});

describe('parseNik — NIK_SERIAL and NIK_REGION_UNKNOWN', () => {
  it('rejects serial 0000', () => {
    expect(parse('1371014107900000')).toMatchObject({ valid: false, errors: ['NIK_SERIAL'], serial: '0000' });
  });

  it('accepts serial 9999', () => {
    expect(parse('1371014107909999').valid).toBe(true);
  });

  it('rejects a kecamatan code that is not in the region list', () => {
    expect(parse('9999994107900001')).toMatchObject({
      valid: false,
      errors: ['NIK_REGION_UNKNOWN'],
      kecamatanCode: '999999',
      birthDate: '1990-07-01',
    });
  });

  it('asks the region list about exactly the first 6 digits', () => {
    const asked: string[] = [];
    parseNik('1371024107900001', { ...base, kecamatanExists: (code) => asked.push(code) > 0 });
    expect(asked).toEqual(['137102']);
  });

  it('reports every error that applies, not just the first', () => {
    expect(parse('9999993102900000').errors).toEqual(['NIK_DATE', 'NIK_SERIAL', 'NIK_REGION_UNKNOWN']);
  });
});

describe('parseNik — warnings: recorded birth date or sex disagree, the record is kept', () => {
  it('no warnings when the recorded data agree', () => {
    const result = parse('1371014107900001', { recordedBirthDate: '1990-07-01', recordedSex: 'P' });
    expect(result).toMatchObject({ valid: true, warnings: [] });
  });

  it('NIK_BIRTHDATE_MISMATCH when the recorded birth date differs; still valid', () => {
    const result = parse('1371014107900001', { recordedBirthDate: '1990-07-02' });
    expect(result).toMatchObject({ valid: true, errors: [], warnings: ['NIK_BIRTHDATE_MISMATCH'] });
  });

  it('NIK_SEX_MISMATCH when the recorded sex differs; still valid', () => {
    const result = parse('1371014107900001', { recordedSex: 'L' });
    expect(result).toMatchObject({ valid: true, warnings: ['NIK_SEX_MISMATCH'] });
  });

  it('both warnings together', () => {
    const result = parse('1371010107900001', { recordedBirthDate: '1991-07-01', recordedSex: 'P' });
    expect(result.warnings).toEqual(['NIK_BIRTHDATE_MISMATCH', 'NIK_SEX_MISMATCH']);
  });

  it('no birth-date warning when the NIK holds no existing date (the error says it)', () => {
    const result = parse('1371013102900001', { recordedBirthDate: '1990-02-28' });
    expect(result).toMatchObject({ errors: ['NIK_DATE'], warnings: [] });
  });
});

describe('NIK_MESSAGES', () => {
  it('has a Bahasa Indonesia message for every error and warning code', () => {
    const codes = [
      'NIK_FORMAT',
      'NIK_NUMERIC_CELL',
      'NIK_DATE',
      'NIK_SERIAL',
      'NIK_REGION_UNKNOWN',
      'NIK_BIRTHDATE_MISMATCH',
      'NIK_SEX_MISMATCH',
    ] as const;
    expect(Object.keys(NIK_MESSAGES).sort()).toEqual([...codes].sort());
    for (const code of codes) expect(NIK_MESSAGES[code].length).toBeGreaterThan(10);
    expect(NIK_MESSAGES.NIK_FORMAT).toBe('NIK harus tepat 16 angka.');
  });
});

describe('maskNik', () => {
  it('shows the first 4 and last 4 digits with 8 asterisks between', () => {
    expect(maskNik('1371014107900001')).toBe('1371********0001');
  });

  it('masks a value that is not 16 characters entirely', () => {
    expect(maskNik('137101410790001')).toBe('***************');
    expect(maskNik('')).toBe('');
  });
});

describe('encodeNik', () => {
  it('writes the woman’s day + 40: Padang Selatan, 1 July 1990, serial 1', () => {
    expect(encodeNik({ kecamatanCode: '137101', birthDate: '1990-07-01', sex: 'P', serial: 1 })).toBe(
      '1371014107900001',
    );
  });

  it('writes a man’s day as is and pads the serial to 4 digits', () => {
    expect(encodeNik({ kecamatanCode: '137102', birthDate: '2005-12-31', sex: 'L', serial: 42 })).toBe(
      '1371023112050042',
    );
  });

  it.each([
    ['a 4-digit kecamatan', { kecamatanCode: '1371', birthDate: '1990-07-01', sex: 'L' as const, serial: 1 }],
    [
      'a date that does not exist',
      { kecamatanCode: '137101', birthDate: '1990-02-30', sex: 'L' as const, serial: 1 },
    ],
    [
      'a date in the wrong form',
      { kecamatanCode: '137101', birthDate: '01-07-1990', sex: 'L' as const, serial: 1 },
    ],
    ['serial 0', { kecamatanCode: '137101', birthDate: '1990-07-01', sex: 'L' as const, serial: 0 }],
    ['serial 10000', { kecamatanCode: '137101', birthDate: '1990-07-01', sex: 'L' as const, serial: 10_000 }],
    [
      'a fractional serial',
      { kecamatanCode: '137101', birthDate: '1990-07-01', sex: 'L' as const, serial: 1.5 },
    ],
  ])('refuses %s', (_label, parts) => {
    expect(() => encodeNik(parts)).toThrow(RangeError);
  });

  it('round-trips through parseNik for every day of the 100 years before today, both sexes', () => {
    const day = new Date(Date.UTC(1926, 10, 26));
    const end = Date.UTC(2026, 10, 25);
    let serial = 1;
    for (; day.getTime() <= end; day.setUTCDate(day.getUTCDate() + 1)) {
      const birthDate = day.toISOString().slice(0, 10);
      for (const sex of ['L', 'P'] as const) {
        serial = (serial % 9999) + 1;
        const nik = encodeNik({ kecamatanCode: '137101', birthDate, sex, serial });
        const result = parse(nik);
        if (!result.valid || result.birthDate !== birthDate || result.sex !== sex) {
          expect({ nik, result }).toEqual({ nik, result: { birthDate, sex, valid: true } });
        }
        expect(result.serial).toBe(String(serial).padStart(4, '0'));
      }
    }
  });
});
