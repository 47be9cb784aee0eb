import { Button, Group, Paper, Stack, Text } from '@mantine/core';
import { can } from '../../auth/permissions';
import { useCurrentUser } from '../../auth/session';
import { useI18n } from '../../i18n';

export interface BeritaAcaraButtonsProps {
  program: string;
  period: string;
  /**
   * The period's state: without a stored reconciliation (`reconciledAt` null) the server answers
   * NOT_RECONCILED; an OPEN period's PDF is printed as DRAF.
   */
  state: { reconciledAt: string | null; status: 'OPEN' | 'FINAL' };
}

/**
 * Downloads of the Berita Acara Rekonsiliasi of one period: the PDF for the office (admin,
 * auditor) and the XLSX detail for every reader, limited by the server to their region. Plain
 * links: the session cookie authenticates a GET, and the browser streams the file to disk.
 */
export function BeritaAcaraButtons({ program, period, state }: BeritaAcaraButtonsProps) {
  const reconciled = state.reconciledAt !== null;
  const { t } = useI18n();
  const user = useCurrentUser();
  const base = `/api/programs/${encodeURIComponent(program)}/periods/${encodeURIComponent(period)}`;
  const canPdf = can(user.role, 'beritaAcara');
  return (
    <Paper withBorder p="md" data-testid="berita-acara">
      <Stack gap="xs">
        <Text fw={600}>{t('reconciliation.report.title')}</Text>
        <Text size="sm" c="dimmed">
          {!reconciled
            ? t('reconciliation.report.notReconciled')
            : canPdf
              ? t('reconciliation.report.hint')
              : t('reconciliation.report.xlsxScoped')}
        </Text>
        {reconciled && canPdf && state.status !== 'FINAL' && (
          <Text size="sm" c="orange.8">
            {t('reconciliation.report.draftHint')}
          </Text>
        )}
        {reconciled && (
          // What the detail holds for this reader, and that it is personal data (DOMAIN.md,
          // "Personal data"): operators get full NIKs there, so the file must stay in the office.
          <Text size="sm" c="dimmed" data-testid="berita-acara-xlsx-nik">
            {can(user.role, 'nikFull')
              ? t('reconciliation.report.xlsxNikFull')
              : t('reconciliation.report.xlsxNikMasked')}{' '}
            {t('reconciliation.report.xlsxPersonalData')}
          </Text>
        )}
        {reconciled && (
          <Group gap="sm">
            {canPdf && (
              <Button component="a" href={`${base}/berita-acara.pdf`} download data-testid="berita-acara-pdf">
                {t('reconciliation.report.pdf')}
              </Button>
            )}
            <Button
              component="a"
              href={`${base}/berita-acara.xlsx`}
              download
              variant="light"
              data-testid="berita-acara-xlsx"
            >
              {t('reconciliation.report.xlsx')}
            </Button>
          </Group>
        )}
      </Stack>
    </Paper>
  );
}
