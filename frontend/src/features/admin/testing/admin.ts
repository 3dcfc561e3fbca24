import { http, HttpResponse } from 'msw';
import { sessionStore } from '@/lib/auth/session';

export const adminUser = {
  userId: '00000000-0000-4000-8000-00000000ad01',
  email: 'admin@example.com',
  role: 'admin',
  status: 'active',
  pointBalance: 0,
};

export function signInAdmin() {
  sessionStore.set({ accessToken: 'admin-access', user: adminUser });
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

/** POST /auth/mfa/verify accepting `code` and answering with the stepped-up token `stepped-up`. */
export function stepUpVerify(code: string, codes: string[] = []) {
  return http.post('/api/v1/auth/mfa/verify', async ({ request }) => {
    const body = (await request.json()) as { code: string };
    codes.push(body.code);
    if (body.code !== code) {
      return HttpResponse.json(
        { type: 'https://fittrack.app/problems/validation', title: 'Invalid code', status: 400, errors: [{ field: 'code', message: 'That code is not valid.', code: 'invalid' }] },
        { status: 400 },
      );
    }
    return HttpResponse.json({ accessToken: 'stepped-up', expiresIn: 900, tokenType: 'Bearer', authTime: '2026-06-10T16:00:00Z', amr: ['pwd', 'otp'] });
  });
}
