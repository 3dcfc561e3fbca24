import { api } from '@/lib/api/client';
import { ApiError, unwrap } from '@/lib/api/errors';
import { sessionStore } from '@/lib/auth/session';

/** The problem type's last segment when a route wants a recent one-time code (RFC 9470). */
const STEP_UP_CODE = 'insufficient-user-authentication';

export function isStepUpRequired(error: unknown): boolean {
  return error instanceof ApiError && error.status === 401 && error.type.endsWith(STEP_UP_CODE);
}

/** Exchanges a code from the admin's authenticator for an access token carrying `amr` otp. */
export async function verifyStepUp(code: string): Promise<void> {
  const tokens = await unwrap(api.POST('/api/v1/auth/mfa/verify', { body: { code } }));
  sessionStore.update({ accessToken: tokens.accessToken });
}

export function enrollAuthenticator() {
  return unwrap(api.POST('/api/v1/auth/mfa/enroll'));
}

export function confirmAuthenticator(code: string) {
  return unwrap(api.POST('/api/v1/auth/mfa/confirm', { body: { code } }));
}
