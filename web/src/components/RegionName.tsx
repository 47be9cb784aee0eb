import { Text } from '@mantine/core';
import { formatRegionCode } from '../lib/format';
import { regionDisplayName, useRegion } from '../lib/regions';

/** A region in a table cell: its name (Kel. …, Kec. …) over its dotted code. */
export function RegionName({ code }: { code: string }) {
  const region = useRegion(code);
  return (
    <div>
      <Text size="sm">{region.data ? regionDisplayName(region.data) : '…'}</Text>
      <Text size="xs" c="dimmed" ff="monospace">
        {formatRegionCode(code)}
      </Text>
    </div>
  );
}
