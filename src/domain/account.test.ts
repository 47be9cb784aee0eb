import { describe, expect, it } from 'vitest';
import { accountKey } from './account';

describe('accountKey', () => {
  it('drops spaces, dots, dashes and slashes and upper-cases letters', () => {
    expect(accountKey('0123-01-000123-50-1')).toBe('012301000123501');
    expect(accountKey('kks 9.001/a')).toBe('KKS9001A');
    expect(accountKey(' 4444\t5555 ')).toBe('44445555');
  });

  it('keeps a digits-only number as it is, and leaves nothing of separators alone', () => {
    expect(accountKey('100000000007')).toBe('100000000007');
    expect(accountKey(' - . / ')).toBe('');
  });
});
