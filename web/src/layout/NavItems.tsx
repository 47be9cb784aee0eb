import { NavLink } from '@mantine/core';
import { Link, useLocation } from 'react-router-dom';
import { type Access, can } from '../auth/permissions';
import { useCurrentUser } from '../auth/session';
import { useI18n } from '../i18n';

interface Item {
  to: string;
  key:
    | 'dashboard'
    | 'households'
    | 'persons'
    | 'registryImport'
    | 'syncCheck'
    | 'usulan'
    | 'programs'
    | 'realisasi'
    | 'quality'
    | 'users'
    | 'audit'
    | 'jobs'
    | 'tokens'
    | 'account';
  access?: Access;
}

const ITEMS: readonly Item[] = [
  { to: '/', key: 'dashboard' },
  { to: '/keluarga', key: 'households', access: 'households' },
  { to: '/penduduk', key: 'persons', access: 'households' },
  { to: '/kualitas-data', key: 'quality', access: 'households' },
  { to: '/registri/impor', key: 'registryImport', access: 'registryImport' },
  { to: '/cek-sinkron', key: 'syncCheck', access: 'households' },
  { to: '/usulan', key: 'usulan', access: 'usulan' },
  { to: '/program', key: 'programs', access: 'distribution' },
  { to: '/realisasi', key: 'realisasi', access: 'distribution' },
  { to: '/pengguna', key: 'users', access: 'users' },
  { to: '/audit', key: 'audit', access: 'audit' },
  { to: '/pekerjaan', key: 'jobs' },
  { to: '/token-api', key: 'tokens' },
  { to: '/akun', key: 'account' },
];

/** The modules this user's role may open; the others are not listed at all. */
export function NavItems() {
  const { t } = useI18n();
  const user = useCurrentUser();
  const { pathname } = useLocation();
  return (
    <nav aria-label="Menu">
      {ITEMS.filter((item) => !item.access || can(user.role, item.access)).map((item) => (
        <NavLink
          key={item.key}
          component={Link}
          to={item.to}
          label={t(`nav.${item.key}`)}
          active={item.to === '/' ? pathname === '/' : pathname.startsWith(item.to)}
          data-testid={`nav-${item.key}`}
          style={{ borderRadius: 'var(--mantine-radius-md)' }}
        />
      ))}
    </nav>
  );
}
