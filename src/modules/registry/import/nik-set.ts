/**
 * The NIKs accepted so far in a file (DUPLICATE_IN_FILE), for a million rows: a 16-digit NIK
 * is kept as two 8-digit numbers in an open-addressing table of typed arrays, so the set
 * costs 16 bytes a slot and nothing for the garbage collector to walk (a Set of a million
 * strings cost ≈1.7 s and ≈200 MB, measured). Anything that is not 16 digits goes to a Set.
 */
export class NikSet {
  private hi = new Int32Array(1 << 16).fill(-1);
  private lo = new Int32Array(1 << 16);
  private count = 0;
  private readonly other = new Set<string>();

  has(nik: string): boolean {
    const hi = half(nik, 0);
    const lo = half(nik, 8);
    if (hi < 0 || lo < 0 || nik.length !== 16) return this.other.has(nik);
    return this.slot(hi, lo) < 0;
  }

  add(nik: string): this {
    const hi = half(nik, 0);
    const lo = half(nik, 8);
    if (hi < 0 || lo < 0 || nik.length !== 16) {
      this.other.add(nik);
      return this;
    }
    const slot = this.slot(hi, lo);
    if (slot >= 0) {
      this.hi[slot] = hi;
      this.lo[slot] = lo;
      if (++this.count * 2 > this.hi.length) this.grow();
    }
    return this;
  }

  /** Adds the NIK; false when it was there already (one lookup for has + add). */
  addNew(nik: string): boolean {
    const hi = half(nik, 0);
    const lo = half(nik, 8);
    if (hi < 0 || lo < 0 || nik.length !== 16) {
      if (this.other.has(nik)) return false;
      this.other.add(nik);
      return true;
    }
    const slot = this.slot(hi, lo);
    if (slot < 0) return false;
    this.hi[slot] = hi;
    this.lo[slot] = lo;
    if (++this.count * 2 > this.hi.length) this.grow();
    return true;
  }

  get size(): number {
    return this.count + this.other.size;
  }

  /** The free slot for (hi, lo), or -1 when it is already there. */
  private slot(hi: number, lo: number): number {
    const mask = this.hi.length - 1;
    let i = (Math.imul(hi, 0x9e3779b1) ^ Math.imul(lo, 0x85ebca6b)) & mask;
    for (;;) {
      const h = this.hi[i]!;
      if (h === -1) return i;
      if (h === hi && this.lo[i] === lo) return -1;
      i = (i + 1) & mask;
    }
  }

  private grow(): void {
    const oldHi = this.hi;
    const oldLo = this.lo;
    this.hi = new Int32Array(oldHi.length * 2).fill(-1);
    this.lo = new Int32Array(oldHi.length * 2);
    for (let i = 0; i < oldHi.length; i++) {
      const h = oldHi[i]!;
      if (h === -1) continue;
      const slot = this.slot(h, oldLo[i]!);
      this.hi[slot] = h;
      this.lo[slot] = oldLo[i]!;
    }
  }
}

/** Eight digits from `from` as a number, or -1 when one is not a digit. */
export function half(text: string, from: number): number {
  let n = 0;
  for (let i = from; i < from + 8; i++) {
    const c = text.charCodeAt(i) - 48;
    if (!(c >= 0 && c <= 9)) return -1;
    n = n * 10 + c;
  }
  return n;
}
