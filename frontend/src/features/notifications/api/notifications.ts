import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api/client';
import { unwrap } from '@/lib/api/errors';
import { queryKeys } from '@/lib/api/queries';

export function useNotifications(page: number, unreadOnly: boolean) {
  return useQuery({
    queryKey: [...queryKeys.notifications, 'list', page, unreadOnly],
    queryFn: () => unwrap(api.GET('/api/v1/notifications', { params: { query: { page, limit: 20, unreadOnly } } })),
    placeholderData: keepPreviousData,
  });
}

function useRefreshNotifications() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: queryKeys.notifications });
}

export function useMarkRead() {
  const refresh = useRefreshNotifications();
  return useMutation({
    mutationFn: (notificationId: string) =>
      unwrap(api.PUT('/api/v1/notifications/{notificationId}/read', { params: { path: { notificationId } } })),
    onSuccess: refresh,
  });
}

export function useMarkAllRead() {
  const refresh = useRefreshNotifications();
  return useMutation({
    mutationFn: () => unwrap(api.PUT('/api/v1/notifications/read-all')),
    onSuccess: refresh,
  });
}
