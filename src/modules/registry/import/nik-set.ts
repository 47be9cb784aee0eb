import { DigitKeyTable } from './digit-key-table';

/**
 * The NIKs accepted so far in a file (DUPLICATE_IN_FILE), for a million rows: the compact
 * digit-key table (digit-key-table.ts) instead of a Set of strings.
 */
export class NikSet {
  private readonly table = new DigitKeyTable();

  has(nik: string): boolean {
    return this.table.get(nik) !== undefined;
  }

  add(nik: string): this {
    this.table.addNew(nik, 1);
    return this;
  }

  /** Adds the NIK; false when it was there already (one lookup for has + add). */
  addNew(nik: string): boolean {
    return this.table.addNew(nik, 1);
  }

  get size(): number {
    return this.table.size;
  }
}
