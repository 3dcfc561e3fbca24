import { useQuery } from '@tanstack/react-query';
import { useSession } from '@/lib/auth/useSession';
import { api } from './client';
import { unwrap } from './errors';

/** Query keys shared across features, so a purchase can refresh the header balance. */
export const queryKeys = {
  me: ['me'] as const,
  balance: ['points', 'balance'] as const,
  points: ['points'] as const,
  drawings: ['drawings'] as const,
  connections: ['connections'] as const,
  activities: ['activities'] as const,
  notifications: ['notifications'] as const,
  unreadCount: ['notifications', 'unread-count'] as const,
  prizes: ['prizes'] as const,
  sessions: ['sessions'] as const,
};

export function useMe() {
  const session = useSession();
  return useQuery({
    queryKey: queryKeys.me,
    queryFn: () => unwrap(api.GET('/api/v1/users/me')),
    enabled: session !== null,
  });
}

export function useBalance() {
  const session = useSession();
  return useQuery({
    queryKey: queryKeys.balance,
    queryFn: () => unwrap(api.GET('/api/v1/points/balance')),
    enabled: session !== null,
  });
}

/** The header badge; refreshed every minute while the app is open (the list refreshes it too). */
export function useUnreadCount() {
  const session = useSession();
  return useQuery({
    queryKey: queryKeys.unreadCount,
    queryFn: () => unwrap(api.GET('/api/v1/notifications/unread-count')),
    enabled: session !== null,
    refetchInterval: 60_000,
  });
}
