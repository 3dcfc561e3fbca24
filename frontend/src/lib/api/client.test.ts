import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { server } from '@/test/server';
import { sessionStore } from '@/lib/auth/session';
import { api } from './client';
import { ApiError, applyFieldErrors, errorMessage, unwrap } from './errors';

const user = { userId: 'u1', email: 'a@example.com', role: 'user', status: 'active', pointBalance: 10 };

describe('api client', () => {
  it('sends the access token as a bearer token', async () => {
    sessionStore.set({ accessToken: 'access-1', user });
    let seen: string | null = null;
    server.use(
      http.get('/api/v1/points/balance', ({ request }) => {
        seen = request.headers.get('Authorization');
        return HttpResponse.json({ balance: 5, lifetimePoints: 5, pointsToday: 0, dailyCap: 1000, earningFrom: null, asOf: '2026-06-10T16:00:00Z' });
      }),
    );
    const data = await unwrap(api.GET('/api/v1/points/balance'));
    expect(data.balance).toBe(5);
    expect(seen).toBe('Bearer access-1');
  });

  it('refreshes once on a 401 by cookie, with the CSRF header, and retries with the new token', async () => {
    sessionStore.set({ accessToken: 'expired', user });
    const refreshCalls: { body: unknown; transport: string | null; csrf: string | null; auth: string | null }[] = [];
    const authHeaders: (string | null)[] = [];
    server.use(
      http.post('/api/v1/auth/refresh', async ({ request }) => {
        refreshCalls.push({
          body: await request.json(),
          transport: request.headers.get('X-FitTrack-Token-Transport'),
          csrf: request.headers.get('X-CSRF-Token'),
          auth: request.headers.get('Authorization'),
        });
        return HttpResponse.json({ accessToken: 'access-2', expiresIn: 3600, tokenType: 'Bearer', user });
      }),
      http.post('/api/v1/drawings/:id/tickets', async ({ request }) => {
        authHeaders.push(request.headers.get('Authorization'));
        const body = (await request.json()) as { quantity: number };
        if (request.headers.get('Authorization') !== 'Bearer access-2')
          return HttpResponse.json({ type: 'x', title: 'Authentication required', status: 401, detail: 'Expired.' }, { status: 401 });
        return HttpResponse.json({ drawingId: 'd', ticketsPurchased: body.quantity }, { status: 201 });
      }),
    );
    // Two concurrent calls share one refresh.
    const [a, b] = await Promise.all([
      unwrap(api.POST('/api/v1/drawings/{drawingId}/tickets', { params: { path: { drawingId: 'd' } }, body: { quantity: 2 } })),
      unwrap(api.POST('/api/v1/drawings/{drawingId}/tickets', { params: { path: { drawingId: 'd' } }, body: { quantity: 3 } })),
    ]);
    expect(a.ticketsPurchased).toBe(2);
    expect(b.ticketsPurchased).toBe(3);
    // The refresh token is the browser's httpOnly cookie: nothing of it is in the body.
    expect(refreshCalls).toEqual([{ body: {}, transport: 'cookie', csrf: '1', auth: null }]);
    expect(authHeaders.filter((h) => h === 'Bearer access-2')).toHaveLength(2);
    expect(sessionStore.get()).toEqual({ accessToken: 'access-2', user });
  });

  it('signs out when the refresh is refused', async () => {
    sessionStore.set({ accessToken: 'expired', user });
    server.use(
      http.post('/api/v1/auth/refresh', () =>
        HttpResponse.json({ type: 'x', title: 'Authentication required', status: 401, detail: 'Revoked.' }, { status: 401 }),
      ),
      http.get('/api/v1/users/me', () =>
        HttpResponse.json({ type: 'x', title: 'Authentication required', status: 401, detail: 'Sign in.' }, { status: 401 }),
      ),
    );
    await expect(unwrap(api.GET('/api/v1/users/me'))).rejects.toMatchObject({ status: 401 });
    expect(sessionStore.get()).toBeNull();
  });

  it('does not try to refresh when signing in fails', async () => {
    let refreshes = 0;
    server.use(
      http.post('/api/v1/auth/refresh', () => {
        refreshes += 1;
        return HttpResponse.json({}, { status: 500 });
      }),
      http.post('/api/v1/auth/login', () =>
        HttpResponse.json(
          { type: 'https://fittrack.app/problems/unauthorized', title: 'Authentication required', status: 401, detail: 'The email or password is incorrect.' },
          { status: 401, headers: { 'Content-Type': 'application/problem+json' } },
        ),
      ),
    );
    const error = await unwrap(api.POST('/api/v1/auth/login', { body: { email: 'a@b.co', password: 'x', deviceId: null } })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).detail).toBe('The email or password is incorrect.');
    expect(refreshes).toBe(0);
  });

  it('turns a validation problem into field errors for react-hook-form', async () => {
    server.use(
      http.post('/api/v1/auth/register', () =>
        HttpResponse.json(
          {
            type: 'https://fittrack.app/problems/validation-error',
            title: 'Request validation failed',
            status: 400,
            detail: 'One or more fields are invalid.',
            errors: [
              { field: 'email', message: 'That email is already registered.', code: 'duplicate_email' },
              { field: 'somethingElse', message: 'Unmapped problem.', code: 'x' },
            ],
          },
          { status: 400, headers: { 'Content-Type': 'application/problem+json', 'Retry-After': '7' } },
        ),
      ),
    );
    const error = (await unwrap(api.POST('/api/v1/auth/register', {
        body: {
          email: 'a@b.co',
          password: 'x',
          dateOfBirth: '2000-01-01',
          stateOfResidence: 'CA',
          acceptedTerms: true,
          acceptedSweepstakesRules: true,
        },
      })).catch((e: unknown) => e)) as ApiError;
    expect(error.status).toBe(400);
    expect(error.type).toBe('https://fittrack.app/problems/validation-error');
    expect(error.retryAfterSeconds).toBe(7);
    const calls: [string, { message?: string }][] = [];
    const unmatched = applyFieldErrors(error, ((name: string, e: { message?: string }) => calls.push([name, e])) as never, ['email', 'password']);
    expect(calls).toEqual([['email', { type: 'duplicate_email', message: 'That email is already registered.' }]]);
    expect(unmatched).toEqual(['Unmapped problem.']);
  });

  it('reports a network failure as an ApiError with status 0', async () => {
    server.use(http.get('/api/v1/health', () => HttpResponse.error()));
    await expect(unwrap(api.GET('/api/v1/health'))).rejects.toMatchObject({ status: 0, title: 'Network error' });
  });

  it('tells a rate-limited caller when to try again', async () => {
    server.use(
      http.get('/api/v1/prizes', () =>
        HttpResponse.json(
          { type: 'https://fittrack.app/problems/rate-limited', title: 'Too many requests', status: 429, detail: 'Slow down.' },
          { status: 429, headers: { 'Content-Type': 'application/problem+json', 'Retry-After': '30' } },
        ),
      ),
    );
    const error = await unwrap(api.GET('/api/v1/prizes', { params: { query: { page: 1, limit: 6 } } })).catch((e: unknown) => e);
    expect(errorMessage(error)).toBe('Slow down. Try again in 30 seconds.');
  });
});
