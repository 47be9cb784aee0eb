import { describe, expect, it } from 'vitest';
import { DigitStringTable, NONE, SEVERAL } from './digit-string-table';

describe('DigitStringTable', () => {
  it('finds keys like a Map does: lengths 1–18, leading zeros, letters, longer numbers, keys put twice', () => {
    const keys: string[] = [];
    let seed = 7;
    const next = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed;
    };
    for (let i = 0; i < 20_000; i++) {
      const length = 1 + (next() % 22);
      let key = '';
      for (let d = 0; d < length; d++) key += String(next() % 10);
      if (i % 97 === 0) key = `KKS${key}`;
      keys.push(key);
    }
    keys.push('0', '00', '000123', '123', '999999999999999999', '1000000000000000000');
    const table = new DigitStringTable(keys.length);
    const expected = new Map<string, number>();
    keys.forEach((key, i) => {
      const text = `x${key}y`;
      table.put(text, 1, 1 + key.length, i);
      expected.set(key, expected.has(key) ? SEVERAL : i);
    });
    // Some keys twice (SEVERAL), as two allocations sharing an account.
    for (const i of [3, 500, 19_999]) {
      const key = keys[i]!;
      table.put(key, 0, key.length, 100_000 + i);
      expected.set(key, SEVERAL);
    }
    for (const [key, value] of expected) expect(table.get(key)).toBe(value);
    for (const missing of ['', '1234567890123456789012', 'KKS', '0000', '00000000000000000000'])
      if (!expected.has(missing)) expect(table.get(missing)).toBe(NONE);
    expect(table.get('0123')).toBe(expected.get('0123') ?? NONE);
  });
});

describe('DigitStringTable, crowded', () => {
  it('tells keys apart by length when their digits are the same number (0, 00, 000 …)', () => {
    // Sized for one key: 1,024 slots, filled to 1,000 below, so probes run through long clusters.
    const table = new DigitStringTable(1);
    const keys: string[] = [];
    for (let i = 0; keys.length < 964; i++) keys.push(String(1_000_003 * i + 11));
    // Put last, into the crowded table: their probes pass each other's slots.
    for (let length = 1; length <= 18; length++) keys.push('0'.repeat(length), `${'0'.repeat(length - 1)}7`);
    keys.forEach((key, i) => {
      table.put(key, 0, key.length, i);
    });
    keys.forEach((key, i) => {
      expect(table.get(key)).toBe(i);
    });
  });
});
