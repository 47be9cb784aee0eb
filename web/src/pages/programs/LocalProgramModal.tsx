import { Button, Checkbox, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { type FormEvent, useState } from 'react';
import { ApiError, api, type Schemas, unwrap } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useI18n } from '../../i18n';
import { formatNumber, formatRupiah } from '../../lib/format';
import { parseRupiahInput } from './programFormat';

type Program = Schemas['ProgramSummary'];
type Field = 'code' | 'name' | 'budget' | 'benefitAmount' | 'periodKinds';

// Which server codes belong to which field, so the message shows next to it.
const FIELD_OF_CODE: Record<string, Field> = {
  PROGRAM_CODE_FORMAT: 'code',
  PROGRAM_EXISTS: 'code',
  PROGRAM_NAME_REQUIRED: 'name',
  PROGRAM_BUDGET_INVALID: 'budget',
  PROGRAM_BUDGET_BELOW_BENEFIT: 'budget',
  PROGRAM_BUDGET_BELOW_ALLOCATED: 'budget',
  PROGRAM_BENEFIT_INVALID: 'benefitAmount',
  PROGRAM_PERIOD_KINDS: 'periodKinds',
};

interface LocalProgramModalProps {
  /** The local programme to change; absent to create one. */
  program?: Program;
  onClose: () => void;
  onSaved: (program: Program) => void;
}

/** "Buat program daerah" and "Ubah pagu/nilai" (admin; audited on the server). */
export function LocalProgramModal({ program, onClose, onSaved }: LocalProgramModalProps) {
  const { t, language } = useI18n();
  const phone = useMediaQuery('(max-width: 30em)');
  const [code, setCode] = useState(program?.code ?? '');
  const [name, setName] = useState(program?.name ?? '');
  const [budget, setBudget] = useState(program?.budget != null ? formatNumber(program.budget, 'id') : '');
  const [benefit, setBenefit] = useState(
    program?.benefitAmount != null ? formatNumber(program.benefitAmount, 'id') : '',
  );
  const [kinds, setKinds] = useState<string[]>(program?.periodKinds ?? ['MONTH']);
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [failure, setFailure] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const found: Partial<Record<Field, string>> = {};
    const budgetValue = parseRupiahInput(budget);
    const benefitValue = parseRupiahInput(benefit);
    if (!program && !/^[A-Za-z][A-Za-z0-9_]{1,29}$/.test(code.trim())) found.code = t('programs.codeHint');
    if (!name.trim()) found.name = t('programs.required');
    if (budgetValue === null) found.budget = t('programs.moneyInvalid');
    if (benefitValue === null || benefitValue < 1) found.benefitAmount = t('programs.moneyInvalid');
    // The server refuses it too (PROGRAM_BUDGET_BELOW_BENEFIT); said here before the round trip.
    if (budgetValue !== null && benefitValue !== null && benefitValue >= 1 && budgetValue < benefitValue)
      found.budget = t('programs.budgetBelowBenefit', {
        budget: formatRupiah(budgetValue, language),
        benefit: formatRupiah(benefitValue, language),
      });
    if (!program && kinds.length === 0) found.periodKinds = t('programs.periodKindsRequired');
    setErrors(found);
    setFailure(null);
    if (Object.keys(found).length > 0 || budgetValue === null || benefitValue === null) return;
    setSaving(true);
    try {
      const saved = program
        ? await unwrap(
            api.PATCH('/api/programs/{program}', {
              params: { path: { program: program.code } },
              body: { name: name.trim(), budget: budgetValue, benefitAmount: benefitValue },
            }),
          )
        : await unwrap(
            api.POST('/api/programs', {
              body: {
                code: code.trim().toUpperCase(),
                name: name.trim(),
                budget: budgetValue,
                benefitAmount: benefitValue,
                periodKinds: kinds,
              },
            }),
          );
      onSaved(saved);
    } catch (error) {
      const field = error instanceof ApiError ? FIELD_OF_CODE[error.code] : undefined;
      if (field && error instanceof ApiError) setErrors({ [field]: fieldMessage(error) });
      else setFailure(error);
    } finally {
      setSaving(false);
    }
  }

  /** The server's message, or for the pagu below the allocations the same words in the UI language. */
  function fieldMessage(error: ApiError): string {
    const details = error.details as { budget?: unknown; allocated?: unknown } | undefined;
    if (
      error.code === 'PROGRAM_BUDGET_BELOW_ALLOCATED' &&
      typeof details?.budget === 'number' &&
      typeof details.allocated === 'number'
    )
      return t('programs.budgetBelowAllocated', {
        budget: formatRupiah(details.budget, language),
        allocated: formatRupiah(details.allocated, language),
      });
    return error.message;
  }

  const preview = (text: string) => {
    const value = parseRupiahInput(text);
    return value === null ? undefined : formatRupiah(value, language);
  };

  return (
    <Modal
      opened
      onClose={onClose}
      title={program ? t('programs.editTitle', { code: program.code }) : t('programs.createTitle')}
      size="lg"
      fullScreen={phone}
    >
      <form onSubmit={submit} noValidate data-testid="local-program-form">
        <Stack>
          <ErrorAlert error={failure} />
          <TextInput
            label={t('programs.code')}
            description={program ? undefined : t('programs.codeHint')}
            value={code}
            onChange={(event) => setCode(event.currentTarget.value.toUpperCase())}
            error={errors.code}
            disabled={Boolean(program)}
            required
            autoComplete="off"
          />
          <TextInput
            label={t('programs.name')}
            value={name}
            onChange={(event) => setName(event.currentTarget.value)}
            error={errors.name}
            required
          />
          <TextInput
            label={t('programs.budget')}
            description={preview(budget)}
            value={budget}
            onChange={(event) => setBudget(event.currentTarget.value)}
            error={errors.budget}
            inputMode="numeric"
            required
          />
          <TextInput
            label={t('programs.benefitAmount')}
            description={preview(benefit)}
            value={benefit}
            onChange={(event) => setBenefit(event.currentTarget.value)}
            error={errors.benefitAmount}
            inputMode="numeric"
            required
          />
          {!program && (
            <Checkbox.Group
              label={t('programs.periodKindsLabel')}
              value={kinds}
              onChange={setKinds}
              error={errors.periodKinds}
            >
              <Group mt="xs">
                <Checkbox value="MONTH" label={t('programs.periodKinds.MONTH')} />
                <Checkbox value="QUARTER" label={t('programs.periodKinds.QUARTER')} />
              </Group>
            </Checkbox.Group>
          )}
          <Text size="xs" c="dimmed">
            {t('programs.auditNote')}
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={saving}>
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
