import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api/client';
import { unwrap } from '@/lib/api/errors';
import type { components } from '@/lib/api/schema';

export type KindPreference = components['schemas']['KindPreference'];
export type NotificationKind = KindPreference['kind'];
type EmailChoices = components['schemas']['EmailChoices'];

export const preferencesKey = ['notification-preferences'] as const;

/** The API's kind names (NotificationView.kind) to the PUT body's camelCase fields. */
const FIELD: Record<NotificationKind, keyof EmailChoices> = {
  prize_won: 'prizeWon',
  forfeit_warning: 'forfeitWarning',
  prize_shipped: 'prizeShipped',
  account_status: 'accountStatus',
};

/** Only the kinds whose choice differs from what the API holds; an omitted field keeps its value. */
export function changedChoices(
  kinds: readonly KindPreference[],
  choices: Partial<Record<NotificationKind, boolean>>,
): Partial<EmailChoices> {
  // Typed loosely here: the contract lets a mandatory kind be sent only as `true`, and
  // the page never offers to switch one off.
  const out: Partial<Record<keyof EmailChoices, boolean>> = {};
  for (const k of kinds) {
    const chosen = choices[k.kind];
    if (chosen !== undefined && chosen !== k.email) out[FIELD[k.kind]] = chosen;
  }
  return out as Partial<EmailChoices>;
}

export function useNotificationPreferences() {
  return useQuery({
    queryKey: preferencesKey,
    queryFn: () => unwrap(api.GET('/api/v1/users/me/notification-preferences')),
  });
}

export function useUpdateNotificationPreferences() {
  const queryClient = useQueryClient();
  return useMutation({
    // The generated type lists every field (each defaults to null); the API treats an omitted one as unchanged.
    mutationFn: (email: Partial<EmailChoices>) =>
      unwrap(api.PUT('/api/v1/users/me/notification-preferences', { body: { email: email as EmailChoices } })),
    onSuccess: (data) => queryClient.setQueryData(preferencesKey, data),
  });
}
