import { TextInput } from '@mantine/core';

/**
 * "Pemetaan kolom tambahan": the web form's twin of the CLI's `--map`, for a file whose headers
 * the server does not recognise (e.g. KET_STATUS instead of STATUS). Sent as the upload's `map`
 * query parameter, `KOLOM=bidang` pairs separated by commas, as the allocation import does.
 * Texts come from the caller, so another import form can use it with its own field names.
 */
export function ColumnMapInput({
  label,
  placeholder,
  description,
  value,
  onChange,
  testId,
}: {
  label: string;
  placeholder: string;
  description?: string;
  value: string;
  onChange: (value: string) => void;
  testId: string;
}) {
  return (
    <TextInput
      label={label}
      placeholder={placeholder}
      description={description}
      value={value}
      onChange={(e) => onChange(e.currentTarget.value)}
      w={300}
      data-testid={testId}
    />
  );
}
