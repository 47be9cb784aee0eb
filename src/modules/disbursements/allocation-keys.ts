import { type RawConnection, sqlLiteral } from '../../db/raw-connection';
import {
  COPY_NULL,
  CopyTextIndex,
  copyOutText,
  grown,
  Interned,
  presizedCapacity,
  sameText,
} from '../../platform/files/copy-text-index';
import { DigitStringTable, digits, SixteenDigitColumn } from '../../platform/files/digit-string-table';

/**
 * A period's allocation lines as the matching reader needs them (direct-import.ts): for each,
 * its id, scope and channel, found by its NIK or its account/KKS number. Loaded as COPY text (a
 * line per allocation; a million lines are one string, not a million row objects) and indexed
 * in typed arrays, so that a worker thread can receive the text and build the same index. The
 * rules are match-sql.ts's: a key naming one allocation finds it, a key naming several is
 * SEVERAL (the report line is then ambiguous unless the other key names exactly one).
 */

/**
 * COPY text escapes a tab, newline or backslash inside a value, so fields split cleanly; such an
 * account (or any not made of 4–40 letters and digits) can never equal a report's account
 * (validate-row.ts normaliseAccount) and is simply never found.
 */
function keysSelect(program: string, period: string): string {
  return `SELECT id, nik, account, scope_code, channel FROM allocation
     WHERE program_code = ${sqlLiteral(program)} AND period = ${sqlLiteral(period)}`;
}

/** The keys as text, for a reader in a worker thread (which builds AllocationKeys from it). */
export async function loadAllocationKeysText(raw: RawConnection, program: string, period: string) {
  return copyOutText(raw, keysSelect(program, period));
}

/**
 * The keys indexed while they arrive: each part of the COPY text is indexed while the server
 * sends the next (on PostgreSQL; PGlite gives the text at once).
 */
export async function loadAllocationKeys(raw: RawConnection, program: string, period: string) {
  const select = keysSelect(program, period);
  const keys = new AllocationKeys(await estimatedLines(raw, select));
  await raw.copyOut(select, (part) => keys.add(part));
  return keys.finish();
}

/**
 * The planner's estimate of the keys' lines (the allocation import analyses the table): the
 * index is sized once rather than grown while a million keys arrive (growing rehashed every key
 * again: 0.19 s of 0.8 s, measured on 1 M allocations). A wrong estimate only costs time.
 */
async function estimatedLines(raw: RawConnection, select: string): Promise<number> {
  const { rows } = await raw.query<{ 'QUERY PLAN': unknown }>(`EXPLAIN (FORMAT JSON) ${select}`);
  const plan = rows[0]?.['QUERY PLAN'];
  const parsed = (typeof plan === 'string' ? JSON.parse(plan) : plan) as [{ Plan: { 'Plan Rows': number } }];
  return Number(parsed[0]?.Plan['Plan Rows']);
}

/** The index over the keys' COPY text, built part by part (add) or at once (fromText). */
export class AllocationKeys extends CopyTextIndex {
  private idOf: Float64Array;
  private scopeOf: Uint32Array;
  private channelOf: Uint8Array;
  // The allocation's NIK (always 16 digits): is a line's NIK the NIK of the
  // allocation its account found (NIK_DIFFERS)? The NIK table cannot say when a NIK names several.
  private readonly nikOf: SixteenDigitColumn;
  private readonly scopeCodes = new Interned();
  private readonly channelCodes = new Interned();
  readonly scopes = this.scopeCodes.values;
  readonly channels = this.channelCodes.values;
  private readonly byNik: DigitStringTable;
  private readonly byAccount: DigitStringTable;
  // Lines of one village and one channel follow each other: the previous value is compared in
  // place before a new string is cut out of the text.
  private lastScope = '';
  private lastScopeAt = 0;
  private lastChannel = '';
  private lastChannelAt = 0;

  constructor(expectedLines = 1024) {
    super();
    const capacity = presizedCapacity(expectedLines);
    this.idOf = new Float64Array(capacity);
    this.scopeOf = new Uint32Array(capacity);
    this.channelOf = new Uint8Array(capacity);
    this.nikOf = new SixteenDigitColumn(capacity);
    this.byNik = new DigitStringTable(capacity);
    this.byAccount = new DigitStringTable(capacity);
  }

  protected readonly addLine = (text: string, at: number, lineEnd: number): void => {
    const i = this.count++;
    if (i === this.idOf.length) this.grow();
    const idEnd = text.indexOf('\t', at);
    this.idOf[i] = digits(text, at, idEnd);
    const nikEnd = text.indexOf('\t', idEnd + 1);
    this.byNik.put(text, idEnd + 1, nikEnd, i);
    this.nikOf.set(i, text, idEnd + 1);
    const accountEnd = text.indexOf('\t', nikEnd + 1);
    if (!sameText(text, nikEnd + 1, accountEnd, COPY_NULL))
      this.byAccount.put(text, nikEnd + 1, accountEnd, i);
    const scopeEnd = text.indexOf('\t', accountEnd + 1);
    if (!sameText(text, accountEnd + 1, scopeEnd, this.lastScope)) {
      this.lastScope = text.slice(accountEnd + 1, scopeEnd);
      this.lastScopeAt = this.scopeCodes.codeOf(this.lastScope);
    }
    this.scopeOf[i] = this.lastScopeAt;
    if (!sameText(text, scopeEnd + 1, lineEnd, this.lastChannel)) {
      this.lastChannel = text.slice(scopeEnd + 1, lineEnd);
      this.lastChannelAt = this.channelCodes.codeOf(this.lastChannel);
    }
    this.channelOf[i] = this.lastChannelAt;
  };

  private grow(): void {
    this.idOf = grown(this.idOf);
    this.scopeOf = grown(this.scopeOf);
    this.channelOf = grown(this.channelOf);
    this.nikOf.grow();
  }

  /** The allocation (index) the NIK names, NONE or SEVERAL. */
  nik(nik: string): number {
    return this.byNik.get(nik);
  }

  account(account: string): number {
    return this.byAccount.get(account);
  }

  /** True when `nik` (16 digits) is the NIK of the allocation at `index`. */
  nikIs(index: number, nik: string): boolean {
    return this.nikOf.equals(index, nik);
  }

  /** The allocation line's id. */
  id(index: number): number {
    return this.idOf[index]!;
  }

  /** The allocation's scope, as an index into `scopes`. */
  scopeIndex(index: number): number {
    return this.scopeOf[index]!;
  }

  /** The allocation's channel, as an index into `channels`. */
  channelIndex(index: number): number {
    return this.channelOf[index]!;
  }
}
