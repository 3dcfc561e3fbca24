import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from '@/lib/zod';
import { api } from '@/lib/api/client';
import { unwrap } from '@/lib/api/errors';
import { queryKeys } from '@/lib/api/queries';
import type { components } from '@/lib/api/schema';

export type Appeal = components['schemas']['AppealView'];

const MESSAGE_MAX = 2000;
const myAppealsKey = ['appeals', 'mine'] as const;

const message = z
  .string()
  .trim()
  .min(1, 'Tell us why the decision should change.')
  .max(MESSAGE_MAX, 'At most 2,000 characters.');

export const appealSchema = z.object({ message });
export type AppealValues = z.infer<typeof appealSchema>;

export const publicAppealSchema = z.object({
  email: z.string().trim().min(1, 'Enter the email of the banned account.').email('Enter a valid email address.'),
  message,
});
export type PublicAppealValues = z.infer<typeof publicAppealSchema>;

/** A suspended member's own appeals and their decisions, newest first. */
export function useMyAppeals() {
  return useQuery({
    queryKey: myAppealsKey,
    queryFn: () => unwrap(api.GET('/api/v1/users/me/appeals')),
  });
}

export function useSubmitAppeal() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (text: string) => unwrap(api.POST('/api/v1/users/me/appeals', { body: { message: text } })),
    // Also after a 409: the page then shows the appeal already open, or the status that
    // changed meanwhile (a member reinstated by hand).
    onSettled: () => queryClient.invalidateQueries({ queryKey: myAppealsKey }),
    onError: () => queryClient.invalidateQueries({ queryKey: queryKeys.me }),
  });
}

/** The banned member's form: the answer is the same whatever the address. */
export function useSubmitPublicAppeal() {
  return useMutation({
    mutationFn: (body: PublicAppealValues) => unwrap(api.POST('/api/v1/appeals', { body })),
  });
}

export function confirmAppeal(token: string) {
  return unwrap(api.POST('/api/v1/appeals/confirm', { body: { token } }));
}
