import { waitFor } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { renderRoute, signIn } from '@/test/render';
import { server } from '@/test/server';

describe('tracker callback route', () => {
  it('hands code and state to the API and returns to the trackers page', async () => {
    signIn();
    let body: unknown;
    server.use(
      http.post('/api/v1/connections/fitbit/callback', async ({ request }) => {
        body = await request.json();
        return HttpResponse.json({ provider: 'fitbit', status: 'active', isPrimary: true, lastSyncAt: null }, { status: 201 });
      }),
      http.get('/api/v1/connections', () =>
        HttpResponse.json({
          connections: [{ provider: 'fitbit', status: 'active', isPrimary: true, lastSyncAt: null }],
          available: [{ provider: 'google_fit', displayName: 'Google Fit' }],
        }),
      ),
      http.get('/api/v1/users/me', () => HttpResponse.json({})),
      http.get('/api/v1/points/balance', () => HttpResponse.json({ balance: 0 })),
    );
    const { router, findByText } = renderRoute('/connections/callback/fitbit?code=abc&state=xyz');
    await waitFor(() => expect(router.state.location.pathname).toBe('/connections'));
    expect(body).toEqual({ code: 'abc', state: 'xyz' });
    expect(await findByText('Not synced yet')).toBeInTheDocument();
  });

  it('keeps code and state through a sign-in when the session is gone', async () => {
    const { router } = renderRoute('/connections/callback/fitbit?code=abc&state=xyz');
    await waitFor(() => expect(router.state.location.pathname).toBe('/login'));
    expect(new URLSearchParams(router.state.location.search).get('next')).toBe('/connections/callback/fitbit?code=abc&state=xyz');
  });
});
