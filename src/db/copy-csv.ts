/** CSV text for COPY … WITH (FORMAT csv): one place that knows the quoting rules. */
export type CopyValue = string | number | boolean | null | readonly string[];

/** null → empty (NULL); "" is quoted (an empty string); arrays become a text[] literal of plain codes. */
export function csvValue(value: CopyValue): string {
  if (value === null) return '';
  if (typeof value === 'boolean') return value ? 't' : 'f';
  if (typeof value === 'number') return String(value);
  if (typeof value !== 'string') return csvValue(`{${value.join(',')}}`);
  return value === '' || /[",\n\r]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

export function csvRow(values: readonly CopyValue[]): string {
  return `${values.map(csvValue).join(',')}\n`;
}
