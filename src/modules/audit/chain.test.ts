import { describe, expect, it } from 'vitest';
import { canonicalJson, entryHash, GENESIS_HASH } from './chain';

const fields = {
  at: new Date('2026-11-25T01:02:03.456Z'),
  actor_user_id: 7,
  actor_username: 'admin',
  actor_role: 'admin_dinsos',
  action: 'user.update',
  entity_type: 'user',
  entity_id: '9',
  region_code: '1371',
  request_id: 'r1',
  before: { role: 'operator_kecamatan', regionCode: '137101' },
  after: { regionCode: '137102', role: 'operator_kecamatan' },
  details: null,
};

describe('audit hash chain', () => {
  it('hashes the same entry the same whatever the key order jsonb gives back', () => {
    const reordered = { ...fields, before: { regionCode: '137101', role: 'operator_kecamatan' } };
    expect(entryHash(GENESIS_HASH, reordered)).toBe(entryHash(GENESIS_HASH, fields));
  });

  it('changes the hash when any covered field or the previous hash changes', () => {
    const base = entryHash(GENESIS_HASH, fields);
    expect(
      entryHash(GENESIS_HASH, { ...fields, after: { regionCode: '137103', role: 'operator_kecamatan' } }),
    ).not.toBe(base);
    expect(entryHash(GENESIS_HASH, { ...fields, at: new Date('2026-11-25T01:02:03.457Z') })).not.toBe(base);
    expect(entryHash('1'.repeat(64), fields)).not.toBe(base);
  });

  it('ignores fields outside the chain (id, stored hashes)', () => {
    expect(entryHash(GENESIS_HASH, { ...fields, id: 5, hash: 'x', prev_hash: 'y' } as typeof fields)).toBe(
      entryHash(GENESIS_HASH, fields),
    );
  });

  it('writes canonical JSON with sorted keys and no undefined', () => {
    expect(canonicalJson({ b: 1, a: [true, null, { d: undefined, c: 'x' }] })).toBe(
      '{"a":[true,null,{"c":"x"}],"b":1}',
    );
  });
});
