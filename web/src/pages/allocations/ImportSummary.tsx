import { Alert, Badge, Button, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { DetailField } from '../../components/DetailPage';
import { ReasonCounts } from '../../components/ReasonCounts';
import { useI18n } from '../../i18n';
import { formatNumber, formatRupiah } from '../../lib/format';
import { type AllocationImportSummary, rejectedAllocationsUrl } from './uploadAllocation';

/** The outcome of one allocation import: counts, reasons in words, flags, rejected-lines downloads. */
export function ImportSummary({ summary }: { summary: AllocationImportSummary }) {
  const { t, language } = useI18n();
  const reason = (code: string) => t(`allocations.reasons.${code}` as never, { defaultValue: code });
  const flag = (code: string) => t(`allocations.flags.${code}` as never, { defaultValue: code });
  return (
    <Paper withBorder p="md" data-testid="allocation-result">
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={4}>{t('allocations.result.title', { id: summary.importId })}</Title>
          <Badge variant="light">{summary.fileName}</Badge>
        </Group>
        <SimpleGrid cols={{ base: 2, sm: 3, md: 6 }}>
          <DetailField label={t('allocations.result.rowsRead')}>
            <Text fw={700}>{formatNumber(summary.rowsRead, language)}</Text>
          </DetailField>
          <DetailField label={t('allocations.result.accepted')}>
            <Text fw={700} c="green.8" data-testid="allocation-accepted">
              {formatNumber(summary.accepted, language)}
            </Text>
          </DetailField>
          <DetailField label={t('allocations.result.rejected')}>
            <Text fw={700} c={summary.rejected > 0 ? 'red.8' : undefined} data-testid="allocation-rejected">
              {formatNumber(summary.rejected, language)}
            </Text>
          </DetailField>
          <DetailField label={t('allocations.result.linked')}>
            <Text fw={700}>{formatNumber(summary.linked, language)}</Text>
          </DetailField>
          <DetailField label={t('allocations.result.totalAmount')}>
            <Text fw={700}>{formatRupiah(summary.totalAmount, language)}</Text>
          </DetailField>
          <DetailField label={t('allocations.result.expectedAmount')}>
            <Text fw={700}>{formatRupiah(summary.expectedAmount, language)}</Text>
          </DetailField>
        </SimpleGrid>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          {summary.rejected > 0 && (
            <Stack gap={4}>
              <Text fw={600} size="sm">
                {t('allocations.result.rejectedReasons')}
              </Text>
              <ReasonCounts testIdPrefix="allocation-" counts={summary.rejectedByReason} label={reason} />
              <Group gap="xs">
                <Text size="sm">{t('allocations.result.download')}:</Text>
                {(['csv', 'xlsx'] as const).map((format) => (
                  <Button
                    key={format}
                    component="a"
                    href={rejectedAllocationsUrl(summary.importId, format)}
                    size="xs"
                    variant="light"
                    data-testid={`allocation-rejected-${format}`}
                  >
                    {format.toUpperCase()}
                  </Button>
                ))}
              </Group>
            </Stack>
          )}
          {Object.keys(summary.flaggedByReason).length > 0 && (
            <Stack gap={4}>
              <Text fw={600} size="sm">
                {t('allocations.result.flags')}
              </Text>
              <ReasonCounts testIdPrefix="allocation-" counts={summary.flaggedByReason} label={flag} />
            </Stack>
          )}
        </SimpleGrid>
        {summary.alreadyAllocatedInPeriod > 0 && (
          <Alert color="yellow" variant="light">
            {t('allocations.result.alreadyAllocated', {
              count: formatNumber(summary.alreadyAllocatedInPeriod, language) as never,
            })}
          </Alert>
        )}
        {(summary.reportLinesLinked ?? 0) > 0 && (
          <Alert color="blue" variant="light" data-testid="allocation-report-lines-linked">
            {t('allocations.result.reportLinesLinked', {
              count: formatNumber(summary.reportLinesLinked ?? 0, language),
            })}
          </Alert>
        )}
        {summary.ignoredColumns.length > 0 && (
          <Text size="xs" c="dimmed">
            {t('allocations.result.ignoredColumns', { columns: summary.ignoredColumns.join(', ') })}
          </Text>
        )}
      </Stack>
    </Paper>
  );
}
