import { type RawConnection, sqlLiteral } from '../../db/raw-connection';

/**
 * A period's allocation lines as the matching reader needs them (direct-import.ts): for each,
 * its id, scope and channel, found by its NIK or its account/KKS number. Loaded as COPY text (a
 * line per allocation; a million lines are one string, not a million row objects) and indexed
 * in typed arrays, so that a worker thread can receive the text and build the same index. The
 * rules are match-sql.ts's: a key naming one allocation finds it, a key naming several is
 * SEVERAL (the report line is then ambiguous unless the other key names exactly one).
 */

export const NONE = -1;
export const SEVERAL = -2;

/**
 * COPY text escapes a tab, newline or backslash inside a value, so fields split cleanly; such an
 * account (or any not made of 4–40 letters and digits) can never equal a report's account
 * (validate-row.ts normaliseAccount) and is simply never found.
 */
export async function loadAllocationKeys(raw: RawConnection, program: string, period: string) {
  const text = await raw.copyOut(
    `SELECT id, nik, account, scope_code, channel FROM allocation
     WHERE program_code = ${sqlLiteral(program)} AND period = ${sqlLiteral(period)}`,
  );
  let lines = 0;
  for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) lines++;
  return { text, lines };
}

/** The index over the text loadAllocationKeys gives. */
export class AllocationKeys {
  readonly ids: Float64Array;
  private readonly scopeOf: Uint32Array;
  private readonly channelOf: Uint8Array;
  readonly scopes: string[] = [];
  readonly channels: string[] = [];
  private readonly byNik: DigitStringTable;
  private readonly byAccount: DigitStringTable;

  constructor(text: string, lines: number) {
    this.ids = new Float64Array(lines);
    this.scopeOf = new Uint32Array(lines);
    this.channelOf = new Uint8Array(lines);
    this.byNik = new DigitStringTable(lines);
    this.byAccount = new DigitStringTable(lines);
    const scopeIndex = new Map<string, number>();
    const channelIndex = new Map<string, number>();
    // Lines of one village and one channel follow each other: the previous value is compared
    // in place before a new string is cut out of the text.
    let lastScope = '';
    let lastScopeAt = -1;
    let lastChannel = '';
    let lastChannelAt = -1;
    let at = 0;
    for (let i = 0; i < lines; i++) {
      const idEnd = text.indexOf('\t', at);
      this.ids[i] = digits(text, at, idEnd);
      const nikEnd = text.indexOf('\t', idEnd + 1);
      this.byNik.put(text, idEnd + 1, nikEnd, i);
      const accountEnd = text.indexOf('\t', nikEnd + 1);
      if (!sameText(text, nikEnd + 1, accountEnd, NULL_TEXT))
        this.byAccount.put(text, nikEnd + 1, accountEnd, i);
      const scopeEnd = text.indexOf('\t', accountEnd + 1);
      if (!sameText(text, accountEnd + 1, scopeEnd, lastScope)) {
        lastScope = text.slice(accountEnd + 1, scopeEnd);
        lastScopeAt = indexOf(scopeIndex, this.scopes, lastScope);
      }
      this.scopeOf[i] = lastScopeAt;
      let lineEnd = text.indexOf('\n', scopeEnd + 1);
      if (lineEnd < 0) lineEnd = text.length;
      if (!sameText(text, scopeEnd + 1, lineEnd, lastChannel)) {
        lastChannel = text.slice(scopeEnd + 1, lineEnd);
        lastChannelAt = indexOf(channelIndex, this.channels, lastChannel);
      }
      this.channelOf[i] = lastChannelAt;
      at = lineEnd + 1;
    }
  }

  /** The allocation (index) the NIK names, NONE or SEVERAL. */
  nik(nik: string): number {
    return this.byNik.get(nik);
  }

  account(account: string): number {
    return this.byAccount.get(account);
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

// How COPY writes NULL.
const NULL_TEXT = '\\N';

function sameText(text: string, start: number, end: number, value: string): boolean {
  return end - start === value.length && text.startsWith(value, start);
}

function indexOf(index: Map<string, number>, list: string[], value: string): number {
  let at = index.get(value);
  if (at === undefined) {
    at = list.length;
    list.push(value);
    index.set(value, at);
  }
  return at;
}

/**
 * Keys of up to 18 digits → a value, in one typed array (per slot: length, two 9-digit halves,
 * value — one cache line per probe; open addressing): a million keys cost no garbage-collector
 * work and no string per key. Other keys (letters, longer numbers) go to a Map. A key put twice
 * holds SEVERAL.
 */
export class DigitStringTable {
  private readonly slots: Int32Array;
  private readonly mask: number;
  private readonly other = new Map<string, number>();

  constructor(expected: number) {
    let size = 1 << 10;
    while (size < expected * 2) size <<= 1;
    this.mask = size - 1;
    this.slots = new Int32Array(size * 4).fill(-1);
  }

  /** Puts text[start, end) with its value; a key already there becomes SEVERAL. */
  put(text: string, start: number, end: number, value: number): void {
    const length = end - start;
    const hi = length <= 18 ? digits(text, start, end - 9) : -1;
    const lo = hi < 0 ? -1 : digits(text, Math.max(start, end - 9), end);
    if (lo < 0) {
      const key = text.slice(start, end);
      this.other.set(key, this.other.has(key) ? SEVERAL : value);
      return;
    }
    const at = this.find(length, hi, lo);
    const slots = this.slots;
    if (slots[at] === -1) {
      slots[at] = length;
      slots[at + 1] = hi;
      slots[at + 2] = lo;
      slots[at + 3] = value;
    } else slots[at + 3] = SEVERAL;
  }

  get(key: string): number {
    const length = key.length;
    const hi = length <= 18 && length > 0 ? digits(key, 0, length - 9) : -1;
    const lo = hi < 0 ? -1 : digits(key, Math.max(0, length - 9), length);
    if (lo < 0) return this.other.get(key) ?? NONE;
    const at = this.find(length, hi, lo);
    return this.slots[at] === -1 ? NONE : this.slots[at + 3]!;
  }

  /** The slot's first index holding the key, or the empty slot where it would go. */
  private find(length: number, hi: number, lo: number): number {
    const slots = this.slots;
    let i = (Math.imul(hi ^ length, 0x9e3779b1) ^ Math.imul(lo, 0x85ebca6b)) & this.mask;
    for (;;) {
      const at = i * 4;
      const stored = slots[at]!;
      if (stored === -1 || (stored === length && slots[at + 1] === hi && slots[at + 2] === lo)) return at;
      i = (i + 1) & this.mask;
    }
  }
}

/** The digits text[start, end) as a number (0 when empty), or -1 when one is not a digit. */
function digits(text: string, start: number, end: number): number {
  let n = 0;
  for (let i = Math.max(start, 0); i < end; i++) {
    const c = text.charCodeAt(i) - 48;
    if (!(c >= 0 && c <= 9)) return -1;
    n = n * 10 + c;
  }
  return n;
}
