import { describe, expect, it } from 'vitest';
import { AllocationKeys, DigitStringTable, NONE, SEVERAL } from './allocation-keys';

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

describe('AllocationKeys', () => {
  it('reads COPY text: NULL accounts, escaped values, scopes and channels per line', () => {
    const text = [
      '11\t1371031908790001\t\\N\t1371031001\tBRI',
      '12\t1371031908790002\t0021000\t1371031001\tBRI',
      '13\t1371031908790002\tAB\\t#1\\\\\t1371111001\tPOS',
      '14\t1371031908790003\t0021000\t1371111001\tPOS',
      '',
    ].join('\n');
    const keys = AllocationKeys.fromText(text, 4);
    expect(keys.nik('1371031908790001')).toBe(0);
    expect(keys.nik('1371031908790002')).toBe(SEVERAL);
    expect(keys.nik('1371031908790009')).toBe(NONE);
    expect(keys.account('0021000')).toBe(SEVERAL);
    expect(keys.account('\\N')).toBe(NONE);
    expect([0, 1, 2, 3].map((i) => keys.id(i))).toEqual([11, 12, 13, 14]);
    expect([0, 1, 2, 3].map((i) => keys.scopes[keys.scopeIndex(i)])).toEqual([
      '1371031001',
      '1371031001',
      '1371111001',
      '1371111001',
    ]);
    expect([0, 1, 2, 3].map((i) => keys.channels[keys.channelIndex(i)])).toEqual([
      'BRI',
      'BRI',
      'POS',
      'POS',
    ]);
  });

  it('gives the same index when the text arrives in parts cut anywhere, even inside a line', () => {
    const text = `${Array.from(
      { length: 30 },
      (_, i) =>
        `${100 + i}\t13710319087900${String(i % 20).padStart(2, '0')}\t${i % 3 ? `00${i}` : '\\N'}\t137103100${i % 4}\t${i % 5 ? 'BRI' : 'POS'}`,
    ).join('\n')}\n`;
    const whole = AllocationKeys.fromText(text, 30);
    const view = (keys: AllocationKeys) =>
      Array.from({ length: keys.size }, (_, i) => [
        keys.id(i),
        keys.scopes[keys.scopeIndex(i)],
        keys.channels[keys.channelIndex(i)],
      ]).concat(
        Array.from({ length: 20 }, (_, n) => [keys.nik(`13710319087900${String(n).padStart(2, '0')}`)]),
        Array.from({ length: 30 }, (_, i) => [keys.account(`00${i}`)]),
      );
    expect(whole.size).toBe(30);
    for (let cut = 0; cut <= text.length; cut += 7) {
      const keys = new AllocationKeys(4);
      keys.add(text.slice(0, cut));
      keys.add(text.slice(cut));
      expect(view(keys.finish())).toEqual(view(whole));
    }
    const cutShort = new AllocationKeys();
    cutShort.add(text.slice(0, -3));
    expect(() => cutShort.finish()).toThrow();
  });
});
