/** `--map` may repeat, and each may list several `KOLOM=bidang` separated by commas. */
export function collectMapOption(value: string, previous: string[]): string[] {
  return [...previous, ...value.split(',')];
}
