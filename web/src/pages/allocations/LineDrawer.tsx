import { Alert, Anchor, Badge, Drawer, List, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { ApiError, api, type Schemas, unwrap } from '../../api/client';
import { can } from '../../auth/permissions';
import { useCurrentUser } from '../../auth/session';
import { DetailField } from '../../components/DetailPage';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageLoader } from '../../components/StatusViews';
import { useI18n } from '../../i18n';
import { formatNumber, formatRegionCode, formatRupiah } from '../../lib/format';
import { channelLabel } from './uploadAllocation';

type Detail = Schemas['AllocationDetail'];
type Calculation = NonNullable<Detail['calculation']>;
type PkhCalculation = Extract<Calculation, { kind: 'PKH' }>;

/** One allocation line (opened from the list): identifiers, flags, and how the entitlement was computed. */
export function LineDrawer({ id, onClose }: { id: number | null; onClose: () => void }) {
  const { t, language } = useI18n();
  const user = useCurrentUser();
  const detail = useQuery({
    queryKey: ['allocation', id],
    queryFn: () => unwrap(api.GET('/api/allocations/{id}', { params: { path: { id: id as number } } })),
    enabled: id !== null,
    retry: (count, error) => !(error instanceof ApiError && error.status < 500) && count < 2,
  });
  const line = detail.data;
  const notFound = detail.error instanceof ApiError && detail.error.status === 404;
  return (
    <Drawer
      opened={id !== null}
      onClose={onClose}
      position="right"
      size="xl"
      title={<Title order={3}>{t('allocations.detail.title')}</Title>}
      data-testid="allocation-detail"
    >
      {detail.isLoading && <PageLoader />}
      {notFound ? (
        <Alert color="gray">{t('allocations.detail.notFound')}</Alert>
      ) : (
        <ErrorAlert error={detail.error} />
      )}
      {line && (
        <Stack gap="md">
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <DetailField label={t('allocations.detail.name')}>{line.name ?? '—'}</DetailField>
            <DetailField label={t('allocations.detail.nik')}>
              <Text ff="monospace" size="sm" data-testid="allocation-detail-nik">
                {line.nik}
              </Text>
            </DetailField>
            <DetailField label={t('allocations.detail.kk')}>
              <Text ff="monospace" size="sm">
                {line.kk ?? '—'}
              </Text>
            </DetailField>
            <DetailField label={t('allocations.detail.channel')}>{channelLabel(line.channel)}</DetailField>
            <DetailField label={t('allocations.detail.account')}>
              <Text ff="monospace" size="sm">
                {line.account ?? '—'}
              </Text>
            </DetailField>
            <DetailField label={t('allocations.detail.region')}>
              {formatRegionCode(line.scopeCode)}
            </DetailField>
            <DetailField label={t('allocations.detail.amount')}>
              <Text fw={700} data-testid="allocation-detail-amount">
                {formatRupiah(line.amount, language)}
              </Text>
            </DetailField>
            <DetailField label={t('allocations.detail.expected')}>
              <Text
                fw={700}
                c={
                  line.expectedAmount !== null && line.expectedAmount !== line.amount ? 'orange.8' : undefined
                }
                data-testid="allocation-detail-expected"
              >
                {formatRupiah(line.expectedAmount, language)}
              </Text>
            </DetailField>
            <DetailField label={t('allocations.detail.source')}>
              {t('allocations.detail.sourceLine', {
                file: line.fileName ?? `#${line.importId}`,
                line: line.line,
              })}
            </DetailField>
            <DetailField label={t('allocations.detail.household')}>
              {line.household ? (
                can(user.role, 'households') ? (
                  <Anchor component={Link} to={`/keluarga/${line.household.id}`} size="sm">
                    {t('allocations.detail.householdLink', { kk: line.household.kk })}
                  </Anchor>
                ) : (
                  <Text size="sm" ff="monospace">
                    {line.household.kk}
                  </Text>
                )
              ) : (
                t('allocations.detail.noHousehold')
              )}
            </DetailField>
          </SimpleGrid>

          <Stack gap={4}>
            <Text fw={600} size="sm">
              {t('allocations.detail.flags')}
            </Text>
            {line.flags.length === 0 ? (
              <Text size="sm" c="dimmed">
                {t('allocations.detail.noFlags')}
              </Text>
            ) : (
              <List size="sm" spacing={4}>
                {line.flags.map((f) => (
                  <List.Item key={f.code}>
                    <Badge size="sm" variant="light" color="orange" mr="xs">
                      {f.code}
                    </Badge>
                    {f.message}
                  </List.Item>
                ))}
              </List>
            )}
          </Stack>

          <Stack gap={4} data-testid="allocation-calculation">
            <Text fw={600} size="sm">
              {t('allocations.detail.calculation')}
            </Text>
            {line.calculationSource === 'REGISTRY_NOW' && (
              <Text size="xs" c="dimmed" data-testid="allocation-calculation-recomputed">
                {t('allocations.detail.recomputed', {
                  expected: formatRupiah(line.expectedAmount, language),
                })}
              </Text>
            )}
            {line.calculation === null ? (
              <Text size="sm" c="dimmed">
                {t('allocations.detail.noCalculation')}
              </Text>
            ) : line.calculation.kind === 'PKH' ? (
              <PkhTable calculation={line.calculation} />
            ) : line.calculation.kind === 'SEMBAKO' ? (
              <Text size="sm">
                {t('allocations.detail.sembako', {
                  monthly: formatRupiah(line.calculation.monthly, language),
                  months: line.calculation.months,
                  expected: formatRupiah(line.calculation.expected, language),
                })}
              </Text>
            ) : (
              <Text size="sm">
                {t('allocations.detail.local', {
                  expected: formatRupiah(line.calculation.expected, language),
                })}
              </Text>
            )}
          </Stack>
        </Stack>
      )}
    </Drawer>
  );
}

/** "Dipilih 4 anggota dengan indeks tertinggi": every eligible member, counted or not and why. */
function PkhTable({ calculation }: { calculation: PkhCalculation }) {
  const { t, language } = useI18n();
  const counted = calculation.members.filter((m) => m.counted).length;
  return (
    <Stack gap="xs">
      <Text size="sm">
        {calculation.members.length === 0
          ? t('allocations.detail.noEligible')
          : t('allocations.detail.chosen', { counted, max: calculation.maxMembers })}
      </Text>
      {calculation.members.length > 0 && (
        <Table withTableBorder verticalSpacing={4} data-testid="allocation-calculation-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('allocations.detail.member')}</Table.Th>
              <Table.Th ta="right">{t('allocations.detail.age')}</Table.Th>
              <Table.Th>{t('allocations.detail.component')}</Table.Th>
              <Table.Th ta="right">{t('allocations.detail.yearlyIndex')}</Table.Th>
              <Table.Th ta="right">{t('allocations.detail.perPeriod')}</Table.Th>
              <Table.Th>{t('allocations.detail.counted')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {calculation.members.map((m) => (
              <Table.Tr key={m.personId} c={m.counted ? undefined : 'dimmed'}>
                <Table.Td>{m.name}</Table.Td>
                <Table.Td ta="right">
                  {m.age === null
                    ? '—'
                    : t('allocations.detail.years', { age: formatNumber(m.age, language) })}
                </Table.Td>
                <Table.Td>{t(`allocations.components.${m.component}`)}</Table.Td>
                <Table.Td ta="right">{formatRupiah(m.yearlyIndex, language)}</Table.Td>
                <Table.Td ta="right">{m.counted ? formatRupiah(m.perPeriod, language) : '—'}</Table.Td>
                <Table.Td>
                  {t(`allocations.detail.outcomes.${m.outcome}`, { max: calculation.maxMembers })}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
          <Table.Tfoot>
            <Table.Tr>
              <Table.Td colSpan={4}>{t('allocations.detail.subtotal')}</Table.Td>
              <Table.Td ta="right">{formatRupiah(calculation.subtotal, language)}</Table.Td>
              <Table.Td />
            </Table.Tr>
            {calculation.sanctioned && (
              <Table.Tr>
                <Table.Td colSpan={4}>
                  {t('allocations.detail.sanction', { percent: calculation.sanctionPercent })}
                </Table.Td>
                <Table.Td ta="right">−{formatRupiah(calculation.sanction, language)}</Table.Td>
                <Table.Td />
              </Table.Tr>
            )}
            <Table.Tr>
              <Table.Td colSpan={4} fw={700}>
                {t('allocations.detail.expectedTotal')}
              </Table.Td>
              <Table.Td ta="right" fw={700}>
                {formatRupiah(calculation.expected, language)}
              </Table.Td>
              <Table.Td />
            </Table.Tr>
          </Table.Tfoot>
        </Table>
      )}
    </Stack>
  );
}
