import { Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { ReasonCounts, RejectedFileLinks } from '../../components/ReasonCounts';
import { useI18n } from '../../i18n';
import { formatNumber, formatRupiah } from '../../lib/format';
import { rejectedLinesUrl } from './uploadReport';

/** The job's result of `disbursement.import` (DisbursementImportSummary on the server). */
export interface DisbursementSummary {
  reportId: number;
  rowsRead: number;
  accepted: number;
  rejected: number;
  alreadyReported: number;
  matched: number;
  unallocated: number;
  byStatus: { BERHASIL: { lines: number; amount: number }; GAGAL: { lines: number; amount: number } };
  rejectedByReason: Record<string, number>;
  warningsByReason: Record<string, number>;
}

function Stat({
  label,
  value,
  color,
  testId,
}: {
  label: string;
  value: string;
  color?: string;
  testId?: string;
}) {
  return (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="lg" fw={700} c={color} data-testid={testId}>
        {value}
      </Text>
    </div>
  );
}

function Reasons({ title, counts }: { title: string; counts: Record<string, number> }) {
  const { t } = useI18n();
  if (Object.keys(counts).length === 0) return null;
  return (
    <Stack gap={4}>
      <Text size="sm" fw={600}>
        {title}
      </Text>
      <ReasonCounts
        counts={counts}
        label={(code) => t(`disbursements.reasons.${code}` as 'disbursements.reasons.NIK_FORMAT', code)}
        testIdPrefix="disbursement-"
      />
    </Stack>
  );
}

/** The outcome of one report import: counts, rupiah by status, reasons, rejected-lines download. */
export function ReportSummary({
  summary,
  program,
  period,
}: {
  summary: DisbursementSummary;
  program: string;
  period: string;
}) {
  const { t, language } = useI18n();
  const n = (v: number) => formatNumber(v, language);
  return (
    <Paper withBorder p="md" data-testid="disbursement-result">
      <Stack gap="md">
        <Title order={4}>{t('disbursements.result.title', { id: summary.reportId })}</Title>
        <SimpleGrid cols={{ base: 2, sm: 4 }}>
          <Stat label={t('disbursements.result.rowsRead')} value={n(summary.rowsRead)} />
          <Stat
            label={t('disbursements.result.accepted')}
            value={n(summary.accepted)}
            color="green.8"
            testId="disbursement-accepted"
          />
          <Stat
            label={t('disbursements.result.rejected')}
            value={n(summary.rejected)}
            color={summary.rejected ? 'red.8' : undefined}
            testId="disbursement-rejected"
          />
          <Stat
            label={t('disbursements.result.alreadyReported')}
            value={n(summary.alreadyReported)}
            testId="disbursement-already"
          />
          <Stat label={t('disbursements.result.matched')} value={n(summary.matched)} />
          <Stat
            label={t('disbursements.result.unallocated')}
            value={n(summary.unallocated)}
            color={summary.unallocated ? 'orange.8' : undefined}
          />
          <Stat
            label={`${t('disbursements.result.berhasil')} (${n(summary.byStatus.BERHASIL.lines)})`}
            value={formatRupiah(summary.byStatus.BERHASIL.amount, language)}
          />
          <Stat
            label={`${t('disbursements.result.gagal')} (${n(summary.byStatus.GAGAL.lines)})`}
            value={formatRupiah(summary.byStatus.GAGAL.amount, language)}
          />
        </SimpleGrid>
        <Reasons title={t('disbursements.result.rejectedTitle')} counts={summary.rejectedByReason} />
        <Reasons title={t('disbursements.result.warningsTitle')} counts={summary.warningsByReason} />
        {summary.rejected > 0 && (
          <RejectedFileLinks
            label={t('disbursements.result.download')}
            url={(format) => rejectedLinesUrl(program, period, summary.reportId, format)}
            testId="disbursement-rejected"
          />
        )}
      </Stack>
    </Paper>
  );
}
