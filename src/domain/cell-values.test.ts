import { describe, expect, it } from 'vitest';
import {
  excelSerialToIso,
  parseDateCell,
  parseDesil,
  parseRelationship,
  parseRtRw,
  parseSex,
  parseStatus,
} from './cell-values';

describe('dates as offices write them', () => {
  it.each([
    ['17/08/1945', '1945-08-17'],
    ['1/7/1990', '1990-07-01'],
    ['17-08-1945', '1945-08-17'],
    ['1990-07-01', '1990-07-01'],
    ['1990-07-01 00:00:00', '1990-07-01'],
    ['33055', '1990-07-01'],
  ])('reads %s as %s', (text, iso) => expect(parseDateCell(text)).toBe(iso));

  it('reads an Excel serial number and a date cell', () => {
    expect(parseDateCell(33055)).toBe('1990-07-01');
    expect(excelSerialToIso(61)).toBe('1900-03-01');
    expect(parseDateCell(new Date(Date.UTC(1990, 6, 1)))).toBe('1990-07-01');
  });

  it('refuses dates that do not exist or are not dates, and treats empty as missing', () => {
    for (const bad of ['31/02/1990', '29/02/2023', '1990/07/01', 'kemarin', '00/01/1990', 12.5]) {
      expect(parseDateCell(bad)).toBeUndefined();
    }
    expect(parseDateCell('')).toBeNull();
    expect(parseDateCell(null)).toBeNull();
    expect(parseDateCell('29/02/2024')).toBe('2024-02-29');
  });
});

describe('coded values', () => {
  it('reads sex as L/P, LK/PR, 1/2 and in words', () => {
    expect(['L', 'lk', '1', 'Laki-laki', 'LAKI LAKI'].map(parseSex)).toEqual(['L', 'L', 'L', 'L', 'L']);
    expect(['P', 'PR', 2, 'perempuan'].map(parseSex)).toEqual(['P', 'P', 'P', 'P']);
    expect(parseSex('X')).toBeUndefined();
  });

  it('reads status and relationship (text or SHDK code)', () => {
    expect(parseStatus('meninggal dunia')).toBe('MENINGGAL');
    expect(parseStatus('Pindah')).toBe('PINDAH');
    expect(parseStatus('hilang')).toBeUndefined();
    expect(parseRelationship('Kepala Keluarga')).toBe('KEPALA_KELUARGA');
    expect(parseRelationship(3)).toBe('ISTRI');
    expect(parseRelationship('anak-kandung')).toBe('ANAK');
  });

  it('reads desil 1–10 only', () => {
    expect(parseDesil('4')).toBe(4);
    expect(parseDesil(10)).toBe(10);
    expect(parseDesil('11')).toBeUndefined();
    expect(parseDesil('2.5')).toBeUndefined();
  });

  it('pads RT/RW to three digits', () => {
    expect(parseRtRw(3)).toBe('003');
    expect(parseRtRw('012')).toBe('012');
  });
});
