import type { ProgramKind } from '../../db/types';
// The `<component>` of pkh.index.* and pkh.limit.*: the components the PKH calculation reads.
import { PKH_COMPONENTS } from '../../domain/pkh-benefit';

/**
 * The benefit rules an admin may set, per programme kind (DOMAIN.md "Programmes — rules kept
 * as data"). A key outside this list would be stored but never read by any calculation, so it
 * is refused rather than kept silently.
 */
export type RuleUnit = 'RUPIAH' | 'COUNT' | 'PERCENT' | 'DESIL';

interface RuleSpec {
  key: string;
  unit: RuleUnit;
  min: number;
  max: number;
  kinds: readonly ProgramKind[];
}

// Values fit a bigint column and stay exact in JS numbers; no benefit comes near this bound.
const MAX_RUPIAH = 1_000_000_000_000;

export const RULE_SPECS: readonly RuleSpec[] = [
  // Kepmensos 79/HUK/2025: desil thresholds per programme; a local programme may set its own.
  { key: 'targeting.desil_max', unit: 'DESIL', min: 1, max: 10, kinds: ['PKH', 'SEMBAKO', 'LOCAL'] },
  // At least one member must count, or no family would receive anything.
  { key: 'pkh.max_members', unit: 'COUNT', min: 1, max: 20, kinds: ['PKH'] },
  { key: 'pkh.sanction_percent', unit: 'PERCENT', min: 0, max: 100, kinds: ['PKH'] },
  ...PKH_COMPONENTS.map(
    (c): RuleSpec => ({ key: `pkh.index.${c}`, unit: 'RUPIAH', min: 0, max: MAX_RUPIAH, kinds: ['PKH'] }),
  ),
  ...PKH_COMPONENTS.map(
    (c): RuleSpec => ({ key: `pkh.limit.${c}`, unit: 'COUNT', min: 0, max: 20, kinds: ['PKH'] }),
  ),
  { key: 'sembako.monthly', unit: 'RUPIAH', min: 0, max: MAX_RUPIAH, kinds: ['SEMBAKO'] },
];

const BY_KEY = new Map(RULE_SPECS.map((spec) => [spec.key, spec]));

export function ruleSpec(key: string): RuleSpec | undefined {
  return BY_KEY.get(key);
}

/** The keys a programme of this kind may carry, in display order. */
export function ruleKeysFor(kind: ProgramKind): RuleSpec[] {
  return RULE_SPECS.filter((spec) => spec.kinds.includes(kind));
}

export type RuleProblem =
  | { code: 'RULE_KEY_UNKNOWN'; message: string }
  | { code: 'RULE_VALUE_INVALID'; message: string };

/** Checks a key against the programme's kind and the value against the key's range. */
export function checkRule(kind: ProgramKind, key: string, value: number): RuleProblem | null {
  const spec = BY_KEY.get(key);
  if (!spec?.kinds.includes(kind)) {
    const allowed = ruleKeysFor(kind)
      .map((s) => s.key)
      .join(', ');
    return {
      code: 'RULE_KEY_UNKNOWN',
      message: `Aturan "${key}" tidak dikenal untuk program jenis ${kind}. Yang dapat diatur: ${allowed}.`,
    };
  }
  if (!Number.isSafeInteger(value) || value < spec.min || value > spec.max) {
    const range =
      spec.unit === 'RUPIAH'
        ? 'rupiah bilangan bulat, 0 atau lebih'
        : `bilangan bulat ${spec.min}–${spec.max}${spec.unit === 'PERCENT' ? ' (persen)' : ''}`;
    return {
      code: 'RULE_VALUE_INVALID',
      message: `Nilai ${String(value)} untuk "${key}" tidak sah: harus ${range}.`,
    };
  }
  return null;
}
