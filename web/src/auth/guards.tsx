import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router-dom';
import { ErrorAlert } from '../components/ErrorAlert';
import { NoAccess, PageLoader } from '../components/StatusViews';
import { type Access, can } from './permissions';
import { useSession } from './session';

/** Logged in, and the temporary password already replaced; otherwise to /masuk or /ganti-sandi. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const { session, isLoading, error } = useSession();
  const location = useLocation();
  if (isLoading) return <PageLoader />;
  if (error && !session) return <ErrorAlert error={error} onRetry={() => window.location.reload()} />;
  if (!session) return <Navigate to="/masuk" replace state={{ from: location.pathname + location.search }} />;
  if (session.user.mustChangePassword) return <Navigate to="/ganti-sandi" replace />;
  return <>{children}</>;
}

/** A page only some roles may open: others see a clear "no access" message. */
export function RequireAccess({ access, children }: { access: Access; children: ReactNode }) {
  const { session } = useSession();
  if (!can(session?.user.role, access)) return <NoAccess />;
  return <>{children}</>;
}
