import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { sessionStore } from '@/lib/auth/session';
import { me } from '@/test/fixtures';
import { renderRoute, testUser } from '@/test/render';
import { server } from '@/test/server';

function socialTokens(needsRegistrationDetails: boolean) {
  return HttpResponse.json({
    accessToken: 'social-a1', expiresIn: 3600, tokenType: 'Bearer', user: testUser,
    accountCreated: needsRegistrationDetails, needsRegistrationDetails,
  });
}

describe('social sign-in callback', () => {
  it('hands code and state to the API and sends a new member to finish registration', async () => {
    let sent: unknown = null;
    server.use(
      http.post('/api/v1/auth/social/google/callback', async ({ request }) => {
        sent = await request.json();
        return socialTokens(true);
      }),
      http.get('/api/v1/users/me', () => HttpResponse.json(me({}, { complete: false, displayName: null }))),
      http.get('/api/v1/points/balance', () => HttpResponse.json({ balance: 0 })),
      http.get('/api/v1/notifications/unread-count', () => HttpResponse.json({ unreadCount: 0 })),
    );
    const { router } = renderRoute('/auth/callback/google?code=c1&state=s1');
    await waitFor(() => expect(router.state.location.pathname).toBe('/auth/finish-registration'));
    expect(await screen.findByRole('heading', { name: 'Finish registration' })).toBeInTheDocument();
    expect(sent).toMatchObject({ code: 'c1', state: 's1' });
    expect(sessionStore.get()?.accessToken).toBe('social-a1');
  });

  it('explains a declined consent without calling the API', async () => {
    renderRoute('/auth/callback/apple?error=access_denied&state=s1');
    expect(await screen.findByRole('alert')).toHaveTextContent('You declined to share your account');
  });

  it('shows the API problem when the state is bad', async () => {
    server.use(
      http.post('/api/v1/auth/social/google/callback', () =>
        HttpResponse.json(
          { type: 'about:blank', title: 'Bad request', status: 400, detail: 'The sign-in state is unknown or expired.' },
          { status: 400, headers: { 'Content-Type': 'application/problem+json' } },
        ),
      ),
    );
    renderRoute('/auth/callback/google?code=c1&state=forged');
    expect(await screen.findByRole('alert')).toHaveTextContent('The sign-in state is unknown or expired.');
  });
});

describe('linking a refused social sign-in', () => {
  it('keeps the link token, and links it once the member signs in with the password', async () => {
    let linked: unknown = null;
    server.use(
      http.post('/api/v1/auth/social/google/callback', () =>
        HttpResponse.json(
          {
            type: 'https://fittrack.app/problems/conflict', title: 'Conflict', status: 409,
            detail: 'An account with this email exists, but Google does not manage this address.',
            reason: 'email_not_authoritative', linkToken: 'link-123',
          },
          { status: 409, headers: { 'Content-Type': 'application/problem+json' } },
        ),
      ),
      http.post('/api/v1/auth/login', () =>
        HttpResponse.json({ accessToken: 'a1', refreshToken: 'r1', expiresIn: 3600, tokenType: 'Bearer', user: testUser }),
      ),
      http.post('/api/v1/auth/social/link', async ({ request }) => {
        linked = await request.json();
        return HttpResponse.json({ provider: 'google', linkedAt: '2026-06-10T16:00:00Z' });
      }),
      // An incomplete profile lands on /profile/complete, which reads nothing more.
      http.get('/api/v1/users/me', () => HttpResponse.json(me({}, { complete: false, displayName: null }))),
      http.get('/api/v1/points/balance', () => HttpResponse.json({ balance: 0 })),
    );
    const user = userEvent.setup();
    const { router } = renderRoute('/auth/callback/google?code=c1&state=s1');
    expect(await screen.findByRole('alert')).toHaveTextContent('Google does not manage this address');
    expect(JSON.stringify(router.state.location)).not.toContain('link-123');
    await user.click(screen.getByRole('link', { name: 'Sign in with your password to link this account' }));
    await user.type(await screen.findByLabelText('Email'), 'member@example.com');
    await user.type(screen.getByLabelText('Password'), 'Str0ng-Enough!');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    await waitFor(() => expect(linked).toEqual({ linkToken: 'link-123' }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/profile/complete'));
    expect(await screen.findByText('Google is linked')).toBeInTheDocument(); // on the next page
    expect(await screen.findByRole('heading', { name: 'Complete your profile' })).toBeInTheDocument();
    expect(sessionStorage.getItem('fittrack.pendingSocialLink')).toBeNull();
  });
});

describe('social sign-in buttons', () => {
  it.each(['/login', '/register'])('offer Google and Apple on %s and explain an unavailable provider', async (path) => {
    let asked = '';
    server.use(
      http.post('/api/v1/auth/social/:provider/initiate', ({ params }) => {
        asked = String(params.provider);
        return HttpResponse.json(
          { type: 'about:blank', title: 'Service unavailable', status: 503, detail: 'Sign-in with apple is not configured.' },
          { status: 503, headers: { 'Content-Type': 'application/problem+json' } },
        );
      }),
    );
    const user = userEvent.setup();
    renderRoute(path);
    expect(await screen.findByRole('button', { name: 'Continue with Google' })).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Continue with Apple' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Sign-in with apple is not configured.');
    expect(asked).toBe('apple');
  });
});

describe('finish registration', () => {
  it('sends the eligibility answers and opens the dashboard', async () => {
    let sent: unknown = null;
    server.use(
      http.post('/api/v1/auth/complete-registration', async ({ request }) => {
        sent = await request.json();
        return HttpResponse.json(me().profile);
      }),
      http.get('/api/v1/users/me', () => HttpResponse.json(me())),
      http.get('/api/v1/notifications/unread-count', () => HttpResponse.json({ unreadCount: 0 })),
    );
    sessionStore.set({ accessToken: 'social-a1', user: testUser });
    const user = userEvent.setup();
    const { router } = renderRoute('/auth/finish-registration');
    await user.type(await screen.findByLabelText('Date of birth'), '1990-04-02');
    await user.selectOptions(screen.getByLabelText('State of residence'), 'TX');
    await user.click(screen.getByLabelText(/Terms of Service/));
    await user.click(screen.getByLabelText(/Sweepstakes Rules/));
    await user.click(screen.getByRole('button', { name: 'Finish registration' }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/dashboard'));
    expect(sent).toEqual({ dateOfBirth: '1990-04-02', stateOfResidence: 'TX', acceptedTerms: true, acceptedSweepstakesRules: true });
  });

  it('explains an excluded state before anything is sent', async () => {
    sessionStore.set({ accessToken: 'social-a1', user: testUser });
    server.use(http.get('/api/v1/users/me', () => HttpResponse.json(me({}, { complete: false }))));
    const user = userEvent.setup();
    renderRoute('/auth/finish-registration');
    await user.selectOptions(await screen.findByLabelText('State of residence'), 'NY');
    expect(screen.getByRole('note')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Finish registration' }));
    expect(await screen.findByText(/cannot take part in FitTrack sweepstakes/)).toBeInTheDocument();
  });
});
