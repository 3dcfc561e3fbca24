import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { sessionStore } from '@/lib/auth/session';
import { me } from '@/test/fixtures';
import { renderRoute, testUser } from '@/test/render';
import { server } from '@/test/server';

function tokens() {
  return HttpResponse.json({ accessToken: 'a1', refreshToken: 'r1', expiresIn: 3600, tokenType: 'Bearer', user: testUser });
}

describe('sign-in', () => {
  it('sends members without a complete profile to complete it', async () => {
    server.use(
      http.post('/api/v1/auth/login', tokens),
      http.get('/api/v1/users/me', () => HttpResponse.json(me({}, { complete: false, displayName: null }))),
      http.get('/api/v1/points/balance', () => HttpResponse.json({ balance: 0 })),
    );
    const user = userEvent.setup();
    const { router } = renderRoute('/login');
    await user.type(await screen.findByLabelText('Email'), 'member@example.com');
    await user.type(screen.getByLabelText('Password'), 'Str0ng-Enough!');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/profile/complete'));
    expect(sessionStore.get()?.accessToken).toBe('a1');
    expect(await screen.findByRole('heading', { name: 'Complete your profile' })).toBeInTheDocument();
  });

  it('returns to the page that asked for a sign-in', async () => {
    server.use(
      http.post('/api/v1/auth/login', tokens),
      http.get('/api/v1/users/me', () => HttpResponse.json(me())),
      http.get('/api/v1/points/balance', () => HttpResponse.json({ balance: 1, lifetimePoints: 1, pointsToday: 0, dailyCap: 1000, earningFrom: null, asOf: '2026-06-10T16:00:00Z' })),
      http.get('/api/v1/points/transactions', () => HttpResponse.json({ transactions: [], pagination: { page: 1, limit: 20, totalItems: 0, totalPages: 0 } })),
    );
    const user = userEvent.setup();
    const { router } = renderRoute('/points');
    await waitFor(() => expect(router.state.location.pathname).toBe('/login'));
    await user.type(await screen.findByLabelText('Email'), 'member@example.com');
    await user.type(screen.getByLabelText('Password'), 'Str0ng-Enough!');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/points'));
    expect(await screen.findByText('No ledger entries yet')).toBeInTheDocument();
  });

  it('shows the API message when the credentials are wrong', async () => {
    server.use(
      http.post('/api/v1/auth/login', () =>
        HttpResponse.json(
          { type: 'https://fittrack.app/problems/unauthorized', title: 'Authentication required', status: 401, detail: 'The email or password is incorrect.' },
          { status: 401, headers: { 'Content-Type': 'application/problem+json' } },
        ),
      ),
    );
    const user = userEvent.setup();
    renderRoute('/login');
    await user.type(await screen.findByLabelText('Email'), 'member@example.com');
    await user.type(screen.getByLabelText('Password'), 'wrong');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('The email or password is incorrect.');
    expect(sessionStore.get()).toBeNull();
  });
});
