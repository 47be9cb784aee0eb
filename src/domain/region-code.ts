/**
 * Kemendagri region codes (DOMAIN.md "Region code"): PP, PP.KK, PP.KK.CC, PP.KK.CC.XXXX.
 * Accepted with or without dots; the canonical stored form is digits only ("1371011001"),
 * so that a NIK's first six digits compare directly with a kecamatan code and a scope is a
 * simple prefix.
 */
export type RegionLevel = 'provinsi' | 'kabupaten' | 'kecamatan' | 'desa';

const LENGTH_TO_LEVEL: Record<number, RegionLevel> = {
  2: 'provinsi',
  4: 'kabupaten',
  6: 'kecamatan',
  10: 'desa',
};
const DOTTED = /^\d{2}(\.\d{2}(\.\d{2}(\.\d{4})?)?)?$/;

/** Returns the canonical digits-only code, or null when the text is not a region code. */
export function canonicalRegionCode(input: string | null | undefined): string | null {
  if (input === null || input === undefined) return null;
  const text = input.trim();
  if (text.includes('.')) return DOTTED.test(text) ? text.replaceAll('.', '') : null;
  return /^\d+$/.test(text) && LENGTH_TO_LEVEL[text.length] ? text : null;
}

export function regionLevel(canonical: string): RegionLevel {
  const level = LENGTH_TO_LEVEL[canonical.length];
  if (!level) throw new Error(`not a canonical region code: ${canonical}`);
  return level;
}

/** Display form with dots: "1371011001" → "13.71.01.1001". */
export function formatRegionCode(canonical: string): string {
  const parts = [canonical.slice(0, 2), canonical.slice(2, 4), canonical.slice(4, 6), canonical.slice(6)];
  return parts.filter((p) => p.length > 0).join('.');
}

export function parentRegionCode(canonical: string): string | null {
  switch (canonical.length) {
    case 10:
      return canonical.slice(0, 6);
    case 6:
      return canonical.slice(0, 4);
    case 4:
      return canonical.slice(0, 2);
    default:
      return null;
  }
}

/** True when `code` is `scope` itself or lies inside it. */
export function isWithinRegion(code: string, scope: string): boolean {
  return code.startsWith(scope);
}

/** Kabupaten (01–69) or kota (71–99), from the second pair of digits. */
export function isKota(kabupatenCode: string): boolean {
  return Number(kabupatenCode.slice(2, 4)) >= 71;
}

/** In a 10-digit code the first digit of the last four says kelurahan (1) or desa (2). */
export function villageKind(canonical: string): 'kelurahan' | 'desa' {
  return canonical[6] === '1' ? 'kelurahan' : 'desa';
}
