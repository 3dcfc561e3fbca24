import { screen, waitFor } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { beforeEach, describe, expect, it } from 'vitest';
import { rememberRefreshCookie } from '@/lib/auth/cookieHint';
import { restoreSession } from '@/lib/auth/restore';
import { balance, me, pagination } from '@/test/fixtures';
import { renderRoute, testUser } from '@/test/render';
import { server } from '@/test/server';

function notificationsApi(onAuth: (header: string | null) => void) {
  server.use(
    http.get('/api/v1/users/me', () => HttpResponse.json(me())),
    http.get('/api/v1/points/balance', () => HttpResponse.json(balance)),
    http.get('/api/v1/notifications/unread-count', () => HttpResponse.json({ unreadCount: 0 })),
    http.get('/api/v1/notifications', ({ request }) => {
      onAuth(request.headers.get('Authorization'));
      return HttpResponse.json({ items: [], unreadCount: 0, pagination: pagination(0, 1) });
    }),
  );
}

describe('RequireAuth after a reload', () => {
  // A browser that signed in before the reload.
  beforeEach(() => rememberRefreshCookie());

  it('waits for the cookie refresh and shows the page, not the login form', async () => {
    let answerRefresh: () => void = () => undefined;
    const refreshed = new Promise<void>((resolve) => (answerRefresh = resolve));
    server.use(
      http.post('/api/v1/auth/refresh', async ({ request }) => {
        expect(request.headers.get('X-CSRF-Token')).toBe('1');
        await refreshed;
        return HttpResponse.json({ accessToken: 'from-cookie', expiresIn: 3600, tokenType: 'Bearer', user: testUser });
      }),
    );
    const authHeaders: (string | null)[] = [];
    notificationsApi((header) => authHeaders.push(header));
    const restoring = restoreSession();
    const { router } = renderRoute('/notifications');
    expect(await screen.findByText('Restoring your session…')).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/notifications');
    answerRefresh();
    expect(await restoring).toBe(true);
    expect(await screen.findByRole('heading', { name: /notifications/i })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/notifications');
    await waitFor(() => expect(authHeaders.length).toBeGreaterThan(0));
    expect(authHeaders.every((h) => h === 'Bearer from-cookie')).toBe(true);
  });

  it('sends the member to sign in when the refresh is refused', async () => {
    server.use(
      http.post('/api/v1/auth/refresh', () =>
        HttpResponse.json({ type: 'x', title: 'Authentication required', status: 401, detail: 'Revoked.' }, { status: 401 }),
      ),
    );
    const restoring = restoreSession();
    const { router } = renderRoute('/notifications');
    expect(await restoring).toBe(false);
    expect(await screen.findByLabelText('Email')).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/login');
  });
});
