import { Anchor, Group, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useI18n } from '../../i18n';
import { formatNumber } from '../../lib/format';
import { formatRupiah } from '../programs/programFormat';
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
  const { t, language } = useI18n();
  const rows = Object.entries(counts).sort((a, b) => b[1] - a[1]);
  if (rows.length === 0) return null;
  return (
    <Stack gap={4}>
      <Text size="sm" fw={600}>
        {title}
      </Text>
      <Table verticalSpacing={4} layout="fixed">
        <Table.Tbody>
          {rows.map(([code, n]) => (
            <Table.Tr key={code} data-testid={`disbursement-reason-${code}`}>
              <Table.Td w={80} ta="right" fw={600}>
                {formatNumber(n, language)}
              </Table.Td>
              <Table.Td>
                <Text size="sm">
                  {t(`disbursements.reasons.${code}` as 'disbursements.reasons.NIK_FORMAT', code)}
                </Text>
                <Text size="xs" c="dimmed" ff="monospace">
                  {code}
                </Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
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
          <Group gap="xs">
            <Text size="sm">{t('disbursements.result.download')}</Text>
            <Anchor
              href={rejectedLinesUrl(program, period, summary.reportId, 'csv')}
              download
              size="sm"
              data-testid="disbursement-rejected-csv"
            >
              CSV
            </Anchor>
            <Anchor href={rejectedLinesUrl(program, period, summary.reportId, 'xlsx')} download size="sm">
              XLSX
            </Anchor>
          </Group>
        )}
      </Stack>
    </Paper>
  );
}
