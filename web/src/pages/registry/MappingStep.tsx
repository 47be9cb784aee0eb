import { Alert, Button, Group, SegmentedControl, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { api, type Schemas, unwrap } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useI18n } from '../../i18n';
import { formatNumber } from '../../lib/format';
import { DTSEN_FIELDS, type DtsenField, fieldLabel, formatBytes, REQUIRED_FIELDS } from './labels';
import type { UploadPreview } from './uploadFile';

export type ImportKind = 'DTSEN' | 'DTKS';

/** What the operator chose on the mapping step; kept by the page so "back" restores it. */
export interface ImportDraft {
  preview: UploadPreview;
  sheet: string | undefined;
  /** The field each column (by index) is read as; null: ignored. */
  fields: (DtsenField | null)[];
  edition: string;
  kind: ImportKind;
}

const EDITION = /^\d{4}-(0[1-9]|1[0-2])$/;
const IGNORE = '';

export function draftFrom(preview: UploadPreview, sheet: string | undefined, edition: string): ImportDraft {
  return { preview, sheet, fields: preview.mapping.map((m) => m.field), edition, kind: 'DTSEN' };
}

/** Required fields no column is read as, and the columns that repeat a field already taken. */
export function mappingProblems(fields: readonly (DtsenField | null)[]) {
  const missing = REQUIRED_FIELDS.filter((field) => !fields.includes(field));
  const repeated = new Set<number>();
  fields.forEach((field, index) => {
    if (field && fields.indexOf(field) !== index) repeated.add(index);
  });
  return { missing, repeated };
}

interface MappingStepProps {
  draft: ImportDraft;
  onChange: (draft: ImportDraft) => void;
  onStarted: (job: Schemas['Job']) => void;
  onChangeFile: () => void;
}

/** Step 2: which column is which field, the edition and the kind; then the import starts as a job. */
export function MappingStep({ draft, onChange, onStarted, onChangeFile }: MappingStepProps) {
  const { t, language } = useI18n();
  const { preview } = draft;
  const { missing, repeated } = mappingProblems(draft.fields);
  const editionValid = EDITION.test(draft.edition);

  const start = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/api/registry/imports', {
          body: {
            uploadId: preview.uploadId,
            fileName: preview.fileName,
            edition: draft.edition,
            kind: draft.kind,
            ...(draft.sheet ? { sheet: draft.sheet } : {}),
            // Only what differs from the server's own recognition: the mapping is "extra" there.
            mapping: draft.fields.flatMap((field, index) => {
              const header = preview.headers[index];
              const auto = preview.mapping[index]?.field ?? null;
              return field && header && field !== auto ? [{ header, field }] : [];
            }),
          },
        }),
      ),
    onSuccess: onStarted,
  });

  const options = [
    { value: IGNORE, label: t('registry.import.ignore') },
    ...DTSEN_FIELDS.map((field) => ({
      value: field,
      label: `${fieldLabel(t, field)}${REQUIRED_FIELDS.includes(field) ? ' *' : ''}`,
    })),
  ];

  function setField(index: number, value: string | null) {
    const fields = [...draft.fields];
    fields[index] = value ? (value as DtsenField) : null;
    onChange({ ...draft, fields });
  }

  return (
    <Stack gap="sm">
      <Text size="sm" fw={500} data-testid="import-file-info">
        {t('registry.import.uploaded', {
          fileName: preview.fileName,
          size: formatBytes(preview.bytes, language),
          columns: formatNumber(preview.headers.length, language),
        })}
      </Text>
      <Text size="sm" c="dimmed">
        {t('registry.import.mappingIntro')}
      </Text>
      <Table.ScrollContainer minWidth={320} type="native">
        <Table verticalSpacing={6} data-testid="mapping-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w="45%">{t('registry.import.header')}</Table.Th>
              <Table.Th>{t('registry.import.field')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {preview.headers.map((header, index) => {
              const field = draft.fields[index] ?? null;
              const auto = preview.mapping[index]?.field ?? null;
              const autoIgnored = field === null && auto !== null;
              return (
                // biome-ignore lint/suspicious/noArrayIndexKey: columns are positional; headers may repeat
                <Table.Tr key={index} data-testid="mapping-row">
                  <Table.Td style={{ wordBreak: 'break-word' }}>
                    <Text size="sm" ff="monospace">
                      {header || '—'}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Select
                      aria-label={t('registry.import.field')}
                      data={options}
                      value={field ?? IGNORE}
                      onChange={(value) => setField(index, value)}
                      allowDeselect={false}
                      disabled={!header}
                      size="xs"
                      error={repeated.has(index) ? t('registry.import.duplicate') : undefined}
                      description={
                        autoIgnored
                          ? t('registry.import.autoIgnored', { field: fieldLabel(t, auto) })
                          : undefined
                      }
                      inputWrapperOrder={['input', 'description', 'error']}
                      comboboxProps={{ withinPortal: true }}
                      data-testid={`mapping-select-${index}`}
                    />
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {missing.length > 0 && (
        <Alert color="red" variant="light" data-testid="mapping-missing">
          {t('registry.import.missing', { fields: missing.map((field) => fieldLabel(t, field)).join(', ') })}
        </Alert>
      )}
      <Group align="flex-start" gap="md">
        <TextInput
          type="month"
          label={t('registry.import.edition')}
          description={t('registry.import.editionHint')}
          value={draft.edition}
          onChange={(event) => onChange({ ...draft, edition: event.currentTarget.value })}
          error={editionValid ? undefined : t('registry.import.editionInvalid')}
          placeholder="2026-11"
          w={{ base: '100%', xs: 220 }}
          data-testid="import-edition"
        />
        <Stack gap={4}>
          <Text size="sm" fw={500}>
            {t('registry.import.kind')}
          </Text>
          <SegmentedControl
            value={draft.kind}
            onChange={(value) => onChange({ ...draft, kind: value === 'DTKS' ? 'DTKS' : 'DTSEN' })}
            data={['DTSEN', 'DTKS']}
            aria-label={t('registry.import.kind')}
          />
        </Stack>
      </Group>
      <ErrorAlert error={start.error} />
      <Group>
        <Button
          onClick={() => start.mutate()}
          loading={start.isPending}
          disabled={missing.length > 0 || repeated.size > 0 || !editionValid}
          data-testid="import-start"
        >
          {t('registry.import.start')}
        </Button>
        <Button variant="default" onClick={onChangeFile} disabled={start.isPending}>
          {t('registry.import.changeFile')}
        </Button>
      </Group>
    </Stack>
  );
}
