import { parseDateCell, parseText } from '../../domain/cell-values';
import type { CellValue } from '../../platform/files/tabular';
import { surelyValidNik } from '../allocations/validate-row';
import {
  type DisbursementRecord,
  type DisbursementRowContext,
  type DisbursementRowRejection,
  parseDisbursementStatus,
  validateDisbursementRow,
} from './validate-row';

/**
 * The report-line validator for a 1 M-line file: the shapes nearly every channel line has
 * (a 16-digit NIK Dukcapil could issue, a plain account number, a plain amount, a date and a
 * status word that repeat) are read directly; any other line — a rejection, a numeric cell, a
 * cell needing cleaning — goes through validateDisbursementRow, so results are identical.
 * Dates and status words repeat across a report: each distinct text is parsed once.
 */
export function createDisbursementValidator(
  ctx: DisbursementRowContext,
): (line: number, cells: readonly CellValue[]) => DisbursementRecord | DisbursementRowRejection {
  const { nik: nikAt, account: accountAt, amount: amountAt, paidOn: paidOnAt } = ctx.columns;
  const { status: statusAt, reason: reasonAt } = ctx.columns;
  const dates = new Map<string, string | null | undefined>();
  const statuses = new Map<string, StatusWord | null>();
  const cellAt = (cells: readonly CellValue[], index: number | undefined): CellValue =>
    index === undefined ? null : (cells[index] ?? null);

  return (line, cells) => {
    // No closure per line (the module's keepNames transform makes each one cost a call): the
    // full check is spelled out where a line leaves the fast path.
    const rawNik = cellAt(cells, nikAt);
    let nik: string | null = null;
    if (rawNik !== null) {
      if (typeof rawNik !== 'string' || !surelyValidNik(rawNik, ctx.kecamatanExists))
        return validateDisbursementRow(line, cells, ctx);
      nik = rawNik;
    }
    const rawAccount = cellAt(cells, accountAt);
    if (rawAccount !== null && (typeof rawAccount !== 'string' || !PLAIN_ACCOUNT.test(rawAccount)))
      return validateDisbursementRow(line, cells, ctx);
    const account = rawAccount as string | null;
    if (nik === null && account === null) return validateDisbursementRow(line, cells, ctx);

    const rawAmount = cellAt(cells, amountAt);
    if (typeof rawAmount !== 'string' || !PLAIN_AMOUNT.test(rawAmount))
      return validateDisbursementRow(line, cells, ctx);
    const amount = Number(rawAmount);
    if (amount === 0) return validateDisbursementRow(line, cells, ctx);

    const rawPaidOn = cellAt(cells, paidOnAt);
    let paidOn: string | null = null;
    if (rawPaidOn !== null) {
      if (typeof rawPaidOn !== 'string') return validateDisbursementRow(line, cells, ctx);
      let parsed = dates.get(rawPaidOn);
      if (parsed === undefined && !dates.has(rawPaidOn)) {
        parsed = parseDateCell(rawPaidOn);
        if (dates.size < CACHE_MAX) dates.set(rawPaidOn, parsed);
      }
      if (parsed === undefined) return validateDisbursementRow(line, cells, ctx);
      paidOn = parsed;
    }

    const rawStatus = cellAt(cells, statusAt);
    if (typeof rawStatus !== 'string') return validateDisbursementRow(line, cells, ctx);
    let status = statuses.get(rawStatus);
    if (status === undefined) {
      const parsed = parseDisbursementStatus(rawStatus);
      status = parsed ? { status: parsed, word: parseText(rawStatus, 40) } : null;
      if (statuses.size < CACHE_MAX) statuses.set(rawStatus, status);
    }
    if (status === null) return validateDisbursementRow(line, cells, ctx);

    const rawReason = cellAt(cells, reasonAt);
    const reasonText =
      typeof rawReason === 'string' &&
      rawReason !== '' &&
      rawReason.length <= 500 &&
      !NEEDS_CLEANING.test(rawReason)
        ? rawReason
        : parseText(rawReason, 500);
    // RETUR and other failure words say more than GAGAL: kept when there is no reason text.
    const reason =
      reasonText ??
      (status.status === 'GAGAL' && status.word?.toUpperCase() !== 'GAGAL' ? status.word : null);
    return { line, nik, nikValid: nik !== null, account, amount, paidOn, status: status.status, reason };
  };
}

interface StatusWord {
  status: DisbursementRecord['status'];
  word: string | null;
}

const CACHE_MAX = 10_000;
// Already what normaliseAccount and parseRupiah would give back (no separators, no lower case).
const PLAIN_ACCOUNT = /^[0-9A-Z]{4,40}$/;
const PLAIN_AMOUNT = /^\d{1,15}$/;
// parseText folds any whitespace run to one space and trims: text without any is returned as is.
const NEEDS_CLEANING = /[^\x21-\x7e ]| {2}|^ | $/;
