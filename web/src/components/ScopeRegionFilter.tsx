import { useCurrentUser } from '../auth/session';
import { levelOf, type RegionLevel } from '../lib/regions';
import { RegionPicker } from './RegionPicker';

const ALL_LEVELS: readonly RegionLevel[] = ['kabupaten', 'kecamatan', 'desa'];

/**
 * Narrows a list to a region within the reader's own; clearing it goes back to the whole of the
 * reader's region. Not shown to a desa user, who has no smaller region to pick.
 */
export function ScopeRegionFilter({
  value,
  onChange,
}: {
  value: string | null;
  onChange: (code: string) => void;
}) {
  const user = useCurrentUser();
  const scopeLevel = levelOf(user.regionCode);
  if (scopeLevel === 'desa') return null;
  const levels = ALL_LEVELS.slice(scopeLevel ? ALL_LEVELS.indexOf(scopeLevel) : 0);
  return (
    <RegionPicker
      rootCode={user.regionCode}
      levels={levels}
      value={value}
      onChange={(code) => onChange(code ?? user.regionCode)}
      inline
    />
  );
}
