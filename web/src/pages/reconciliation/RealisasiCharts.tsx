import { Paper, SimpleGrid, Text } from '@mantine/core';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { Schemas } from '../../api/client';
import { useI18n } from '../../i18n';
import { formatNumber, formatRupiah, type Language } from '../../lib/format';

type Report = Schemas['RealisasiReport'];

const PAID = '#1c7ed6';
const ALLOCATED = '#adb5bd';

/** Axis ticks in short form: 17,1 M / 250 jt (id) or 17.1 bn / 250 m (en). */
function shortRupiah(value: number, language: Language): string {
  const units: Array<[number, string, string]> = [
    [1e12, 'T', 'tn'],
    [1e9, 'M', 'bn'],
    [1e6, 'jt', 'm'],
    [1e3, 'rb', 'k'],
  ];
  for (const [size, id, en] of units) {
    if (Math.abs(value) >= size) {
      const n = new Intl.NumberFormat(language === 'en' ? 'en-GB' : 'id-ID', {
        maximumFractionDigits: 1,
      }).format(value / size);
      return `${n} ${language === 'en' ? en : id}`;
    }
  }
  return String(value);
}

/**
 * The dashboard's two charts: rupiah paid per kecamatan (horizontal bars, so names stay
 * readable on a 375 px phone) and the trend over the periods of the year. Without animation:
 * an office screen shows figures, and a screenshot or print taken at once shows them whole.
 */
export function RealisasiCharts({ report }: { report: Report }) {
  const { t, language } = useI18n();
  const money = (value: unknown) => formatRupiah(Number(value), language);
  const kecamatan = report.byKecamatan.map((k) => ({
    name: k.name ?? k.code,
    paid: k.paid,
    allocated: k.allocated,
  }));
  const trend = report.byPeriod.map((p) => ({
    name: p.period,
    paid: p.paid,
    allocated: p.allocated,
    kpm: p.kpm,
  }));
  return (
    <SimpleGrid cols={{ base: 1, md: 2 }}>
      <Paper withBorder p="md" data-testid="realisasi-chart-kecamatan">
        <Text fw={600} mb="sm">
          {t('reconciliation.dashboard.chartKecamatan')}
        </Text>
        <ResponsiveContainer width="100%" height={Math.max(160, 44 * kecamatan.length + 60)}>
          <BarChart data={kecamatan} layout="vertical" margin={{ left: 8, right: 16 }}>
            <CartesianGrid strokeDasharray="3 3" horizontal={false} />
            <XAxis type="number" tickFormatter={(v: number) => shortRupiah(v, language)} fontSize={11} />
            <YAxis type="category" dataKey="name" width={96} fontSize={11} />
            <Tooltip formatter={money} />
            <Legend />
            <Bar
              isAnimationActive={false}
              dataKey="allocated"
              name={t('reconciliation.dashboard.legendAllocated')}
              fill={ALLOCATED}
            />
            <Bar
              isAnimationActive={false}
              dataKey="paid"
              name={t('reconciliation.dashboard.legendPaid')}
              fill={PAID}
            />
          </BarChart>
        </ResponsiveContainer>
      </Paper>
      <Paper withBorder p="md" data-testid="realisasi-chart-trend">
        <Text fw={600} mb="sm">
          {t('reconciliation.dashboard.chartTrend')}
        </Text>
        <ResponsiveContainer width="100%" height={260}>
          <LineChart data={trend} margin={{ left: 8, right: 16 }}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="name" fontSize={11} />
            <YAxis
              yAxisId="rp"
              tickFormatter={(v: number) => shortRupiah(v, language)}
              fontSize={11}
              width={56}
            />
            <YAxis
              yAxisId="kpm"
              orientation="right"
              tickFormatter={(v: number) => formatNumber(v, language)}
              fontSize={11}
              width={48}
            />
            <Tooltip
              formatter={(value, _name, item) =>
                item.dataKey === 'kpm' ? formatNumber(Number(value), language) : money(value)
              }
            />
            <Legend />
            <Line
              isAnimationActive={false}
              yAxisId="rp"
              dataKey="allocated"
              name={t('reconciliation.dashboard.legendAllocated')}
              stroke={ALLOCATED}
              strokeDasharray="4 4"
            />
            <Line
              isAnimationActive={false}
              yAxisId="rp"
              dataKey="paid"
              name={t('reconciliation.dashboard.legendPaid')}
              stroke={PAID}
            />
            <Line
              yAxisId="kpm"
              dataKey="kpm"
              name={t('reconciliation.dashboard.legendKpm')}
              stroke="#2f9e44"
            />
          </LineChart>
        </ResponsiveContainer>
      </Paper>
    </SimpleGrid>
  );
}
