import { screen, waitFor } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { beforeAll, describe, expect, it } from 'vitest';
import { sessionStore } from '@/lib/auth/session';
import { me } from '@/test/fixtures';
import { renderRoute, testUser } from '@/test/render';
import { server } from '@/test/server';

function signInAs(status: string) {
  sessionStore.set({ accessToken: 'access', user: { ...testUser, status } });
}

// The page's lazily loaded area, imported once up front: a cold import on a loaded machine
// would otherwise eat the first test's waits.
beforeAll(async () => {
  await import('@/features/legal/routes');
}, 60_000);

describe('the suspension notice', () => {
  it('is shown on member pages while the account is suspended, linking to the appeal page', async () => {
    signInAs('suspended');
    server.use(http.get('/api/v1/users/me', () => HttpResponse.json(me({ status: 'suspended' }))));
    renderRoute('/legal/terms');
    const notice = await screen.findByRole('region', { name: 'Account suspended' });
    expect(notice).toHaveTextContent('Your account is suspended.');
    expect(screen.getByRole('link', { name: 'Appeal the suspension' })).toHaveAttribute('href', '/account/appeals');
  });

  it('is not shown to an active member, who sends no extra request for it', async () => {
    signInAs('active');
    // No /users/me handler: a request for it would fail the test.
    renderRoute('/legal/terms');
    expect(await screen.findByRole('heading', { name: 'The terms document' })).toBeInTheDocument();
    expect(screen.queryByRole('region', { name: 'Account suspended' })).not.toBeInTheDocument();
  });

  it('goes once the member is active again, though the session was started while suspended', async () => {
    signInAs('suspended');
    let asked = 0;
    server.use(
      http.get('/api/v1/users/me', () => {
        asked += 1;
        return HttpResponse.json(me({ status: 'active' }));
      }),
    );
    renderRoute('/legal/terms');
    expect(await screen.findByRole('heading', { name: 'The terms document' })).toBeInTheDocument();
    await waitFor(() => expect(asked).toBeGreaterThan(0));
    await waitFor(() => expect(screen.queryByRole('region', { name: 'Account suspended' })).not.toBeInTheDocument());
  });

  it('is not shown to a visitor', async () => {
    renderRoute('/legal/terms');
    expect(await screen.findByRole('heading', { name: 'The terms document' })).toBeInTheDocument();
    expect(screen.queryByRole('region', { name: 'Account suspended' })).not.toBeInTheDocument();
  });
});
