/**
 * An account/KKS number as Salur stores and compares it: without spaces, dots, dashes and
 * slashes, upper case (`0123-01-000123-50-1` = `012301000123501`, `kks 9.001/a` = `KKS9001A`).
 * Allocation lines are stored so and channel report lines are read so, which lets a report line
 * find its allocation by plain equality. Empty when nothing but separators is left.
 */
export function accountKey(text: string): string {
  // Most account numbers are digits only: already their key (no new string per line).
  return allDigits(text) ? text : text.replace(SEPARATORS, '').toUpperCase();
}

const SEPARATORS = /[\s.\-/]+/g;

function allDigits(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}
