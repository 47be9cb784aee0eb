import { describe, expect, it } from 'vitest';
import type { CellValue } from '../../platform/files/tabular';
import { createDisbursementValidator } from './fast-validate-row';
import { validateDisbursementRow } from './validate-row';

// The fast validator must give exactly what the full one gives, line for line.
const ctx = {
  columns: { nik: 0, account: 1, amount: 2, paidOn: 3, status: 4, reason: 5 },
  kecamatanExists: (code: string) => code === '137101' || code === '137102',
  today: new Date('2026-05-01T00:00:00Z'),
};
const NIK = '1371015507850003';
const variants: CellValue[][] = [
  [
    NIK,
    NIK,
    '3171015507850003',
    '1371019907850003',
    '1371015507850000',
    '1371014107850003',
    ' 1371015507850003',
    1371015507850003,
    null,
    '',
  ],
  ['012301000123501', '0123-01-000123-50-1', 'abc1234', '12', null, 12345678, ''],
  ['750000', '750.000', 'Rp 750.000', '-5', '1,5', 750000, null, '0', '0012'],
  ['16/05/2026', '2026-05-16', '31/02/2026', ' 16/05/2026', null, 46000, '46000', 'kemarin'],
  ['BERHASIL', 'SUKSES', 'GAGAL SALUR', 'gagal_salur', 'RETUR', 'GAGAL', ' Retur ', 'BELUM SALUR', null, ''],
  [null, 'Rekening belum dibuka', '  dua  spasi ', 'tab\there', 'é accent', 'x'.repeat(600), ''],
];

describe('createDisbursementValidator', () => {
  it('matches validateDisbursementRow on every combination of common and unusual cells', () => {
    const fast = createDisbursementValidator(ctx);
    let line = 1;
    const base = variants.map((v) => v[0]!);
    for (let col = 0; col < variants.length; col++) {
      for (const value of variants[col]!) {
        for (const other of [base, variants.map((v) => v[1]!)]) {
          const cells: CellValue[] = [...other];
          cells[col] = value;
          line++;
          expect(fast(line, cells)).toEqual(validateDisbursementRow(line, cells, ctx));
          // Twice: the second answer comes from the caches.
          expect(fast(line, cells)).toEqual(validateDisbursementRow(line, cells, ctx));
        }
      }
    }
  });

  it('reads files without a NIK or without an account column', () => {
    for (const columns of [
      { account: 0, amount: 1, status: 2 },
      { nik: 0, amount: 1, status: 2 },
    ]) {
      const c = { ...ctx, columns };
      const fast = createDisbursementValidator(c);
      for (const cells of [
        [NIK, '100', 'SUKSES'],
        ['0123456', '100', 'GAGAL'],
        [null, '100', 'SUKSES'],
      ])
        expect(fast(2, cells)).toEqual(validateDisbursementRow(2, cells, c));
    }
  });
});
