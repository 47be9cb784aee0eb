import { Badge, Paper, Table, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import type { Schemas } from '../../api/client';
import { EmptyRow } from '../../components/StatusViews';
import { useI18n } from '../../i18n';
import { formatNumber, formatRegionCode, formatRupiah } from '../../lib/format';

type Report = Schemas['RealisasiReport'];
type Figures = Schemas['RealisasiFigures'];

/** `9876` of 10 000 → `98,8%` (one decimal is enough on a dashboard). */
export function percent(part: number, whole: number, language: 'id' | 'en'): string {
  if (whole <= 0) return '–';
  return `${new Intl.NumberFormat(language === 'en' ? 'en-GB' : 'id-ID', { maximumFractionDigits: 1 }).format(
    (part * 100) / whole,
  )}%`;
}

interface Row {
  key: string;
  label: ReactNode[];
  figures: Figures;
}

/** One breakdown (period, kecamatan, kelurahan or channel): label columns then the four figures and the %. */
function FiguresTable({
  title,
  labels,
  rows,
  testId,
}: {
  title: string;
  labels: string[];
  rows: Row[];
  testId: string;
}) {
  const { t, language } = useI18n();
  const n = (v: number) => formatNumber(v, language);
  const rp = (v: number) => formatRupiah(v, language);
  return (
    <Paper withBorder p="md" data-testid={testId}>
      <Text fw={600} mb="sm">
        {title}
      </Text>
      <Table.ScrollContainer minWidth={560} type="native">
        <Table striped highlightOnHover>
          <Table.Thead>
            <Table.Tr>
              {labels.map((label) => (
                <Table.Th key={label}>{label}</Table.Th>
              ))}
              <Table.Th ta="right">{t('reconciliation.dashboard.colKpm')}</Table.Th>
              <Table.Th ta="right">{t('reconciliation.dashboard.colPaid')}</Table.Th>
              <Table.Th ta="right">{t('reconciliation.dashboard.colAllocatedKpm')}</Table.Th>
              <Table.Th ta="right">{t('reconciliation.dashboard.colAllocated')}</Table.Th>
              <Table.Th ta="right">{t('reconciliation.dashboard.colPercent')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.length === 0 && (
              <EmptyRow colSpan={labels.length + 5} text={t('reconciliation.dashboard.noData')} />
            )}
            {rows.map((row) => (
              <Table.Tr key={row.key}>
                {row.label.map((cell, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: label columns are fixed per table
                  <Table.Td key={i}>{cell}</Table.Td>
                ))}
                <Table.Td ta="right">{n(row.figures.kpm)}</Table.Td>
                <Table.Td ta="right">{rp(row.figures.paid)}</Table.Td>
                <Table.Td ta="right">{n(row.figures.allocatedKpm)}</Table.Td>
                <Table.Td ta="right">{rp(row.figures.allocated)}</Table.Td>
                <Table.Td ta="right">{percent(row.figures.paid, row.figures.allocated, language)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Paper>
  );
}

/** The realisation's tables: per period, kecamatan, desa/kelurahan, channel, and the failure reasons. */
export function RealisasiTables({ report }: { report: Report }) {
  const { t, language } = useI18n();
  const kecamatanNames = new Map(report.byKecamatan.map((k) => [k.code, k.name]));
  return (
    <>
      <FiguresTable
        title={t('reconciliation.dashboard.byPeriod')}
        testId="realisasi-by-period"
        labels={[t('reconciliation.dashboard.colPeriod')]}
        rows={report.byPeriod.map((p) => ({
          key: p.period,
          label: [
            <>
              {p.label}{' '}
              {p.reconciledAt === null && (
                <Badge size="xs" color="gray" variant="light">
                  {t('reconciliation.dashboard.notReconciled')}
                </Badge>
              )}
            </>,
          ],
          figures: p,
        }))}
      />
      <FiguresTable
        title={t('reconciliation.dashboard.byKecamatan')}
        testId="realisasi-by-kecamatan"
        labels={[t('reconciliation.dashboard.colCode'), t('reconciliation.dashboard.colRegion')]}
        rows={report.byKecamatan.map((k) => ({
          key: k.code,
          label: [formatRegionCode(k.code), k.name ?? '—'],
          figures: k,
        }))}
      />
      <FiguresTable
        title={t('reconciliation.dashboard.byKelurahan')}
        testId="realisasi-by-kelurahan"
        labels={[t('reconciliation.dashboard.colCode'), t('reconciliation.dashboard.colRegion')]}
        rows={report.byKelurahan.map((k) => ({
          key: k.code,
          label: [
            formatRegionCode(k.code),
            k.code.length === 10
              ? `${k.name ?? '—'} (${kecamatanNames.get(k.kecamatanCode) ?? formatRegionCode(k.kecamatanCode)})`
              : t('reconciliation.dashboard.unknownVillage'),
          ],
          figures: k,
        }))}
      />
      <FiguresTable
        title={t('reconciliation.dashboard.byChannel')}
        testId="realisasi-by-channel"
        labels={[t('reconciliation.dashboard.colChannel')]}
        rows={report.byChannel.map((c) => ({ key: c.channel, label: [c.channel], figures: c }))}
      />
      <Paper withBorder p="md" data-testid="realisasi-failures">
        <Text fw={600} mb="sm">
          {t('reconciliation.dashboard.failureReasons')}
        </Text>
        <Table.ScrollContainer minWidth={320} type="native">
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('reconciliation.dashboard.colReason')}</Table.Th>
                <Table.Th ta="right">KPM</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {report.failureReasons.length === 0 && (
                <EmptyRow colSpan={2} text={t('reconciliation.dashboard.noFailures')} />
              )}
              {report.failureReasons.map((f) => (
                <Table.Tr key={f.reason ?? ''}>
                  <Table.Td>{f.reason ?? t('reconciliation.dashboard.noReason')}</Table.Td>
                  <Table.Td ta="right">{formatNumber(f.kpm, language)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Paper>
    </>
  );
}
