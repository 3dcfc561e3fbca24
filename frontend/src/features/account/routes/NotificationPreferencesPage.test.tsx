import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { balance, me } from '@/test/fixtures';
import { renderRoute, signIn } from '@/test/render';
import { server } from '@/test/server';

const URL = '/api/v1/users/me/notification-preferences';

function memberApi() {
  server.use(
    http.get('/api/v1/users/me', () => HttpResponse.json(me())),
    http.get('/api/v1/points/balance', () => HttpResponse.json(balance)),
    http.get('/api/v1/notifications/unread-count', () => HttpResponse.json({ unreadCount: 0 })),
  );
}

const prefs = {
  kinds: [
    { kind: 'prize_won', label: 'Prize won', email: true, emailRequired: true, inApp: true },
    { kind: 'forfeit_warning', label: 'Forfeit warning', email: true, emailRequired: true, inApp: true },
    { kind: 'prize_shipped', label: 'Prize shipped', email: true, emailRequired: false, inApp: true },
    { kind: 'account_status', label: 'Account status', email: false, emailRequired: false, inApp: true },
  ],
  updatedAt: null,
};

describe('notification preferences', () => {
  it('lists every kind, with required email kinds checked and disabled', async () => {
    signIn();
    memberApi();
    server.use(http.get(URL, () => HttpResponse.json(prefs)));
    renderRoute('/settings/notifications');
    const won = await screen.findByRole('checkbox', { name: 'Email me: Prize won' });
    expect(won).toBeChecked();
    expect(won).toBeDisabled();
    expect(screen.getByRole('checkbox', { name: 'Email me: Forfeit warning' })).toBeDisabled();
    expect(won).toHaveAccessibleDescription(/Required: you must know this to claim or keep a prize/);
    const shipped = screen.getByRole('checkbox', { name: 'Email me: Prize shipped' });
    expect(shipped).toBeChecked();
    expect(shipped).toBeEnabled();
    expect(screen.getByRole('checkbox', { name: 'Email me: Account status' })).not.toBeChecked();
    expect(screen.getAllByText(/In-app: always on/)).toHaveLength(4);
  });

  it('sends only the changed kinds and confirms with a toast', async () => {
    signIn();
    memberApi();
    let sent: unknown;
    server.use(
      http.get(URL, () => HttpResponse.json(prefs)),
      http.put(URL, async ({ request }) => {
        sent = await request.json();
        return HttpResponse.json({
          kinds: prefs.kinds.map((k) => (k.kind === 'prize_shipped' ? { ...k, email: false } : k)),
          updatedAt: '2026-06-09T15:00:00Z',
        });
      }),
    );
    const user = userEvent.setup();
    renderRoute('/settings/notifications');
    const save = await screen.findByRole('button', { name: 'Save preferences' });
    expect(save).toBeDisabled();
    await user.click(screen.getByRole('checkbox', { name: 'Email me: Prize shipped' }));
    await user.click(save);
    expect(await screen.findByText('Notification preferences saved')).toBeInTheDocument();
    expect(sent).toEqual({ email: { prizeShipped: false } });
    expect(screen.getByRole('checkbox', { name: 'Email me: Prize shipped' })).not.toBeChecked();
  });

  it('shows a problem the API answers', async () => {
    signIn();
    memberApi();
    server.use(
      http.get(URL, () => HttpResponse.json(prefs)),
      http.put(URL, () =>
        HttpResponse.json(
          { type: 'x', title: 'Bad request', status: 400, detail: 'Prize won emails cannot be switched off.' },
          { status: 400 },
        ),
      ),
    );
    const user = userEvent.setup();
    renderRoute('/settings/notifications');
    await user.click(await screen.findByRole('checkbox', { name: 'Email me: Account status' }));
    await user.click(screen.getByRole('button', { name: 'Save preferences' }));
    const alert = await screen.findByRole('alert');
    expect(within(alert).getByText('Prize won emails cannot be switched off.')).toBeInTheDocument();
  });

  it('shows an error state when the preferences cannot load, and is linked from the account page', async () => {
    signIn();
    memberApi();
    server.use(
      http.get(URL, () => HttpResponse.json({ type: 'x', title: 'Oops', status: 500, detail: 'Server trouble.' }, { status: 500 })),
      http.get('/api/v1/auth/sessions', () => HttpResponse.json({ sessions: [] })),
    );
    const user = userEvent.setup();
    renderRoute('/account');
    await user.click(await screen.findByRole('link', { name: 'Notification preferences' }));
    expect(await screen.findByText('Server trouble.')).toBeInTheDocument();
  });
});
