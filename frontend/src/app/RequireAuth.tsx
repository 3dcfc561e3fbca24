import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router-dom';
import { Spinner } from '@/components';
import { useSession, useSessionPhase } from '@/lib/auth/useSession';

export function RequireAuth({ children }: { children: ReactNode }) {
  const session = useSession();
  const phase = useSessionPhase();
  const location = useLocation();
  // A reload first asks the refresh cookie for a session; the login page would only flash.
  if (!session && phase === 'restoring') return <Spinner label="Restoring your session" />;
  if (!session) {
    const next = `${location.pathname}${location.search}`;
    return <Navigate to={`/login?next=${encodeURIComponent(next)}`} replace />;
  }
  return <>{children}</>;
}
