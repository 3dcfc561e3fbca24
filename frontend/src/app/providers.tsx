import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import { useEffect, useState, type ReactNode } from 'react';
import { ToastProvider } from '@/components';
import { sessionStore } from '@/lib/auth/session';
import { createQueryClient } from '@/lib/queryClient';
import { ErrorBoundary } from './ErrorBoundary';

export function AppProviders({ children, client }: { children: ReactNode; client?: QueryClient }) {
  const [queryClient] = useState(() => client ?? createQueryClient());
  // Signing out (or a failed refresh) drops every cached member query.
  useEffect(
    () =>
      sessionStore.subscribe(() => {
        if (sessionStore.get() === null) queryClient.clear();
      }),
    [queryClient],
  );
  return (
    <ErrorBoundary>
      <QueryClientProvider client={queryClient}>
        <ToastProvider>{children}</ToastProvider>
      </QueryClientProvider>
    </ErrorBoundary>
  );
}
