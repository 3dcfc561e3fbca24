import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api/client';
import { unwrap } from '@/lib/api/errors';
import type { components } from '@/lib/api/schema';

type S = components['schemas'];
export type AdminDrawing = S['AdminDrawingView'];
export type DrawingCreate = S['DrawingCreate'];
export type DrawingUpdate = S['DrawingUpdate'];
export type AuditEntry = S['AuditEntryView'];
export type DrawingStatus = 'draft' | 'scheduled' | 'open' | 'closed' | 'completed' | 'cancelled';
export type DrawingType = DrawingCreate['type'];

/** Everything under it refreshes after any change to a drawing, its prizes or templates. */
export const adminDrawingsKey = ['admin', 'drawings'] as const;

export function useAdminDrawings(status: DrawingStatus | '', type: DrawingType | '', page: number) {
  return useQuery({
    queryKey: [...adminDrawingsKey, 'list', status, type, page],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/admin/drawings', {
          params: { query: { page, limit: 20, ...(status ? { status } : {}), ...(type ? { type } : {}) } },
        }),
      ),
    placeholderData: keepPreviousData,
  });
}

export function useAdminDrawing(drawingId: string) {
  return useQuery({
    queryKey: [...adminDrawingsKey, 'detail', drawingId],
    queryFn: () => unwrap(api.GET('/api/v1/admin/drawings/{drawingId}', { params: { path: { drawingId } } })),
  });
}

export function useDrawingAudit(drawingId: string) {
  return useQuery({
    queryKey: [...adminDrawingsKey, 'audit', drawingId],
    queryFn: () => unwrap(api.GET('/api/v1/admin/drawings/{drawingId}/audit', { params: { path: { drawingId } } })),
  });
}

/** A mutation whose success refreshes every admin drawing query (lists, detail, audit). */
export function useDrawingsMutation<V, R>(call: (values: V) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: call,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: adminDrawingsKey }),
  });
}

export function useCreateDrawing() {
  return useDrawingsMutation((body: DrawingCreate) => unwrap(api.POST('/api/v1/admin/drawings', { body })));
}

export function useUpdateDrawing(drawingId: string) {
  return useDrawingsMutation((body: DrawingUpdate) =>
    unwrap(api.PUT('/api/v1/admin/drawings/{drawingId}', { params: { path: { drawingId } }, body })),
  );
}

export type LifecycleStep = 'schedule' | 'open' | 'close';

const lifecyclePaths = {
  schedule: '/api/v1/admin/drawings/{drawingId}/schedule',
  open: '/api/v1/admin/drawings/{drawingId}/open',
  close: '/api/v1/admin/drawings/{drawingId}/close',
} as const;

export function useLifecycleStep(drawingId: string) {
  return useDrawingsMutation((step: LifecycleStep) =>
    unwrap(api.POST(lifecyclePaths[step], { params: { path: { drawingId } } })),
  );
}

/** Runs the draw; the API asks for a recent one-time code (wrap the call in useStepUp). */
export function useExecuteDrawing(drawingId: string) {
  return useDrawingsMutation(() =>
    unwrap(api.POST('/api/v1/admin/drawings/{drawingId}/execute', { params: { path: { drawingId } } })),
  );
}

/** Cancels and refunds every ticket; needs a recent one-time code like the draw. */
export function useCancelDrawing(drawingId: string) {
  return useDrawingsMutation((reason: string | null) =>
    unwrap(api.DELETE('/api/v1/admin/drawings/{drawingId}', { params: { path: { drawingId } }, body: { reason } })),
  );
}
