import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { describe, expect, it, vi } from 'vitest';
import { COOKIE_NOTICE_KEY } from '@/app/CookieNotice';
import { sessionStore } from '@/lib/auth/session';
import { balance, me } from '@/test/fixtures';
import { renderRoute, signIn } from '@/test/render';
import { server } from '@/test/server';

const GOOD = 'Fresh-Start-2026!';

function memberApi() {
  server.use(
    http.get('/api/v1/users/me', () => HttpResponse.json(me())),
    http.get('/api/v1/points/balance', () => HttpResponse.json(balance)),
    http.get('/api/v1/notifications/unread-count', () => HttpResponse.json({ unreadCount: 0 })),
  );
}

describe('forgot and reset password', () => {
  it('asks for a reset link and says the same whether or not the account exists', async () => {
    let sent: unknown;
    server.use(
      http.post('/api/v1/auth/forgot-password', async ({ request }) => {
        sent = await request.json();
        return HttpResponse.json({ message: 'sent' }, { status: 202 });
      }),
    );
    const user = userEvent.setup();
    renderRoute('/login');
    await user.click(await screen.findByRole('link', { name: 'Forgot your password?' }));
    await screen.findByRole('heading', { name: 'Reset your password' });
    await user.type(screen.getByLabelText('Email'), 'sam@example.com');
    await user.click(screen.getByRole('button', { name: 'Send reset link' }));
    expect(await screen.findByText('sam@example.com')).toBeInTheDocument();
    expect(screen.getByRole('status')).toHaveTextContent(/If an account uses sam@example.com, we have sent it a link/);
    expect(sent).toEqual({ email: 'sam@example.com' });
  });

  it('sets a new password with the token from the emailed link', async () => {
    let sent: unknown;
    server.use(
      http.post('/api/v1/auth/reset-password', async ({ request }) => {
        sent = await request.json();
        return new HttpResponse(null, { status: 204 });
      }),
    );
    const user = userEvent.setup();
    renderRoute('/reset-password?token=tok-123');
    await user.type(await screen.findByLabelText('New password'), 'short');
    await user.type(screen.getByLabelText('Repeat the new password'), 'other');
    await user.click(screen.getByRole('button', { name: 'Set new password' }));
    expect(await screen.findByText(/The password needs/)).toBeInTheDocument();
    expect(screen.getByText('The passwords do not match.')).toBeInTheDocument();
    await user.clear(screen.getByLabelText('New password'));
    await user.type(screen.getByLabelText('New password'), GOOD);
    await user.clear(screen.getByLabelText('Repeat the new password'));
    await user.type(screen.getByLabelText('Repeat the new password'), GOOD);
    await user.click(screen.getByRole('button', { name: 'Set new password' }));
    expect(await screen.findByText(/Your password is changed/)).toBeInTheDocument();
    expect(sent).toEqual({ token: 'tok-123', password: GOOD });
  });

  it('explains an expired link and offers a new one', async () => {
    server.use(
      http.post('/api/v1/auth/reset-password', () =>
        HttpResponse.json({ type: 'x', title: 'Invalid token', status: 400, detail: 'This link has expired.' }, { status: 400 }),
      ),
    );
    const user = userEvent.setup();
    renderRoute('/reset-password?token=old');
    await user.type(await screen.findByLabelText('New password'), GOOD);
    await user.type(screen.getByLabelText('Repeat the new password'), GOOD);
    await user.click(screen.getByRole('button', { name: 'Set new password' }));
    expect(await screen.findByText('This link has expired.')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Ask for a new link' })).toBeInTheDocument();
  });
});

describe('AccountPage', () => {
  const sessions = [
    { sessionId: 's1', deviceId: 'd1', userAgent: 'Mozilla/5.0 (X11; Linux x86_64) Chrome/130.0 Safari/537.36', ipAddress: '10.0.0.1', createdAt: '2026-06-01T10:00:00Z', lastSeenAt: '2026-06-10T15:00:00Z', current: true },
    { sessionId: 's2', deviceId: 'd2', userAgent: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) Safari/604.1', ipAddress: '10.0.0.2', createdAt: '2026-06-02T10:00:00Z', lastSeenAt: '2026-06-09T15:00:00Z', current: false },
  ];

  it('changes the password and puts a wrong current password on its field', async () => {
    signIn();
    memberApi();
    let calls = 0;
    server.use(
      http.get('/api/v1/auth/sessions', () => HttpResponse.json({ sessions })),
      http.put('/api/v1/users/me/password', () => {
        calls += 1;
        if (calls === 1)
          return HttpResponse.json(
            { type: 'x', title: 'Invalid', status: 400, detail: 'Invalid', errors: [{ field: 'currentPassword', message: 'The current password is wrong.' }] },
            { status: 400 },
          );
        return new HttpResponse(null, { status: 204 });
      }),
    );
    const user = userEvent.setup();
    renderRoute('/account');
    await user.type(await screen.findByLabelText('Current password'), 'Old-Password-1!');
    await user.type(screen.getByLabelText('New password'), GOOD);
    await user.type(screen.getByLabelText('Repeat the new password'), GOOD);
    await user.click(screen.getByRole('button', { name: 'Change password' }));
    expect(await screen.findByText('The current password is wrong.')).toBeInTheDocument();
    expect(screen.getByLabelText('Current password')).toHaveAttribute('aria-invalid', 'true');
    await user.click(screen.getByRole('button', { name: 'Change password' }));
    expect(await screen.findByText('Password changed. Your other sessions have ended.')).toBeInTheDocument();
  });

  it('lists sessions, revokes another one and logs out everywhere', async () => {
    signIn();
    memberApi();
    let list = [...sessions];
    let loggedOutAll = false;
    server.use(
      http.get('/api/v1/auth/sessions', () => HttpResponse.json({ sessions: list })),
      http.delete('/api/v1/auth/sessions/:id', ({ params }) => {
        list = list.filter((s) => s.sessionId !== params.id);
        return new HttpResponse(null, { status: 204 });
      }),
      http.post('/api/v1/auth/logout-all', () => {
        loggedOutAll = true;
        return new HttpResponse(null, { status: 204 });
      }),
    );
    const user = userEvent.setup();
    const { router } = renderRoute('/account');
    expect(await screen.findByText('Chrome on Linux')).toBeInTheDocument();
    expect(screen.getByText('This device')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: /^Sign out Safari on iOS/ }));
    await waitFor(() => expect(screen.queryByText('Safari on iOS')).not.toBeInTheDocument());

    await user.click(screen.getByRole('button', { name: 'Log out everywhere' }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/login'));
    expect(loggedOutAll).toBe(true);
    expect(sessionStore.get()).toBeNull();
  });
});

describe('PrivacyPage', () => {
  it('downloads my data as JSON', async () => {
    signIn();
    memberApi();
    server.use(http.get('/api/v1/users/me/export', () => HttpResponse.json({ user: { email: 'member@example.com' } })));
    const createObjectURL = vi.fn(() => 'blob:x');
    Object.assign(URL, { createObjectURL, revokeObjectURL: vi.fn() });
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
    const user = userEvent.setup();
    renderRoute('/privacy');
    await user.click(await screen.findByRole('button', { name: 'Download my data (JSON)' }));
    expect(await screen.findByText('Your data is downloading')).toBeInTheDocument();
    expect(createObjectURL).toHaveBeenCalledTimes(1);
    expect(click).toHaveBeenCalledTimes(1);
    click.mockRestore();
  });

  it('deletes the account only after DELETE is typed', async () => {
    signIn();
    memberApi();
    let deleted = false;
    server.use(
      http.delete('/api/v1/users/me', () => {
        deleted = true;
        return new HttpResponse(null, { status: 204 });
      }),
    );
    const user = userEvent.setup();
    const { router } = renderRoute('/privacy');
    await user.click(await screen.findByRole('button', { name: 'Delete my account' }));
    const dialog = await screen.findByRole('dialog', { name: 'Delete your account?' });
    const confirm = within(dialog).getByRole('button', { name: 'Delete my account for good' });
    expect(confirm).toBeDisabled();
    await user.type(within(dialog).getByLabelText('Type DELETE to confirm'), 'delete');
    expect(confirm).toBeDisabled();
    await user.clear(within(dialog).getByLabelText('Type DELETE to confirm'));
    await user.type(within(dialog).getByLabelText('Type DELETE to confirm'), 'DELETE');
    await user.click(confirm);
    await waitFor(() => expect(router.state.location.pathname).toBe('/'));
    expect(deleted).toBe(true);
    expect(sessionStore.get()).toBeNull();
  });

  it('shows the storage notice until it is dismissed, and remembers that', async () => {
    window.localStorage.removeItem(COOKIE_NOTICE_KEY);
    const user = userEvent.setup();
    const first = renderRoute('/privacy');
    const notice = await screen.findByRole('complementary', { name: 'Storage notice' });
    await user.click(within(notice).getByRole('button', { name: 'Got it' }));
    expect(screen.queryByRole('complementary', { name: 'Storage notice' })).not.toBeInTheDocument();
    expect(window.localStorage.getItem(COOKIE_NOTICE_KEY)).toBe('1');
    first.unmount();
    renderRoute('/privacy');
    await screen.findByRole('heading', { name: 'Privacy' });
    expect(screen.queryByRole('complementary', { name: 'Storage notice' })).not.toBeInTheDocument();
  });
});
