import { api } from '@/lib/api/client';
import { ApiError, unwrap } from '@/lib/api/errors';
import { sessionStore } from '@/lib/auth/session';

/** The problem type's last segment when a route wants a recent one-time code (RFC 9470). */
const STEP_UP_CODE = 'insufficient-user-authentication';

export function isStepUpRequired(error: unknown): boolean {
  return error instanceof ApiError && error.status === 401 && error.type.endsWith(STEP_UP_CODE);
}

/**
 * False when the session's access token is a JWT whose `amr` has no `otp`: no protected
 * action can pass with it, so the console asks for the code before trying. True otherwise
 * (stepped up, or a token it cannot read): the API's challenge decides, since only the
 * server's clock can tell whether the code is older than 15 minutes.
 */
export function mayHaveRecentCode(): boolean {
  const payload = sessionStore.get()?.accessToken.split('.')[1];
  if (!payload) return true;
  try {
    const claims = JSON.parse(atob(payload.replace(/-/g, '+').replace(/_/g, '/'))) as { amr?: unknown };
    return Array.isArray(claims.amr) && claims.amr.includes('otp');
  } catch {
    return true;
  }
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
