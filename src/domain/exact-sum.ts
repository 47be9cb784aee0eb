/**
 * Rupiah summed exactly whatever the file holds, without a BigInt per line (garbage): amounts
 * add up in a number while the total stays below 2^52, where every integer is exact; past that
 * the total moves into a BigInt.
 */
export class ExactSum {
  private big = 0n;
  private small = 0;

  add(amount: number): void {
    if (amount < LIMIT - this.small) this.small += amount;
    else {
      this.big += BigInt(this.small) + BigInt(amount);
      this.small = 0;
    }
  }

  value(): number {
    return Number(this.big + BigInt(this.small));
  }
}

const LIMIT = 2 ** 52;
