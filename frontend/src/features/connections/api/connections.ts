import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { api } from '@/lib/api/client';
import { unwrap } from '@/lib/api/errors';
import type { paths } from '@/lib/api/schema';

/** The providers the contract lists (the path parameter's enum). Names come from the
 * API's own connection list, so the one cast below only narrows what it already sent. */
type Provider = paths['/api/v1/connections/{provider}/initiate']['post']['parameters']['path']['provider'];

function path(provider: string): { path: { provider: Provider } } {
  return { path: { provider: provider as Provider } };
}
import { queryKeys } from '@/lib/api/queries';

export const CALLBACK_MESSAGE = 'fittrack:connection-callback';

export interface CallbackMessage {
  type: typeof CALLBACK_MESSAGE;
  provider: string;
  code: string | null;
  state: string | null;
  error: string | null;
}

export function useConnections() {
  const queryClient = useQueryClient();
  const connections = useQuery({
    queryKey: queryKeys.connections,
    queryFn: () => unwrap(api.GET('/api/v1/connections')),
  });
  // A finished sync pays points and records activity: points and activity read before it
  // are out of date at once, not only when their 30 s go stale.
  const lastSync = (connections.data?.connections ?? []).reduce<string>(
    (latest, c) => (c.lastSyncAt && c.lastSyncAt > latest ? c.lastSyncAt : latest),
    '',
  );
  useEffect(() => {
    if (!lastSync) return;
    void queryClient.invalidateQueries({ queryKey: queryKeys.points });
    void queryClient.invalidateQueries({ queryKey: queryKeys.activities });
  }, [lastSync, queryClient]);
  return connections;
}

function useInvalidateConnections() {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: queryKeys.connections }),
      queryClient.invalidateQueries({ queryKey: queryKeys.me }),
    ]);
}

export function startLinking(provider: string) {
  return unwrap(api.POST('/api/v1/connections/{provider}/initiate', { params: path(provider) }));
}

export function finishLinking(provider: string, code: string, state: string) {
  return unwrap(
    api.POST('/api/v1/connections/{provider}/callback', { params: path(provider), body: { code, state } }),
  );
}

export function useFinishLinking() {
  const invalidate = useInvalidateConnections();
  return useMutation({
    mutationFn: ({ provider, code, state }: { provider: string; code: string; state: string }) =>
      finishLinking(provider, code, state),
    onSuccess: invalidate,
  });
}

export function useUnlink() {
  const invalidate = useInvalidateConnections();
  return useMutation({
    mutationFn: (provider: string) =>
      unwrap(api.DELETE('/api/v1/connections/{provider}', { params: path(provider) })),
    onSuccess: invalidate,
  });
}

export function useSync() {
  const invalidate = useInvalidateConnections();
  return useMutation({
    mutationFn: (provider: string) =>
      unwrap(api.POST('/api/v1/connections/{provider}/sync', { params: path(provider) })),
    onSuccess: invalidate,
  });
}

export function useMakePrimary() {
  const invalidate = useInvalidateConnections();
  return useMutation({
    mutationFn: (provider: string) =>
      unwrap(api.PUT('/api/v1/connections/{provider}/primary', { params: path(provider) })),
    onSuccess: invalidate,
  });
}
