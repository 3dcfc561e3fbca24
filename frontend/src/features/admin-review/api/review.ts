import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from '@/lib/zod';
import { api } from '@/lib/api/client';
import { unwrap } from '@/lib/api/errors';
import type { components, paths } from '@/lib/api/schema';

export type ReviewFlag = components['schemas']['ReviewFlagView'];
export type FlagStatus = NonNullable<
  NonNullable<paths['/api/v1/admin/review-queue']['get']['parameters']['query']>['status']
>;
export type Outcome = components['schemas']['ResolveFlag']['decision'];

const queueKey = ['admin', 'review-queue'] as const;

export function useReviewQueue(status: FlagStatus, page: number) {
  return useQuery({
    queryKey: [...queueKey, status, page],
    queryFn: () => unwrap(api.GET('/api/v1/admin/review-queue', { params: { query: { status, page, limit: 20 } } })),
    placeholderData: keepPreviousData,
  });
}

export function useResolveFlag() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ flagId, decision, note }: { flagId: string; decision: Outcome; note: string }) =>
      unwrap(
        api.POST('/api/v1/admin/review-queue/{flagId}/resolve', {
          params: { path: { flagId } },
          body: { decision, note },
        }),
      ),
    // A ban closes the member's other open flags too, so the whole queue is read again.
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queueKey }),
  });
}

export const resolveSchema = z.object({
  note: z.string().trim().min(1, 'Say why: the note is kept with the decision.').max(1000, 'At most 1,000 characters.'),
});
export type ResolveValues = z.infer<typeof resolveSchema>;
