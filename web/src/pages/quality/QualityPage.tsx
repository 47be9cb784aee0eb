import { Badge, Paper, SimpleGrid, Skeleton, Stack, Text, Title, UnstyledButton } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useRef } from 'react';
import { useSearchParams } from 'react-router-dom';
import { api, type Schemas, unwrap } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useI18n } from '../../i18n';
import { formatNumber } from '../../lib/format';
import { QualityList } from './QualityList';

export type QualityCategory = Schemas['QualityCategory'];

export const CATEGORIES: readonly QualityCategory[] = [
  'invalidNik',
  'warnedNik',
  'possibleDuplicates',
  'personInTwoHouseholds',
  'householdsWithoutHead',
  'deceasedMembers',
  'absentMembers',
];

// Problems to fix first in red; facts to follow up (deaths, absences) in orange.
const COLORS: Record<QualityCategory, string> = {
  invalidNik: 'red',
  warnedNik: 'yellow',
  possibleDuplicates: 'red',
  personInTwoHouseholds: 'red',
  householdsWithoutHead: 'orange',
  deceasedMembers: 'orange',
  absentMembers: 'orange',
};

function isCategory(value: string | null): value is QualityCategory {
  return value !== null && (CATEGORIES as readonly string[]).includes(value);
}

/** Counts of each data-quality finding in the user's region; a card opens its list. */
export function QualityPage() {
  const { t, language } = useI18n();
  const [params, setParams] = useSearchParams();
  const chosen = params.get('kategori');
  const category = isCategory(chosen) ? chosen : null;
  const counts = useQuery({
    queryKey: ['quality-counts'],
    queryFn: () => unwrap(api.GET('/api/registry/quality')),
  });

  const listRef = useRef<HTMLDivElement>(null);

  function choose(next: QualityCategory) {
    setParams(next === category ? {} : { kategori: next });
    // On a phone the list opens below all the cards: bring it into view.
    if (next !== category) {
      window.setTimeout(() => listRef.current?.scrollIntoView({ behavior: 'smooth', block: 'start' }), 50);
    }
  }

  return (
    <Stack>
      <Title order={2}>{t('quality.title')}</Title>
      <Text size="sm" c="dimmed">
        {t('quality.intro')}
      </Text>
      <ErrorAlert error={counts.error} onRetry={() => void counts.refetch()} />
      <SimpleGrid cols={{ base: 2, sm: 3, md: 4 }} spacing="sm">
        {CATEGORIES.map((key) => {
          const count = counts.data?.counts[key];
          const selected = key === category;
          return (
            <UnstyledButton
              key={key}
              onClick={() => choose(key)}
              aria-pressed={selected}
              data-testid={`quality-card-${key}`}
            >
              <Paper
                withBorder
                p="sm"
                h="100%"
                style={{
                  borderColor: selected ? `var(--mantine-color-${COLORS[key]}-6)` : undefined,
                  borderWidth: selected ? 2 : undefined,
                }}
              >
                <Stack gap={4}>
                  {count === undefined ? (
                    <Skeleton h={30} w={60} />
                  ) : (
                    <Text
                      fz={28}
                      fw={700}
                      lh={1.1}
                      c={count > 0 ? `${COLORS[key]}.8` : 'dimmed'}
                      data-testid={`quality-count-${key}`}
                    >
                      {formatNumber(count, language)}
                    </Text>
                  )}
                  <Text size="sm" fw={600}>
                    {t(`quality.categories.${key}`)}
                  </Text>
                  <Text size="xs" c="dimmed" visibleFrom="xs">
                    {t(`quality.descriptions.${key}`)}
                  </Text>
                  {selected && (
                    <Badge size="xs" color={COLORS[key]} variant="light" mt={2}>
                      {t('quality.open')}
                    </Badge>
                  )}
                </Stack>
              </Paper>
            </UnstyledButton>
          );
        })}
      </SimpleGrid>
      <div ref={listRef} style={{ scrollMarginTop: 72 }}>
        {category && <QualityList key={category} category={category} />}
      </div>
    </Stack>
  );
}
