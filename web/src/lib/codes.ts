/** Whether a code from the server is one the app has words for: a newer server may send others. */
export function isKnownCode<T extends string>(
  list: readonly T[],
  value: string | null | undefined,
): value is T {
  return typeof value === 'string' && (list as readonly string[]).includes(value);
}
