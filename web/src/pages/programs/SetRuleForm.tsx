import { Button, Group, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { api, type Schemas, unwrap } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useNotify } from '../../components/Notifications';
import { useI18n } from '../../i18n';
import { formatCalendarDate } from '../../lib/format';
import { formatRuleValue, parseRupiahInput, ruleLabel } from './programFormat';

type RuleKey = Schemas['BenefitRuleList']['keys'][number];
type Rule = Schemas['BenefitRule'];

interface SetRuleFormProps {
  program: string;
  keys: RuleKey[];
  rules: Rule[];
}

/** Admin: a new value of one rule from a date, with its legal basis (audited on the server). */
export function SetRuleForm({ program, keys, rules }: SetRuleFormProps) {
  const { t, language } = useI18n();
  const notify = useNotify();
  const queryClient = useQueryClient();
  const [key, setKey] = useState<string | null>(null);
  const [value, setValue] = useState('');
  const [validFrom, setValidFrom] = useState('');
  const [source, setSource] = useState('');
  const [errors, setErrors] = useState<Partial<Record<'key' | 'value' | 'validFrom' | 'source', string>>>({});
  const spec = keys.find((k) => k.key === key);
  const latest = rules.find((r) => r.key === key && r.validTo === null);

  const save = useMutation({
    mutationFn: (body: Schemas['SetRuleBody']) =>
      unwrap(api.POST('/api/programs/{program}/rules', { params: { path: { program } }, body })),
    onSuccess: ({ rule }) => {
      notify({
        color: 'green',
        message: t('programs.ruleSaved', {
          rule: ruleLabel(rule.key, t),
          value: formatRuleValue(rule.value, rule.unit, language),
          date: formatCalendarDate(rule.validFrom, language),
        }),
      });
      setValue('');
      setValidFrom('');
      setSource('');
      void queryClient.invalidateQueries({ queryKey: ['programs', program, 'rules'] });
    },
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    const found: typeof errors = {};
    const parsed =
      spec?.unit === 'RUPIAH' ? parseRupiahInput(value) : /^\d+$/.test(value.trim()) ? Number(value) : null;
    if (!key) found.key = t('programs.required');
    if (parsed === null)
      found.value = spec?.unit === 'RUPIAH' ? t('programs.moneyInvalid') : t('programs.required');
    if (!/^\d{4}-\d{2}-\d{2}$/.test(validFrom)) found.validFrom = t('programs.required');
    if (!source.trim()) found.source = t('programs.required');
    setErrors(found);
    if (Object.keys(found).length > 0 || !key || parsed === null) return;
    save.mutate({ key, value: parsed, validFrom, source: source.trim() });
  }

  return (
    <form onSubmit={submit} noValidate data-testid="set-rule-form">
      <Stack>
        <ErrorAlert error={save.error} />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Select
            label={t('programs.setRuleKey')}
            data={keys.map((k) => ({ value: k.key, label: `${ruleLabel(k.key, t)} (${k.key})` }))}
            value={key}
            onChange={setKey}
            error={errors.key}
            searchable
            required
          />
          <TextInput
            label={t('programs.setRuleValue')}
            description={
              latest
                ? `${formatRuleValue(latest.value, latest.unit, language)} · ${formatCalendarDate(latest.validFrom, language)}`
                : spec && spec.unit !== 'RUPIAH'
                  ? `${spec.min}–${spec.max}`
                  : undefined
            }
            value={value}
            onChange={(event) => setValue(event.currentTarget.value)}
            error={errors.value}
            inputMode="numeric"
            required
          />
          <TextInput
            type="date"
            label={t('programs.setRuleFrom')}
            value={validFrom}
            onChange={(event) => setValidFrom(event.currentTarget.value)}
            error={errors.validFrom}
            required
          />
          <TextInput
            label={t('programs.setRuleSource')}
            value={source}
            onChange={(event) => setSource(event.currentTarget.value)}
            error={errors.source}
            maxLength={300}
            required
          />
        </SimpleGrid>
        <Group justify="space-between">
          <Text size="xs" c="dimmed">
            {t('programs.setRuleHint')}
          </Text>
          <Button type="submit" loading={save.isPending}>
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
