import { describe, expect, it } from 'vitest';
import { NONE, SEVERAL } from '../../platform/files/digit-string-table';
import { AllocationKeys } from './allocation-keys';

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
