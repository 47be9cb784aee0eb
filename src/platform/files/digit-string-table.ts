/**
 * A hash table of digit keys for readers that match a million file lines against a million
 * stored rows in JavaScript (copy-text-index.ts): keys live in typed arrays, so the garbage
 * collector has nothing to walk.
 */

import { grown } from './copy-text-index';

/** No value for the key. */
export const NONE = -1;
/** The key was put more than once. */
export const SEVERAL = -2;

/**
 * Keys of up to 18 digits → a value, in one typed array (per slot: length, two 9-digit halves,
 * value — one cache line per probe; open addressing): a million keys cost no garbage-collector
 * work and no string per key. Other keys (letters, longer numbers) go to a Map. A key put twice
 * holds SEVERAL.
 */
export class DigitStringTable {
  private slots: Int32Array;
  private mask: number;
  private used = 0;
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
    this.store(length, hi, lo, value);
  }

  private store(length: number, hi: number, lo: number, value: number): void {
    const at = this.find(length, hi, lo);
    const slots = this.slots;
    if (slots[at] !== -1) {
      slots[at + 3] = SEVERAL;
      return;
    }
    slots[at] = length;
    slots[at + 1] = hi;
    slots[at + 2] = lo;
    slots[at + 3] = value;
    // At most half full: probes stay short.
    if (++this.used * 2 > this.mask + 1) this.grow();
  }

  private grow(): void {
    const old = this.slots;
    this.slots = new Int32Array(old.length * 2).fill(-1);
    this.mask = this.mask * 2 + 1;
    this.used = 0;
    const slots = this.slots;
    for (let at = 0; at < old.length; at += 4) {
      if (old[at] === -1) continue;
      const to = this.find(old[at]!, old[at + 1]!, old[at + 2]!);
      slots[to] = old[at]!;
      slots[to + 1] = old[at + 1]!;
      slots[to + 2] = old[at + 2]!;
      slots[to + 3] = old[at + 3]!;
      this.used++;
    }
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
export function digits(text: string, start: number, end: number): number {
  let n = 0;
  for (let i = Math.max(start, 0); i < end; i++) {
    const c = text.charCodeAt(i) - 48;
    if (!(c >= 0 && c <= 9)) return -1;
    n = n * 10 + c;
  }
  return n;
}

/**
 * A 16-digit identifier (NIK, KK) for each index of a key index, as two 8-digit halves in typed
 * arrays, or none: comparing a file line's identifier with a stored one costs two numbers, not a
 * string per stored row.
 */
export class SixteenDigitColumn {
  private high: Int32Array;
  private low: Int32Array;

  constructor(capacity: number) {
    this.high = new Int32Array(capacity);
    this.low = new Int32Array(capacity);
  }

  /** Slot `i` holds text[start, start + 16), or none. */
  set(i: number, text: string, start: number, none = false): void {
    this.high[i] = none ? -1 : digits(text, start, start + 8);
    this.low[i] = none ? -1 : digits(text, start + 8, start + 16);
  }

  has(i: number): boolean {
    return this.high[i]! >= 0;
  }

  /** True when slot `i` holds `value` (16 digits); false when it holds none. */
  equals(i: number, value: string): boolean {
    return (
      value.length === 16 && this.high[i] === digits(value, 0, 8) && this.low[i] === digits(value, 8, 16)
    );
  }

  /** Twice the slots, as the index's own arrays grow. */
  grow(): void {
    this.high = grown(this.high);
    this.low = grown(this.low);
  }
}
