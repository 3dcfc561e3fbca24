import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from '@/lib/zod';
import { api } from '@/lib/api/client';
import { unwrap } from '@/lib/api/errors';
import { queryKeys } from '@/lib/api/queries';
import { passwordProblems } from '@/lib/eligibility';

const newPassword = z.string().superRefine((value, ctx) => {
  const missing = passwordProblems(value);
  if (missing.length > 0) ctx.addIssue({ code: 'custom', message: `The password needs ${missing.join(', ')}.` });
});

export const forgotSchema = z.object({
  email: z.string().trim().min(1, 'Enter your email address.').email('Enter a valid email address.'),
});
export type ForgotValues = z.infer<typeof forgotSchema>;

export const resetSchema = z
  .object({ password: newPassword, confirm: z.string() })
  .refine((v) => v.password === v.confirm, { path: ['confirm'], message: 'The passwords do not match.' });
export type ResetValues = z.infer<typeof resetSchema>;

export const changeSchema = z
  .object({ currentPassword: z.string().min(1, 'Enter your current password.'), newPassword, confirm: z.string() })
  .refine((v) => v.newPassword === v.confirm, { path: ['confirm'], message: 'The passwords do not match.' })
  .refine((v) => v.newPassword !== v.currentPassword, { path: ['newPassword'], message: 'Choose a new password.' });
export type ChangeValues = z.infer<typeof changeSchema>;

export function useForgotPassword() {
  return useMutation({
    mutationFn: (email: string) => unwrap(api.POST('/api/v1/auth/forgot-password', { body: { email } })),
  });
}

export function useResetPassword() {
  return useMutation({
    mutationFn: (body: { token: string; password: string }) => unwrap(api.POST('/api/v1/auth/reset-password', { body })),
  });
}

export function useChangePassword() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { currentPassword: string; newPassword: string }) =>
      unwrap(api.PUT('/api/v1/users/me/password', { body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.sessions }),
  });
}

export function useSessions() {
  return useQuery({
    queryKey: queryKeys.sessions,
    queryFn: () => unwrap(api.GET('/api/v1/auth/sessions')),
  });
}

export function useRevokeSession() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (sessionId: string) =>
      unwrap(api.DELETE('/api/v1/auth/sessions/{sessionId}', { params: { path: { sessionId } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.sessions }),
  });
}

export function useLogoutEverywhere() {
  return useMutation({ mutationFn: () => unwrap(api.POST('/api/v1/auth/logout-all')) });
}

/** GET /users/me/export as text, saved by the browser as a .json file. */
export async function downloadMyData(): Promise<number> {
  const text = await unwrap(api.GET('/api/v1/users/me/export', { parseAs: 'text' }));
  const blob = new Blob([text as unknown as string], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = `fittrack-my-data-${new Date().toISOString().slice(0, 10)}.json`;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
  return blob.size;
}

export function useDeleteAccount() {
  return useMutation({ mutationFn: () => unwrap(api.DELETE('/api/v1/users/me')) });
}
