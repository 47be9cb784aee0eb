import { Notification, Portal, Stack } from '@mantine/core';
import { createContext, type ReactNode, useCallback, useContext, useMemo, useState } from 'react';

interface Toast {
  id: number;
  color: 'green' | 'red' | 'blue';
  message: string;
}

type Notify = (toast: Omit<Toast, 'id'>) => void;

const NotifyContext = createContext<Notify>(() => {});

const TOAST_MS = 5000;

/**
 * Short confirmations ("Pengguna dibuat") in the corner of the screen. A few lines over
 * Mantine's Notification: @mantine/notifications is not among the project's packages.
 */
export function NotificationsProvider({ children }: { children: ReactNode }) {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const dismiss = useCallback(
    (id: number) => setToasts((list) => list.filter((toast) => toast.id !== id)),
    [],
  );
  const notify = useCallback<Notify>(
    (toast) => {
      const id = Date.now() + Math.random();
      setToasts((list) => [...list.slice(-3), { ...toast, id }]);
      window.setTimeout(() => dismiss(id), TOAST_MS);
    },
    [dismiss],
  );
  const value = useMemo(() => notify, [notify]);
  return (
    <NotifyContext.Provider value={value}>
      {children}
      <Portal>
        <Stack
          gap="xs"
          style={{
            position: 'fixed',
            right: 16,
            bottom: 16,
            zIndex: 1000,
            maxWidth: 'calc(100vw - 32px)',
            width: 380,
          }}
        >
          {toasts.map((toast) => (
            <Notification
              key={toast.id}
              color={toast.color}
              withBorder
              onClose={() => dismiss(toast.id)}
              role="status"
              data-testid="toast"
            >
              {toast.message}
            </Notification>
          ))}
        </Stack>
      </Portal>
    </NotifyContext.Provider>
  );
}

export function useNotify(): Notify {
  return useContext(NotifyContext);
}
