import { Group, Select, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useI18n } from '../i18n';
import { formatRegionCode } from '../lib/format';
import {
  levelOf,
  type Region,
  type RegionLevel,
  regionDisplayName,
  useRegion,
  useRegionChildren,
} from '../lib/regions';

interface RegionPickerProps {
  /** Where the choice starts: the office's kabupaten/kota, or the user's own kecamatan. */
  rootCode: string;
  /** Levels the chosen code may have (a role's allowed levels, or every level for a filter). */
  levels: readonly RegionLevel[];
  value: string | null;
  onChange: (code: string | null) => void;
  error?: string | undefined;
  /** Show which levels are allowed under the selects (forms), or not (filters). */
  withHint?: boolean;
  /** Selects side by side (filter bars) instead of stacked (forms). */
  inline?: boolean;
}

function options(regions: Region[] | undefined) {
  return (regions ?? []).map((region) => ({
    value: region.code,
    label: `${region.name} (${formatRegionCode(region.code)})`,
  }));
}

/**
 * Cascading region choice: kecamatan from the kabupaten's children, then kelurahan/desa from
 * the kecamatan's children, limited to the levels the role (or filter) allows. Emits the
 * deepest valid choice, or null while the choice is incomplete.
 */
export function RegionPicker({
  rootCode,
  levels,
  value,
  onChange,
  error,
  withHint,
  inline,
}: RegionPickerProps) {
  const { t } = useI18n();
  const rootLevel = levelOf(rootCode);
  const [pickedKecamatan, setPickedKecamatan] = useState<string | null>(null);
  const kecamatan =
    rootLevel === 'kecamatan' ? rootCode : value && value.length >= 6 ? value.slice(0, 6) : pickedKecamatan;

  const showKecamatan =
    rootLevel === 'kabupaten' && (levels.includes('kecamatan') || levels.includes('desa'));
  const showKelurahan = rootLevel !== 'desa' && levels.includes('desa');
  const kecamatanList = useRegionChildren(showKecamatan ? rootCode : null);
  const kelurahanList = useRegionChildren(showKelurahan ? kecamatan : null);
  const root = useRegion(rootCode);
  const chosen = useRegion(value);

  const levelNames = levels.map((level) => t(`levels.${level}`)).join(t('region.or'));
  const listError = kecamatanList.error ?? kelurahanList.error;

  function chooseKecamatan(code: string | null) {
    setPickedKecamatan(code);
    if (code) onChange(levels.includes('kecamatan') ? code : null);
    else onChange(levels.includes(rootLevel ?? 'kabupaten') ? rootCode : null);
  }

  function chooseKelurahan(code: string | null) {
    if (code) onChange(code);
    else if (kecamatan && levels.includes('kecamatan')) onChange(kecamatan);
    else onChange(rootLevel && levels.includes(rootLevel) && rootLevel !== 'kabupaten' ? rootCode : null);
  }

  const onlyRoot = !showKecamatan && !showKelurahan;
  const Layout = inline ? Group : Stack;
  const width = inline ? { base: '100%', xs: 240 } : undefined;
  return (
    <Layout gap="sm" align={inline ? 'flex-start' : 'stretch'}>
      {onlyRoot && (
        <TextInput
          label={t(
            rootLevel === 'kabupaten'
              ? 'region.office'
              : rootLevel === 'kecamatan'
                ? 'region.kecamatan'
                : 'region.kelurahan',
          )}
          value={
            root.data
              ? `${regionDisplayName(root.data)} (${formatRegionCode(rootCode)})`
              : formatRegionCode(rootCode)
          }
          readOnly
          error={error}
        />
      )}
      {showKecamatan && (
        <Select
          label={t('region.kecamatan')}
          placeholder={levels.includes('kabupaten') ? t('region.allKecamatan') : t('region.choose')}
          data={options(kecamatanList.data)}
          value={kecamatan}
          onChange={chooseKecamatan}
          searchable
          clearable
          disabled={kecamatanList.isLoading}
          nothingFoundMessage={t('common.noMatch')}
          error={!showKelurahan ? error : undefined}
          w={width}
          data-testid="region-kecamatan"
          comboboxProps={{ withinPortal: true }}
        />
      )}
      {showKelurahan && (
        <Select
          label={t('region.kelurahan')}
          placeholder={levels.includes('kecamatan') ? t('region.allKelurahan') : t('region.choose')}
          data={options(kelurahanList.data)}
          value={value && value.length === 10 ? value : null}
          onChange={chooseKelurahan}
          searchable
          clearable
          disabled={!kecamatan || kelurahanList.isLoading}
          nothingFoundMessage={t('common.noMatch')}
          error={error}
          w={width}
          data-testid="region-kelurahan"
          comboboxProps={{ withinPortal: true }}
        />
      )}
      {listError ? (
        <Text size="xs" c="red">
          {t('region.loadFailed')}
        </Text>
      ) : null}
      {withHint && (
        <Text size="xs" c="dimmed">
          {t('region.requiredFor', { levels: levelNames })}
          {chosen.data && value && !onlyRoot
            ? ` ${t('region.selected', { name: regionDisplayName(chosen.data), code: formatRegionCode(value) })}`
            : ''}
        </Text>
      )}
    </Layout>
  );
}

/** Keeps what still fits when the role changes: a kelurahan becomes its kecamatan if needed. */
export function adaptRegionToLevels(
  code: string | null,
  levels: readonly RegionLevel[],
  officeCode: string,
): string | null {
  if (levels.length === 1 && levels[0] === 'kabupaten') return officeCode;
  const level = levelOf(code);
  if (code && level && levels.includes(level)) return code;
  if (code && code.length === 10 && levels.includes('kecamatan')) return code.slice(0, 6);
  // Nothing chosen below the kabupaten yet: "whole kabupaten/kota" when the role allows it.
  return levels.includes('kabupaten') ? officeCode : null;
}
