import { configure } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { beforeAll } from 'vitest';
import { sessionStore } from '@/lib/auth/session';

export const adminUser = {
  userId: '00000000-0000-4000-8000-00000000ad01',
  email: 'admin@example.com',
  role: 'admin',
  status: 'active',
  pointBalance: 0,
};

/** `accessToken` is what the console sends as its bearer (a JWT where the step-up reads `amr`). */
export function signInAdmin(accessToken = 'admin-access') {
  sessionStore.set({ accessToken, user: adminUser });
}

/**
 * The console's lazily imported chunks (its layout's area pulls in the charts), and `area`'s,
 * take longer to import on a loaded machine than a query's wait: a console test file loads them
 * once, before its first test, and gives its pages more than the default wait to render.
 */
export function loadConsole(area?: () => Promise<unknown>) {
  beforeAll(async () => {
    configure({ asyncUtilTimeout: 15_000 });
    await Promise.all([import('@/features/admin/routes'), area?.()]);
  }, 120_000);
}

/** The RFC 9470 answer of a step-up route called without a recent one-time code. */
export function stepUpChallenge() {
  return HttpResponse.json(
    {
      type: 'https://fittrack.app/problems/insufficient-user-authentication',
      title: 'Step-up authentication required',
      status: 401,
      detail: 'Confirm a code from your authenticator (POST /auth/mfa/verify) at most 15 minutes before this action.',
    },
    {
      status: 401,
      headers: { 'WWW-Authenticate': 'Bearer error="insufficient_user_authentication", max_age="900"' },
    },
  );
}

/** The API's 400 for a request with invalid fields (ValidationFailed), each error naming its field. */
export function invalidFields(...errors: { field: string; message: string; code: string }[]) {
  return HttpResponse.json(
    { type: 'https://fittrack.app/problems/validation-error', title: 'Request validation failed', status: 400, detail: 'One or more fields are invalid.', errors },
    { status: 400 },
  );
}

/** POST /auth/mfa/verify accepting `code` and answering with the stepped-up token `stepped-up`. */
export function stepUpVerify(code: string, codes: string[] = []) {
  return http.post('/api/v1/auth/mfa/verify', async ({ request }) => {
    const body = (await request.json()) as { code: string };
    codes.push(body.code);
    if (body.code !== code) return invalidFields({ field: 'code', message: 'That code is not valid.', code: 'invalid' });
    return HttpResponse.json({ accessToken: 'stepped-up', expiresIn: 900, tokenType: 'Bearer', authTime: '2026-06-10T16:00:00Z', amr: ['pwd', 'otp'] });
  });
}
