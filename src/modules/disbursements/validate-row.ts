import { accountKey } from '../../domain/account';
import { parseDateCell, parseText } from '../../domain/cell-values';
import { parseRupiah } from '../../domain/money';
import { parseNik } from '../../domain/nik';
import type { CellValue } from '../../platform/files/tabular';
import type { DisbursementField } from './fields';
import type { DisbursementRejectionCode } from './reasons';

/** One accepted report line, in canonical form, ready for the staging table. */
export interface DisbursementRecord {
  line: number;
  nik: string | null;
  /** The NIK passed every check (date, serial, kecamatan): its first 6 digits may scope the line. */
  nikValid: boolean;
  account: string | null;
  amount: number;
  paidOn: string | null;
  status: 'BERHASIL' | 'GAGAL';
  reason: string | null;
}

export interface DisbursementRowRejection {
  line: number;
  reasons: DisbursementRejectionCode[];
  fields: DisbursementField[];
}

export interface DisbursementRowContext {
  columns: Partial<Record<DisbursementField, number>>;
  kecamatanExists: (code: string) => boolean;
  today: Date;
}

type Status = DisbursementRecord['status'];

/**
 * How channels write the outcome of a line. BRI/BNI/Mandiri exports say SUKSES/BERHASIL,
 * PT Pos says SALUR/TERSALUR; a failure is GAGAL (SALUR), or RETUR when the money went back
 * to the treasury (DOMAIN.md "Gagal salur", "Retur"). Anything else is refused, not guessed:
 * "BELUM SALUR" (not paid yet) is not a report of a payment.
 */
const STATUS: Record<string, Status> = {
  BERHASIL: 'BERHASIL',
  'BERHASIL SALUR': 'BERHASIL',
  SUKSES: 'BERHASIL',
  'SUKSES SALUR': 'BERHASIL',
  SUCCESS: 'BERHASIL',
  SALUR: 'BERHASIL',
  TERSALUR: 'BERHASIL',
  'SUDAH SALUR': 'BERHASIL',
  'SUDAH TERSALUR': 'BERHASIL',
  DISALURKAN: 'BERHASIL',
  'SUDAH DISALURKAN': 'BERHASIL',
  DIBAYAR: 'BERHASIL',
  'SUDAH DIBAYAR': 'BERHASIL',
  GAGAL: 'GAGAL',
  'GAGAL SALUR': 'GAGAL',
  'GAGAL TRANSFER': 'GAGAL',
  'GAGAL BAYAR': 'GAGAL',
  'TIDAK TERSALUR': 'GAGAL',
  FAILED: 'GAGAL',
  RETUR: 'GAGAL',
  RETURN: 'GAGAL',
  DIRETUR: 'GAGAL',
};

export function parseDisbursementStatus(cell: CellValue): Status | null | undefined {
  if (cell === null || cell === '') return null;
  const key = String(cell)
    .trim()
    .toUpperCase()
    .replace(/[\s_\-.]+/g, ' ');
  return STATUS[key];
}

/** Account or KKS card number: digits (and letters for some cards), separators dropped. */
export function normaliseAccount(cell: CellValue): string | null | undefined {
  if (cell === null || cell === '') return null;
  if (typeof cell === 'number') {
    // A spreadsheet number keeps at most 15 digits and no leading zero: past that it is lost.
    return Number.isSafeInteger(cell) && cell >= 0 && cell < 1e15 ? String(cell) : undefined;
  }
  const text = accountKey(String(cell));
  if (text === '') return null;
  return /^[0-9A-Z]{4,40}$/.test(text) ? text : undefined;
}

export function validateDisbursementRow(
  line: number,
  cells: readonly CellValue[],
  ctx: DisbursementRowContext,
): DisbursementRecord | DisbursementRowRejection {
  const cell = (field: DisbursementField): CellValue => {
    const index = ctx.columns[field];
    return index === undefined ? null : (cells[index] ?? null);
  };
  const reasons = new Set<DisbursementRejectionCode>();
  const fields = new Set<DisbursementField>();
  const reject = (code: DisbursementRejectionCode, field: DisbursementField) => {
    reasons.add(code);
    fields.add(field);
  };

  // Only the shape of the NIK rejects a line: the channel paid that NIK, and the allocation may
  // hold the same imperfect NIK (kept there with a flag), so the line must still match it.
  let nik: string | null = null;
  let nikValid = false;
  const rawNik = cell('nik');
  if (rawNik !== null && rawNik !== '') {
    const parsed = parseNik(rawNik, { kecamatanExists: ctx.kecamatanExists, today: ctx.today });
    if (parsed.errors.includes('NIK_NUMERIC_CELL')) reject('NIK_NUMERIC_CELL', 'nik');
    else if (parsed.errors.includes('NIK_FORMAT') || parsed.nik === null) reject('NIK_FORMAT', 'nik');
    else {
      nik = parsed.nik;
      nikValid = parsed.valid;
    }
  }
  const account = normaliseAccount(cell('account'));
  if (account === undefined) reject('ACCOUNT_FORMAT', 'account');
  if (rawNik === null && account === null)
    reject('REQUIRED_FIELD', ctx.columns.nik === undefined ? 'account' : 'nik');

  let amount = 0;
  const rawAmount = cell('amount');
  if (rawAmount === null) reject('REQUIRED_FIELD', 'amount');
  else {
    const parsed = parseRupiah(rawAmount);
    if (parsed.ok) amount = parsed.value;
    else reject(parsed.code, 'amount');
  }

  const paidOn = parseDateCell(cell('paidOn'));
  if (paidOn === undefined) reject('DATE_INVALID', 'paidOn');

  const rawStatus = cell('status');
  const status = parseDisbursementStatus(rawStatus);
  if (status === null) reject('REQUIRED_FIELD', 'status');
  else if (status === undefined) reject('STATUS_UNKNOWN', 'status');
  // A payment of nothing reported as done would count the KPM as paid (realisasi): a slip in
  // the report, refused. A failure may well say 0 (nothing was paid).
  else if (status === 'BERHASIL' && rawAmount !== null && reasons.size === 0 && amount === 0)
    reject('AMOUNT_ZERO_PAID', 'amount');

  if (reasons.size > 0 || !status) return { line, reasons: [...reasons], fields: [...fields] };
  // RETUR and other failure words say more than GAGAL: keep them when there is no reason text.
  const statusWord = parseText(rawStatus, 40);
  const reason =
    parseText(cell('reason'), 500) ??
    (status === 'GAGAL' && statusWord?.toUpperCase() !== 'GAGAL' ? statusWord : null);
  return { line, nik, nikValid, account: account ?? null, amount, paidOn: paidOn ?? null, status, reason };
}

export function isDisbursementRejection(
  result: DisbursementRecord | DisbursementRowRejection,
): result is DisbursementRowRejection {
  return 'reasons' in result;
}
