import { Badge, Button, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { ReasonCounts } from '../../components/ReasonCounts';
import { useI18n } from '../../i18n';
import { formatNumber } from '../../lib/format';
import { type ImportSummary, rejectedReportUrl, rejectionLabel, warningLabel } from './labels';

function Stat({
  label,
  value,
  color,
  testId,
}: {
  label: string;
  value: number;
  color?: string;
  testId?: string;
}) {
  const { language } = useI18n();
  return (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="xl" fw={700} c={color} data-testid={testId}>
        {formatNumber(value, language)}
      </Text>
    </div>
  );
}

/** The outcome of one import: counts, reasons in words, and the rejected-rows report. */
export function ImportResult({ summary, kind }: { summary: ImportSummary; kind: string }) {
  const { t } = useI18n();
  const warnings = Object.values(summary.warningsByReason).reduce((sum, n) => sum + n, 0);
  return (
    <Paper withBorder p="md" data-testid="import-result">
      <Stack gap="md">
        <Group justify="space-between" gap="xs">
          <Title order={3} size="h4">
            {t('registry.import.resultTitle', { kind, edition: summary.edition })}
          </Title>
          <Badge variant="light">#{summary.importId}</Badge>
        </Group>
        <SimpleGrid cols={{ base: 2, sm: 4 }}>
          <Stat label={t('registry.import.rowsRead')} value={summary.rowsRead} testId="result-rows" />
          <Stat
            label={t('registry.import.accepted')}
            value={summary.accepted}
            color="green.8"
            testId="result-accepted"
          />
          <Stat
            label={t('registry.import.rejected')}
            value={summary.rejected}
            color={summary.rejected > 0 ? 'red.8' : undefined}
            testId="result-rejected"
          />
          <Stat
            label={t('registry.import.warnings')}
            value={warnings}
            color={warnings > 0 ? 'yellow.9' : undefined}
            testId="result-warnings"
          />
        </SimpleGrid>

        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
          <Paper withBorder p="sm" bg="gray.0">
            <Text fw={600} size="sm" mb="xs">
              {t('registry.import.persons')}
            </Text>
            <SimpleGrid cols={{ base: 2, xs: 4 }} spacing="xs">
              <Stat
                label={t('registry.import.inserted')}
                value={summary.persons.inserted}
                testId="persons-inserted"
              />
              <Stat
                label={t('registry.import.updated')}
                value={summary.persons.updated}
                testId="persons-updated"
              />
              <Stat
                label={t('registry.import.unchanged')}
                value={summary.persons.unchanged}
                testId="persons-unchanged"
              />
              <Stat
                label={t('registry.import.absent')}
                value={summary.persons.absent}
                testId="persons-absent"
              />
            </SimpleGrid>
          </Paper>
          <Paper withBorder p="sm" bg="gray.0">
            <Text fw={600} size="sm" mb="xs">
              {t('registry.import.households')}
            </Text>
            <SimpleGrid cols={3} spacing="xs">
              <Stat label={t('registry.import.inserted')} value={summary.households.inserted} />
              <Stat label={t('registry.import.updated')} value={summary.households.updated} />
              <Stat label={t('registry.import.kkChanged')} value={summary.households.kkChanged} />
            </SimpleGrid>
          </Paper>
        </SimpleGrid>

        {summary.rejected > 0 ? (
          <Stack gap="xs">
            <Text fw={600} size="sm">
              {t('registry.import.rejectedReasons')}
            </Text>
            <ReasonCounts
              testIdPrefix=""
              counts={summary.rejectedByReason}
              label={(code) => rejectionLabel(t, code)}
            />
            <Group gap="sm">
              <Button
                component="a"
                href={rejectedReportUrl(summary.importId, 'csv')}
                download
                variant="light"
                color="red"
                data-testid="download-rejected-csv"
              >
                {t('registry.import.downloadCsv')}
              </Button>
              <Button
                component="a"
                href={rejectedReportUrl(summary.importId, 'xlsx')}
                download
                variant="light"
                color="red"
                data-testid="download-rejected-xlsx"
              >
                {t('registry.import.downloadXlsx')}
              </Button>
            </Group>
          </Stack>
        ) : (
          <Text size="sm" c="green.8">
            {t('registry.import.noRejected')}
          </Text>
        )}

        {warnings > 0 && (
          <Stack gap="xs">
            <Text fw={600} size="sm">
              {t('registry.import.warningReasons')}
            </Text>
            <ReasonCounts
              testIdPrefix=""
              counts={summary.warningsByReason}
              label={(code) => warningLabel(t, code)}
            />
          </Stack>
        )}

        {summary.ignoredColumns.length > 0 && (
          <Text size="xs" c="dimmed">
            {t('registry.import.ignoredColumns', { columns: summary.ignoredColumns.join(', ') })}
          </Text>
        )}
      </Stack>
    </Paper>
  );
}
