import { Badge, Box, Group, Text } from '@mantine/core';
import { useCurrentUser } from '../auth/session';
import { useI18n } from '../i18n';
import { regionPathLabel, useRegion } from '../lib/regions';

/** `Kel. Belakang Pondok / Kec. Padang Selatan / Kota Padang` for the user's own region. */
export function useMyRegionLabel(): string {
  const user = useCurrentUser();
  const region = useRegion(user.regionCode);
  return region.data ? regionPathLabel(region.data.path) : user.regionName;
}

/** Who is logged in: name, role (in the chosen language) and region. */
export function UserBlock() {
  const { t } = useI18n();
  const user = useCurrentUser();
  const regionLabel = useMyRegionLabel();
  return (
    <Box style={{ minWidth: 0 }} maw={460} data-testid="user-block">
      <Group gap={6} wrap="nowrap">
        <Text size="sm" fw={600} truncate data-testid="shell-user-name">
          {user.fullName}
        </Text>
        <Badge size="xs" variant="light" style={{ flexShrink: 0 }} data-testid="shell-role">
          {t(`roles.${user.role}`)}
        </Badge>
      </Group>
      <Text size="xs" c="dimmed" truncate data-testid="shell-region">
        {regionLabel}
      </Text>
    </Box>
  );
}
