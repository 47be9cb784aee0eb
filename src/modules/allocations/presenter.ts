import { maskKk } from '../../domain/kk';
import { maskNik } from '../../domain/nik';
import { ALLOCATION_FLAG_MESSAGES, type AllocationFlag } from './reasons';

/**
 * What leaves the server about an allocation line: lists always mask the NIK; the detail shows
 * NIK, KK and account in full only to roles with 'nik.full' (DOMAIN.md "Personal data").
 */
export function presentListItem(row: {
  id: number;
  import_id: number;
  line: number;
  nik: string;
  name: string | null;
  amount: number;
  expected_amount: number | null;
  channel: string;
  scope_code: string;
  flags: string[];
  household_id: number | null;
}) {
  return {
    id: row.id,
    importId: row.import_id,
    line: row.line,
    nikMasked: maskNik(row.nik),
    name: row.name,
    amount: Number(row.amount),
    expectedAmount: row.expected_amount === null ? null : Number(row.expected_amount),
    channel: row.channel,
    scopeCode: row.scope_code,
    flags: row.flags,
    householdId: row.household_id,
  };
}

/** An account or card number: the last four digits only, like a bank statement. */
export function maskAccount(account: string): string {
  return account.length <= 4
    ? '*'.repeat(account.length)
    : `${'*'.repeat(account.length - 4)}${account.slice(-4)}`;
}

export function presentDetail(
  row: Parameters<typeof presentListItem>[0] & {
    program_code: string;
    period: string;
    kk: string | null;
    account: string | null;
    person_id: number | null;
    calculation: unknown;
    file_name: string | null;
    household_kk: string | null;
    household_region_code: string | null;
  },
  full: boolean,
) {
  const kk = (value: string) => (full ? value : maskKk(value));
  return {
    id: row.id,
    program: row.program_code,
    period: row.period,
    importId: row.import_id,
    fileName: row.file_name,
    line: row.line,
    nik: full ? row.nik : maskNik(row.nik),
    kk: row.kk === null ? null : kk(row.kk),
    name: row.name,
    amount: Number(row.amount),
    expectedAmount: row.expected_amount === null ? null : Number(row.expected_amount),
    channel: row.channel,
    account: row.account === null ? null : full ? row.account : maskAccount(row.account),
    scopeCode: row.scope_code,
    flags: row.flags.map((code) => ({
      code,
      message: ALLOCATION_FLAG_MESSAGES[code as AllocationFlag] ?? code,
    })),
    household:
      row.household_id !== null && row.household_kk !== null && row.household_region_code !== null
        ? { id: row.household_id, kk: kk(row.household_kk), regionCode: row.household_region_code }
        : null,
    personId: row.person_id,
    calculation: (row.calculation ?? null) as never,
  };
}
