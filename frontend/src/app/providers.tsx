import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import { useEffect, useState, type ReactNode } from 'react';
import { ToastProvider } from '@/components';
import { sessionStore } from '@/lib/auth/session';
import { createQueryClient } from '@/lib/queryClient';
import { ErrorBoundary } from './ErrorBoundary';

export function AppProviders({ children, client }: { children: ReactNode; client?: QueryClient }) {
  const [queryClient] = useState(() => client ?? createQueryClient());
  // Signing out (or a failed refresh) drops every cached member query. Only the step from a
  // session to none does: the store also emits when the page's session restore ends, and
  // clearing then would drop queries a signed-out page has in flight (verify email).
  useEffect(() => {
    let signedIn = sessionStore.get() !== null;
    return sessionStore.subscribe(() => {
      const now = sessionStore.get() !== null;
      if (signedIn && !now) queryClient.clear();
      signedIn = now;
    });
  }, [queryClient]);
  return (
    <ErrorBoundary>
      <QueryClientProvider client={queryClient}>
        <ToastProvider>{children}</ToastProvider>
      </QueryClientProvider>
    </ErrorBoundary>
  );
}
