import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api/client';
import { unwrap } from '@/lib/api/errors';
import type { components, paths } from '@/lib/api/schema';

export type MemberQuery = NonNullable<paths['/api/v1/admin/users']['get']['parameters']['query']>;
export type MemberSort = NonNullable<MemberQuery['sort']>;
export type MemberRow = components['schemas']['AdminUserRow'];
export type MemberDetail = components['schemas']['AdminUserDetail'];
export type MemberAction = components['schemas']['AdminActionView'];
export type StatusChange = components['schemas']['ChangeStatus'];
export type PointsAdjustment = components['schemas']['AdjustPoints'];

const membersKey = ['admin', 'members'] as const;
const memberKey = (userId: string) => [...membersKey, userId] as const;

export function useMembers(query: MemberQuery) {
  return useQuery({
    queryKey: [...membersKey, 'list', query],
    queryFn: () => unwrap(api.GET('/api/v1/admin/users', { params: { query } })),
    placeholderData: keepPreviousData,
  });
}

export function useMember(userId: string) {
  return useQuery({
    queryKey: [...memberKey(userId), 'detail'],
    queryFn: () => unwrap(api.GET('/api/v1/admin/users/{userId}', { params: { path: { userId } } })),
  });
}

export function useMemberActions(userId: string, page: number) {
  return useQuery({
    queryKey: [...memberKey(userId), 'actions', page],
    queryFn: () =>
      unwrap(api.GET('/api/v1/admin/users/{userId}/actions', { params: { path: { userId }, query: { page, limit: 20 } } })),
    placeholderData: keepPreviousData,
  });
}

/** Every change shows on the detail page and in the history, and may move the member in the list. */
function useMemberMutation<V, R>(userId: string, call: (userId: string, values: V) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (values: V) => call(userId, values),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: membersKey }),
  });
}

export function useChangeStatus(userId: string) {
  return useMemberMutation(userId, (id, body: StatusChange) =>
    unwrap(api.PUT('/api/v1/admin/users/{userId}/status', { params: { path: { userId: id } }, body })),
  );
}

export function useAdjustPoints(userId: string) {
  return useMemberMutation(userId, (id, body: PointsAdjustment) =>
    unwrap(api.POST('/api/v1/admin/users/{userId}/adjust-points', { params: { path: { userId: id } }, body })),
  );
}

export function useGrantPremium(userId: string) {
  return useMemberMutation(userId, (id, until: string) =>
    unwrap(api.PUT('/api/v1/admin/users/{userId}/premium', { params: { path: { userId: id } }, body: { until } })),
  );
}

export function useEndPremium(userId: string) {
  return useMemberMutation(userId, (id, _: void) =>
    unwrap(api.DELETE('/api/v1/admin/users/{userId}/premium', { params: { path: { userId: id } } })),
  );
}
