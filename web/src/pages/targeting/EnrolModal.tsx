import {
  Alert,
  Button,
  Group,
  Modal,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, type Schemas, unwrap } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useNotify } from '../../components/Notifications';
import { useI18n } from '../../i18n';
import { formatNumber, formatRegionCode, formatRupiah } from '../../lib/format';
import type { RequireFilter } from './ExclusionList';

const CHANNELS = ['POS', 'BRI', 'BNI', 'MANDIRI', 'BTN', 'BSI'] as const;

/**
 * Enrols left-out families into a local programme: choose programme, period and channel, see
 * how many fit the remaining budget (nothing written), then confirm.
 */
export function EnrolModal({
  program,
  period,
  require,
  onClose,
}: {
  program: string;
  period: string;
  require: RequireFilter;
  onClose: () => void;
}) {
  const { t, language } = useI18n();
  const notify = useNotify();
  const queryClient = useQueryClient();
  const programs = useQuery({ queryKey: ['programs'], queryFn: () => unwrap(api.GET('/api/programs')) });
  const locals = (programs.data?.items ?? []).filter((p) => p.kind === 'LOCAL');
  const [local, setLocal] = useState<string | null>(null);
  const [localPeriod, setLocalPeriod] = useState(/^\d{4}-\d{2}$/.test(period) ? period : '');
  const [channel, setChannel] = useState<string>('POS');
  const [preview, setPreview] = useState<Schemas['EnrolmentResult'] | null>(null);

  const run = useMutation({
    mutationFn: (dryRun: boolean) =>
      unwrap(
        api.POST('/api/programs/{program}/periods/{period}/enrolments', {
          params: { path: { program: local ?? '', period: localPeriod.trim().toUpperCase() } },
          body: { fromProgram: program, fromPeriod: period, channel, dryRun, ...require },
        }),
      ),
    onSuccess: (result) => {
      if (result.dryRun) {
        setPreview(result);
        return;
      }
      notify({
        color: 'green',
        message: t('targeting.enrolled', {
          number: formatNumber(result.enrolled, language),
          program: result.local,
          period: result.period,
        }),
      });
      void queryClient.invalidateQueries({ queryKey: ['targeting'] });
      void queryClient.invalidateQueries({ queryKey: ['programs'] });
      onClose();
    },
  });
  const changed =
    <T,>(set: (v: T) => void) =>
    (v: T) => {
      set(v);
      setPreview(null);
      run.reset();
    };
  const rupiah = (n: number) => formatRupiah(n, language);

  return (
    <Modal opened onClose={onClose} title={t('targeting.enrolTitle')} size="lg" centered>
      <Stack>
        <Text size="sm">{t('targeting.enrolIntro', { program, period })}</Text>
        {programs.isSuccess && locals.length === 0 && <Text c="dimmed">{t('targeting.enrolNoLocal')}</Text>}
        <Group grow align="flex-end">
          <Select
            label={t('targeting.enrolLocal')}
            data={locals.map((p) => ({ value: p.code, label: `${p.code} — ${p.name}` }))}
            value={local}
            onChange={changed(setLocal)}
            data-testid="enrol-local"
          />
          <TextInput
            label={t('targeting.enrolPeriod')}
            placeholder="2026-03"
            value={localPeriod}
            onChange={(e) => changed(setLocalPeriod)(e.currentTarget.value)}
            data-testid="enrol-period"
          />
          <Select
            label={t('targeting.enrolChannel')}
            data={[...CHANNELS]}
            value={channel}
            onChange={(v) => changed(setChannel)(v ?? 'POS')}
            allowDeselect={false}
            data-testid="enrol-channel"
          />
        </Group>
        <ErrorAlert error={run.error} />
        {preview && (
          <Stack gap="xs" data-testid="enrol-preview">
            <SimpleGrid cols={2} spacing={4}>
              <Text size="sm">{t('targeting.previewCandidates')}</Text>
              <Text size="sm">{formatNumber(preview.candidates, language)}</Text>
              <Text size="sm">{t('targeting.previewAlready')}</Text>
              <Text size="sm">{formatNumber(preview.alreadyEnrolled, language)}</Text>
              <Text size="sm" fw={600}>
                {t('targeting.previewEnrolled')}
              </Text>
              <Text size="sm" fw={600} data-testid="enrol-preview-count">
                {formatNumber(preview.enrolled, language)} × {rupiah(preview.benefitAmount)}
              </Text>
              <Text size="sm">{t('targeting.previewNotFunded')}</Text>
              <Text size="sm">{formatNumber(preview.notFunded, language)}</Text>
              <Text size="sm">{t('targeting.previewTotal')}</Text>
              <Text size="sm">{rupiah(preview.total)}</Text>
              <Text size="sm">{t('targeting.previewBudget')}</Text>
              <Text size="sm">
                {rupiah(preview.budget)} / {rupiah(preview.used)}
              </Text>
              <Text size="sm">{t('targeting.previewRemaining')}</Text>
              <Text size="sm">{rupiah(preview.remainingAfter)}</Text>
            </SimpleGrid>
            {preview.alsoReceiving.length > 0 && (
              <Alert color="yellow" variant="light" data-testid="enrol-also-receiving">
                {t('targeting.alsoReceiving', {
                  list: preview.alsoReceiving
                    .map((r) => `${r.program} ${r.period}: ${formatNumber(r.families, language)}`)
                    .join(', '),
                  number: formatNumber(preview.enrolled, language),
                })}
              </Alert>
            )}
            {preview.enrolled === 0 ? (
              <Text c="dimmed" size="sm">
                {t('targeting.previewNothing')}
              </Text>
            ) : (
              <>
                <Text size="sm" fw={600}>
                  {t('targeting.previewFirst')}
                </Text>
                <Table verticalSpacing={2} fz="xs">
                  <Table.Tbody>
                    {preview.families.slice(0, Math.min(10, preview.enrolled)).map((f) => (
                      <Table.Tr key={f.householdId}>
                        <Table.Td>{f.regionName ?? formatRegionCode(f.regionCode)}</Table.Td>
                        <Table.Td ff="monospace">{f.kk}</Table.Td>
                        <Table.Td>{f.headName}</Table.Td>
                        <Table.Td>
                          {t('targeting.colDesil')} {f.desil}
                        </Table.Td>
                        <Table.Td>
                          {f.livingMembers} {t('targeting.colLiving').toLowerCase()}
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </>
            )}
          </Stack>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          {preview && preview.enrolled > 0 ? (
            <Button loading={run.isPending} onClick={() => run.mutate(false)} data-testid="enrol-confirm">
              {t('targeting.confirm', { number: formatNumber(preview.enrolled, language) })}
            </Button>
          ) : (
            <Button
              variant="light"
              disabled={!local || localPeriod.trim() === ''}
              loading={run.isPending}
              onClick={() => run.mutate(true)}
              data-testid="enrol-preview-button"
            >
              {t('targeting.preview')}
            </Button>
          )}
        </Group>
      </Stack>
    </Modal>
  );
}
