import { useQuery } from '@tanstack/react-query';
import { api, type Schemas, unwrap } from '../api/client';

export type Region = Schemas['Region'];
export type RegionLevel = 'kabupaten' | 'kecamatan' | 'desa';

const LEVEL_BY_LENGTH: Record<number, RegionLevel> = { 4: 'kabupaten', 6: 'kecamatan', 10: 'desa' };

export function levelOf(code: string | null | undefined): RegionLevel | undefined {
  return code ? LEVEL_BY_LENGTH[code.length] : undefined;
}

/**
 * A region's name as people write it: `Kec. Padang Selatan`, `Kel. Belakang Pondok`,
 * `Desa …` (the first digit of a desa/kelurahan part is 1 for kelurahan, 2 for desa — DOMAIN.md).
 */
export function regionDisplayName(region: Pick<Region, 'code' | 'level' | 'name'>): string {
  if (region.level === 'kecamatan') return `Kec. ${region.name}`;
  if (region.level === 'desa') return `${region.code.charAt(6) === '2' ? 'Desa' : 'Kel.'} ${region.name}`;
  return region.name;
}

/** `Kel. Belakang Pondok / Kec. Padang Selatan / Kota Padang` from a path (province left out). */
export function regionPathLabel(path: readonly Region[]): string {
  return path
    .filter((region) => region.level !== 'provinsi')
    .map(regionDisplayName)
    .reverse()
    .join(' / ');
}

// Region names do not change while the app is open: cache them for the whole session.
const FOREVER = { staleTime: Number.POSITIVE_INFINITY, gcTime: 60 * 60_000 } as const;

export function useRegion(code: string | null | undefined) {
  return useQuery({
    queryKey: ['region', code],
    queryFn: () => unwrap(api.GET('/api/regions/{code}', { params: { path: { code: code ?? '' } } })),
    enabled: Boolean(code),
    ...FOREVER,
  });
}

export function useRegionChildren(code: string | null | undefined) {
  return useQuery({
    queryKey: ['region-children', code],
    queryFn: () =>
      unwrap(api.GET('/api/regions/{code}/children', { params: { path: { code: code ?? '' } } })),
    enabled: Boolean(code),
    select: (data) => data.items.filter((region) => !region.retired),
    ...FOREVER,
  });
}

export function useOfficeRegion() {
  return useQuery({
    queryKey: ['region-office'],
    queryFn: () => unwrap(api.GET('/api/regions/office')),
    ...FOREVER,
  });
}
