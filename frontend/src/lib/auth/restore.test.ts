import { http, HttpResponse } from 'msw';
import { beforeEach, describe, expect, it } from 'vitest';
import { server } from '@/test/server';
import { mayHoldRefreshCookie, rememberRefreshCookie } from './cookieHint';
import { restoreSession } from './restore';
import { sessionStore } from './session';

const user = { userId: 'u1', email: 'a@example.com', role: 'user', status: 'active', pointBalance: 10 };

describe('restoring the session on page load', () => {
  beforeEach(() => rememberRefreshCookie());

  it('asks the refresh cookie for an access token, with the CSRF header, and keeps it in memory', async () => {
    const seen: { transport: string | null; csrf: string | null; body: unknown }[] = [];
    server.use(
      http.post('/api/v1/auth/refresh', async ({ request }) => {
        seen.push({
          transport: request.headers.get('X-FitTrack-Token-Transport'),
          csrf: request.headers.get('X-CSRF-Token'),
          body: await request.json(),
        });
        return HttpResponse.json({ accessToken: 'restored', expiresIn: 3600, tokenType: 'Bearer', user });
      }),
    );
    const phases: string[] = [];
    const stop = sessionStore.subscribe(() => phases.push(sessionStore.phase()));
    const restored = await restoreSession();
    stop();
    expect(restored).toBe(true);
    expect(seen).toEqual([{ transport: 'cookie', csrf: '1', body: {} }]);
    expect(sessionStore.get()).toEqual({ accessToken: 'restored', user });
    expect(phases[0]).toBe('restoring');
    expect(sessionStore.phase()).toBe('ready');
    expect(JSON.stringify({ ...localStorage, ...sessionStorage })).not.toContain('restored');
  });

  it('stays signed out when the API refuses the cookie', async () => {
    server.use(
      http.post('/api/v1/auth/refresh', () =>
        HttpResponse.json({ type: 'x', title: 'Forbidden', status: 403, detail: 'No.' }, { status: 403 }),
      ),
    );
    expect(await restoreSession()).toBe(false);
    expect(sessionStore.get()).toBeNull();
    expect(sessionStore.phase()).toBe('ready');
    expect(mayHoldRefreshCookie()).toBe(false);
  });

  it('sends no refresh from a browser that never signed in or has signed out', async () => {
    let calls = 0;
    server.use(
      http.post('/api/v1/auth/refresh', () => {
        calls += 1;
        return HttpResponse.json({ accessToken: 'restored', expiresIn: 3600, tokenType: 'Bearer', user });
      }),
    );
    sessionStore.set({ accessToken: 'a', user: user as never });
    sessionStore.clear();
    expect(await restoreSession()).toBe(false);
    expect(calls).toBe(0);
    expect(sessionStore.phase()).toBe('ready');
  });

  it('remembers a started session so the next page load restores it', async () => {
    sessionStore.clear();
    expect(mayHoldRefreshCookie()).toBe(false);
    sessionStore.set({ accessToken: 'a', user: user as never });
    expect(mayHoldRefreshCookie()).toBe(true);
  });
});
