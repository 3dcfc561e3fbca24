import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api/client';
import { unwrap } from '@/lib/api/errors';
import { queryKeys } from '@/lib/api/queries';
import { sessionStore } from '@/lib/auth/session';
import { useSession } from '@/lib/auth/useSession';
import type { EntryReceipt } from '../verify/receipts';
import { keepReceipt } from './keptReceipts';
import { checkpointKey, fetchCheckpoint } from './transparency';

export type DrawingStatus = 'scheduled' | 'open' | 'closed' | 'completed' | 'cancelled';
export type DrawingType = 'daily' | 'weekly' | 'monthly' | 'annual';

export function useDrawings(status: DrawingStatus | '', type: DrawingType | '', page: number) {
  const session = useSession();
  return useQuery({
    // Signed-in callers also get their own ticket counts, so the key includes who asks.
    queryKey: [...queryKeys.drawings, 'list', status, type, page, session?.user.userId ?? null],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/drawings', {
          params: { query: { page, limit: 20, ...(status ? { status } : {}), ...(type ? { type } : {}) } },
        }),
      ),
    placeholderData: keepPreviousData,
  });
}

export function useDrawing(drawingId: string) {
  const session = useSession();
  return useQuery({
    queryKey: [...queryKeys.drawings, 'detail', drawingId, session?.user.userId ?? null],
    queryFn: () => unwrap(api.GET('/api/v1/drawings/{drawingId}', { params: { path: { drawingId } } })),
  });
}

export function useMyTickets(drawingId: string) {
  const session = useSession();
  return useQuery({
    queryKey: [...queryKeys.drawings, 'my-tickets', drawingId],
    queryFn: () => unwrap(api.GET('/api/v1/drawings/{drawingId}/my-tickets', { params: { path: { drawingId } } })),
    enabled: session !== null,
  });
}

export function useResults(drawingId: string, enabled: boolean) {
  return useQuery({
    queryKey: [...queryKeys.drawings, 'results', drawingId],
    queryFn: () => unwrap(api.GET('/api/v1/drawings/{drawingId}/results', { params: { path: { drawingId } } })),
    enabled,
  });
}

/** The proof document as JSON (the detail page reads my receipts from it once sales close). */
export function useVerification(drawingId: string, enabled: boolean) {
  const session = useSession();
  return useQuery({
    queryKey: [...queryKeys.drawings, 'verification', drawingId, session?.user.userId ?? null],
    queryFn: () => unwrap(api.GET('/api/v1/drawings/{drawingId}/verification', { params: { path: { drawingId } } })),
    enabled,
  });
}

/** Keeps a new entry's receipt in this browser with the checkpoint it was seen under (none if the log is unreachable). */
async function keepNewReceipt(queryClient: ReturnType<typeof useQueryClient>, drawingId: string, receipt: EntryReceipt) {
  const userId = sessionStore.get()?.user.userId;
  if (!userId) return;
  const point = await queryClient.fetchQuery({ queryKey: checkpointKey, queryFn: fetchCheckpoint, staleTime: 0 }).catch(() => null);
  const seenAt = new Date().toISOString();
  keepReceipt(userId, drawingId, { receipt, receivedAt: seenAt, checkpoint: point ? { size: point.size, head: point.head, seenAt } : null });
}

export function useBuyTickets(drawingId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (quantity: number) =>
      unwrap(api.POST('/api/v1/drawings/{drawingId}/tickets', { params: { path: { drawingId } }, body: { quantity } })),
    onSuccess: async (result) => {
      await keepNewReceipt(queryClient, drawingId, result.receipt);
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: queryKeys.drawings }),
        queryClient.invalidateQueries({ queryKey: queryKeys.points }),
        queryClient.invalidateQueries({ queryKey: queryKeys.me }),
      ]);
    },
  });
}

export function useFreeEntry(drawingId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => unwrap(api.POST('/api/v1/drawings/{drawingId}/free-entry', { params: { path: { drawingId } } })),
    onSuccess: async (result) => {
      await keepNewReceipt(queryClient, drawingId, result.receipt);
      await queryClient.invalidateQueries({ queryKey: queryKeys.drawings });
    },
  });
}

/** The public proof document (with my inclusion proofs when signed in). */
/** The public proof as raw text: the verifier's worker parses it, off the main thread. */
export async function fetchVerificationText(drawingId: string): Promise<string> {
  const text = await unwrap(
    api.GET('/api/v1/drawings/{drawingId}/verification', { params: { path: { drawingId } }, parseAs: 'text' }),
  );
  return text as unknown as string;
}

export function useDrawingRules(drawingId: string) {
  return useQuery({
    queryKey: ['drawings', drawingId, 'rules'],
    queryFn: () => unwrap(api.GET('/api/v1/drawings/{drawingId}/rules', { params: { path: { drawingId } } })),
  });
}
