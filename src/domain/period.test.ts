import { describe, expect, it } from 'vitest';
import { parseChannel } from './period';

describe('parseChannel', () => {
  const spellings: Record<string, string[]> = {
    BRI: [
      'BRI',
      'bri',
      'Bank BRI',
      'Bank Rakyat Indonesia',
      'BANK RAKYAT INDONESIA',
      'PT Bank Rakyat Indonesia (Persero) Tbk',
      'PT. Bank Rakyat Indonesia (Persero), Tbk.',
      ' PT BRI (Persero) Tbk ',
    ],
    BNI: ['BNI', 'Bank BNI', 'Bank Negara Indonesia', 'PT Bank Negara Indonesia (Persero) Tbk'],
    MANDIRI: ['MANDIRI', 'mandiri', 'Bank Mandiri', 'PT. Bank Mandiri (Persero) Tbk.', 'BANK MANDIRI'],
    BTN: ['BTN', 'Bank BTN', 'Bank Tabungan Negara', 'PT Bank Tabungan Negara (Persero) Tbk'],
    BSI: [
      'BSI',
      'Bank BSI',
      'Bank Syariah Indonesia',
      'BANK SYARIAH INDONESIA',
      'PT Bank Syariah Indonesia Tbk',
      // Merged into BSI on 1 February 2021: their accounts are BSI accounts.
      'BRI Syariah',
      'Bank BNI Syariah',
      'Bank Syariah Mandiri',
      'Mandiri Syariah',
      'BSM',
    ],
    POS: [
      'POS',
      'PT POS',
      'PT. Pos',
      'Pos Indonesia',
      'PT Pos Indonesia',
      'PT Pos Indonesia (Persero)',
      'Kantor Pos',
      'kantor-pos',
    ],
  };
  for (const [channel, names] of Object.entries(spellings))
    it(`reads the usual spellings of ${channel}`, () => {
      for (const name of names) expect(parseChannel(name), name).toBe(channel);
    });

  it('leaves other banks, partial names and non-text unknown', () => {
    for (const name of [
      'Bank Jatim',
      'Bank Jateng',
      'BPD DIY',
      'Mandiri Taspen',
      'Bank',
      'PT',
      'Indonesia',
      'Rakyat',
      'Syariah',
      'BRI BNI',
      'DANA',
      'Pos Giro',
      '',
      'constructor',
      '__proto__',
    ])
      expect(parseChannel(name), name).toBeNull();
    expect(parseChannel(null)).toBeNull();
    expect(parseChannel(42)).toBeNull();
  });
});
