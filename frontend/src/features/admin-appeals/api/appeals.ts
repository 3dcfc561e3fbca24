import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from '@/lib/zod';
import { api } from '@/lib/api/client';
import { unwrap } from '@/lib/api/errors';
import type { components } from '@/lib/api/schema';

export type AdminAppeal = components['schemas']['AdminAppealView'];
export type AppealStatus = AdminAppeal['status'];
export type Decision = components['schemas']['DecideAppeal']['decision'];
export type StatusFilter = AppealStatus | 'all';

const appealsKey = ['admin', 'appeals'] as const;

/** The queue of one status (every confirmed appeal for `all`), oldest first as the API sorts it. */
export function useAdminAppeals(status: StatusFilter, page: number) {
  return useQuery({
    queryKey: [...appealsKey, status, page],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/admin/appeals', {
          params: { query: { page, limit: 20, ...(status === 'all' ? {} : { status }) } },
        }),
      ),
    placeholderData: keepPreviousData,
  });
}

export function useDecideAppeal() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ appealId, decision, note }: { appealId: string; decision: Decision; note: string }) =>
      unwrap(
        api.POST('/api/v1/admin/appeals/{appealId}/decide', {
          params: { path: { appealId } },
          body: { decision, note },
        }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: appealsKey }),
  });
}

/** The note goes to the member with the decision (in-app and by email). */
export const decisionSchema = z.object({
  note: z.string().trim().min(1, 'Write a note for the member.').max(1000, 'At most 1,000 characters.'),
});
export type DecisionValues = z.infer<typeof decisionSchema>;
