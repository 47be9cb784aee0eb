import { SegmentedControl } from '@mantine/core';
import { setLanguage, useI18n } from '../i18n';

export function LanguageSwitch({ size = 'xs' }: { size?: 'xs' | 'sm' }) {
  const { t, language } = useI18n();
  return (
    <SegmentedControl
      size={size}
      aria-label={t('common.language')}
      value={language}
      onChange={(value) => setLanguage(value === 'en' ? 'en' : 'id')}
      data={[
        { value: 'id', label: 'ID' },
        { value: 'en', label: 'EN' },
      ]}
      data-testid="language-switch"
    />
  );
}
