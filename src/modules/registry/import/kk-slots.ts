import { half } from './nik-set';

/**
 * KK number → its slot (KkRepresentatives), for the ≈250,000 KK of a million-person file: a
 * 16-digit KK is kept as two 8-digit numbers in an open-addressing table of typed arrays, as
 * NikSet keeps NIKs (a Map of KK strings cost ≈0.3 s of a 1 M-row read, measured). Anything
 * that is not 16 digits (never an accepted row's KK) goes to a Map.
 */
export class KkSlots {
  /** Per table entry: high half, low half (−1: empty), and the slot. */
  private keys = new Int32Array(1 << 17).fill(-1);
  private slots = new Int32Array(1 << 16);
  private count = 0;
  private readonly other = new Map<string, number>();

  get(kk: string): number | undefined {
    const hi = half(kk, 0);
    const lo = half(kk, 8);
    if (hi < 0 || lo < 0 || kk.length !== 16) return this.other.get(kk);
    const at = this.find(hi, lo);
    return this.keys[2 * at] === -1 ? undefined : this.slots[at];
  }

  /** Records a KK not recorded yet. */
  set(kk: string, slot: number): void {
    const hi = half(kk, 0);
    const lo = half(kk, 8);
    if (hi < 0 || lo < 0 || kk.length !== 16) {
      this.other.set(kk, slot);
      return;
    }
    const at = this.find(hi, lo);
    this.keys[2 * at] = hi;
    this.keys[2 * at + 1] = lo;
    this.slots[at] = slot;
    if (++this.count * 2 > this.slots.length) this.grow();
  }

  /** The entry holding (hi, lo), or the free one where it would go. */
  private find(hi: number, lo: number): number {
    const mask = this.slots.length - 1;
    let i = (Math.imul(hi, 0x9e3779b1) ^ Math.imul(lo, 0x85ebca6b)) & mask;
    for (;;) {
      const h = this.keys[2 * i]!;
      if (h === -1 || (h === hi && this.keys[2 * i + 1] === lo)) return i;
      i = (i + 1) & mask;
    }
  }

  private grow(): void {
    const keys = this.keys;
    const slots = this.slots;
    this.keys = new Int32Array(keys.length * 2).fill(-1);
    this.slots = new Int32Array(slots.length * 2);
    for (let i = 0; i < slots.length; i++) {
      const hi = keys[2 * i]!;
      if (hi === -1) continue;
      const at = this.find(hi, keys[2 * i + 1]!);
      this.keys[2 * at] = hi;
      this.keys[2 * at + 1] = keys[2 * i + 1]!;
      this.slots[at] = slots[i]!;
    }
  }
}
