import { Anchor, Badge, Group, Paper, SimpleGrid, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { api, unwrap } from '../../api/client';
import { can } from '../../auth/permissions';
import { useCurrentUser } from '../../auth/session';
import { useI18n } from '../../i18n';
import { useMyRegionLabel } from '../../layout/UserBlock';
import { formatNumber, formatRegionCode } from '../../lib/format';
import { RealisasiSummary } from './RealisasiSummary';

function StatCard({
  label,
  value,
  loading,
  to,
}: {
  label: string;
  value: ReactNode;
  loading: boolean;
  to: string;
}) {
  const { t } = useI18n();
  return (
    <Paper withBorder p="md">
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      {loading ? (
        <Skeleton h={32} mt={4} w={80} />
      ) : (
        <Text fz={28} fw={700}>
          {value}
        </Text>
      )}
      <Anchor component={Link} to={to} size="sm">
        {t('dashboard.open')}
      </Anchor>
    </Paper>
  );
}

/** Beranda: who am I, where, and a few counts of what this role may see. */
export function DashboardPage() {
  const { t, language } = useI18n();
  const user = useCurrentUser();
  const regionLabel = useMyRegionLabel();
  const seesHouseholds = can(user.role, 'households');
  const seesUsers = can(user.role, 'users');
  const seesDistribution = can(user.role, 'distribution');

  const households = useQuery({
    queryKey: ['households', 'count'],
    queryFn: () => unwrap(api.GET('/api/households', { params: { query: { page: 1, pageSize: 1 } } })),
    enabled: seesHouseholds,
  });
  const users = useQuery({
    queryKey: ['users', 'count'],
    queryFn: () => unwrap(api.GET('/api/users', { params: { query: { page: 1, pageSize: 1 } } })),
    enabled: seesUsers,
  });
  const jobs = useQuery({ queryKey: ['jobs'], queryFn: () => unwrap(api.GET('/api/jobs')) });
  const activeJobs =
    jobs.data?.items.filter((job) => job.state === 'queued' || job.state === 'running').length ?? 0;
  const count = (n: number | undefined, failed: boolean) => (failed ? '—' : formatNumber(n ?? 0, language));

  return (
    <Stack>
      <Title order={2}>{t('dashboard.welcome', { name: user.fullName })}</Title>
      <Paper withBorder p="md">
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <div>
            <Text size="sm" c="dimmed">
              {t('dashboard.whoAmI')}
            </Text>
            <Group gap="xs">
              <Text fw={600}>{user.username}</Text>
              <Badge variant="light">{t(`roles.${user.role}`)}</Badge>
            </Group>
          </div>
          <div>
            <Text size="sm" c="dimmed">
              {t('dashboard.myRegion')}
            </Text>
            <Text fw={600} data-testid="dashboard-region">
              {regionLabel}
            </Text>
          </div>
          <div>
            <Text size="sm" c="dimmed">
              {t('dashboard.regionCode')}
            </Text>
            <Text fw={600} ff="monospace">
              {formatRegionCode(user.regionCode)}
            </Text>
          </div>
        </SimpleGrid>
      </Paper>
      <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }}>
        {seesHouseholds && (
          <StatCard
            label={t('dashboard.households')}
            value={count(households.data?.total, households.isError)}
            loading={households.isLoading}
            to="/keluarga"
          />
        )}
        {seesUsers && (
          <StatCard
            label={t('dashboard.users')}
            value={count(users.data?.total, users.isError)}
            loading={users.isLoading}
            to="/pengguna"
          />
        )}
        <StatCard
          label={t('dashboard.jobsActive')}
          value={count(activeJobs, jobs.isError)}
          loading={jobs.isLoading}
          to="/pekerjaan"
        />
      </SimpleGrid>
      {seesDistribution && <RealisasiSummary />}
    </Stack>
  );
}
