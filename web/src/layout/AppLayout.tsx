import { AppShell, Burger, Button, Group, ScrollArea, Title } from '@mantine/core';
import { useDisclosure, useMediaQuery } from '@mantine/hooks';
import { useEffect, useState } from 'react';
import { Link, Outlet, useLocation, useNavigate } from 'react-router-dom';
import { useSession } from '../auth/session';
import { errorMessage } from '../components/ErrorAlert';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { useNotify } from '../components/Notifications';
import { useI18n } from '../i18n';
import { NavItems } from './NavItems';
import { UserBlock } from './UserBlock';

/** Header + navbar around every page of a logged-in user; the navbar folds behind a burger on phones. */
export function AppLayout() {
  const { t } = useI18n();
  const { logout } = useSession();
  const notify = useNotify();
  const navigate = useNavigate();
  const location = useLocation();
  const [opened, { toggle, close }] = useDisclosure(false);
  const [leaving, setLeaving] = useState(false);
  // One user block and one logout button: in the header on wide screens, in the navbar on phones.
  const wide = useMediaQuery('(min-width: 48em)', window.innerWidth >= 768, {
    getInitialValueInEffect: false,
  });

  // On a phone the navbar covers the page: close it once a page is chosen.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on navigation only
  useEffect(() => close(), [location.pathname]);

  async function onLogout() {
    setLeaving(true);
    try {
      await logout();
    } catch (error) {
      notify({ color: 'red', message: errorMessage(error, t) });
    } finally {
      setLeaving(false);
      navigate('/masuk', { replace: true });
    }
  }

  return (
    <AppShell
      header={{ height: 60 }}
      navbar={{ width: 250, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding={{ base: 'sm', sm: 'md' }}
    >
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap" gap="sm">
          <Group gap="sm" wrap="nowrap">
            <Burger
              opened={opened}
              onClick={toggle}
              hiddenFrom="sm"
              size="sm"
              aria-label={t('nav.openMenu')}
              data-testid="burger"
            />
            <Title order={3} c="teal.8">
              <Link to="/" style={{ color: 'inherit', textDecoration: 'none' }}>
                {t('app.name')}
              </Link>
            </Title>
          </Group>
          <Group gap="md" wrap="nowrap">
            {wide && <UserBlock />}
            <LanguageSwitch />
            {wide && (
              <Button variant="default" size="xs" onClick={onLogout} loading={leaving}>
                {t('nav.logout')}
              </Button>
            )}
          </Group>
        </Group>
      </AppShell.Header>

      <AppShell.Navbar p="sm" data-testid="navbar">
        {!wide && (
          <AppShell.Section mb="sm" pb="sm" style={{ borderBottom: '1px solid var(--mantine-color-gray-3)' }}>
            <UserBlock />
          </AppShell.Section>
        )}
        <AppShell.Section grow component={ScrollArea}>
          <NavItems />
        </AppShell.Section>
        {!wide && (
          <AppShell.Section mt="sm">
            <Button variant="default" onClick={onLogout} loading={leaving} fullWidth>
              {t('nav.logout')}
            </Button>
          </AppShell.Section>
        )}
      </AppShell.Navbar>

      <AppShell.Main>
        <Outlet />
      </AppShell.Main>
    </AppShell>
  );
}
