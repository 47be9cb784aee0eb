import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { ApiError, api, onUnauthorized, type Session, setCsrfToken, unwrap } from '../api/client';

const SESSION_KEY = ['session'] as const;

interface SessionState {
  session: Session | null;
  isLoading: boolean;
  error: unknown;
  /** Why the last session ended without the user asking (SESSION_EXPIRED, …), for the login page. */
  endReason: string | null;
  login: (username: string, password: string) => Promise<Session>;
  logout: () => Promise<void>;
  refresh: () => Promise<void>;
}

const SessionContext = createContext<SessionState | null>(null);

async function fetchSession(): Promise<Session | null> {
  try {
    const session = await unwrap(api.GET('/api/auth/me'));
    setCsrfToken(session.csrfToken);
    return session;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return null;
    throw error;
  }
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const [endReason, setEndReason] = useState<string | null>(null);
  const query = useQuery({ queryKey: SESSION_KEY, queryFn: fetchSession, staleTime: 5 * 60_000, retry: 1 });

  const forget = useCallback(() => {
    setCsrfToken('');
    queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== SESSION_KEY[0] });
    queryClient.setQueryData(SESSION_KEY, null);
  }, [queryClient]);

  // Any 401 (expired session, disabled account) ends the session in the app: the guards then
  // show the login page.
  useEffect(() => {
    onUnauthorized((code) => {
      if (queryClient.getQueryData(SESSION_KEY)) {
        setEndReason(code);
        forget();
      }
    });
  }, [queryClient, forget]);

  const value = useMemo<SessionState>(
    () => ({
      session: query.data ?? null,
      isLoading: query.isPending,
      error: query.error,
      endReason,
      async login(username, password) {
        const session = await unwrap(api.POST('/api/auth/login', { body: { username, password } }));
        setCsrfToken(session.csrfToken);
        setEndReason(null);
        queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== SESSION_KEY[0] });
        queryClient.setQueryData(SESSION_KEY, session);
        return session;
      },
      async logout() {
        try {
          await unwrap(api.POST('/api/auth/logout'));
        } finally {
          setEndReason('LOGGED_OUT');
          forget();
        }
      },
      async refresh() {
        await queryClient.invalidateQueries({ queryKey: SESSION_KEY });
      },
    }),
    [query.data, query.isPending, query.error, endReason, queryClient, forget],
  );

  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionState {
  const state = useContext(SessionContext);
  if (!state) throw new Error('useSession outside SessionProvider');
  return state;
}

/** The logged-in user; only for components rendered behind RequireAuth. */
export function useCurrentUser() {
  const { session } = useSession();
  if (!session) throw new Error('useCurrentUser without a session');
  return session.user;
}
