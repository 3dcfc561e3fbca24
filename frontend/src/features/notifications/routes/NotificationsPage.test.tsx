import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { balance, me, pagination } from '@/test/fixtures';
import { renderRoute, signIn } from '@/test/render';
import { server } from '@/test/server';

function notification(id: string, read: boolean, title = `Note ${id}`) {
  return {
    notificationId: id,
    kind: 'prize_won',
    title,
    body: 'Body text',
    data: { fulfillmentId: 'f1' },
    read,
    readAt: read ? '2026-06-10T12:00:00Z' : null,
    createdAt: '2026-06-10T11:00:00Z',
  };
}

function api(state: { items: ReturnType<typeof notification>[] }, totalItems?: number) {
  const unread = () => state.items.filter((n) => !n.read).length;
  server.use(
    http.get('/api/v1/users/me', () => HttpResponse.json(me())),
    http.get('/api/v1/points/balance', () => HttpResponse.json(balance)),
    http.get('/api/v1/notifications/unread-count', () => HttpResponse.json({ unreadCount: unread() })),
    http.get('/api/v1/notifications', ({ request }) => {
      const url = new URL(request.url);
      const page = Number(url.searchParams.get('page') ?? 1);
      const items = url.searchParams.get('unreadOnly') === 'true' ? state.items.filter((n) => !n.read) : state.items;
      return HttpResponse.json({ items, unreadCount: unread(), pagination: pagination(totalItems ?? items.length, page) });
    }),
    http.put('/api/v1/notifications/:id/read', ({ params }) => {
      const n = state.items.find((x) => x.notificationId === params.id)!;
      n.read = true;
      return HttpResponse.json(n);
    }),
    http.put('/api/v1/notifications/read-all', () => {
      const markedRead = unread();
      state.items.forEach((n) => (n.read = true));
      return HttpResponse.json({ markedRead, unreadCount: 0 });
    }),
  );
}

describe('NotificationsPage', () => {
  it('lists notifications, shows the unread badge and marks one read', async () => {
    signIn();
    const state = { items: [notification('n1', false, 'You won!'), notification('n2', false), notification('n3', true)] };
    api(state);
    const user = userEvent.setup();
    renderRoute('/notifications');
    expect(await screen.findByRole('link', { name: 'Notifications 2 unread' })).toBeInTheDocument();
    expect(await screen.findByText('You won!')).toBeInTheDocument();
    expect(screen.getByText('2 unread')).toBeInTheDocument();
    expect(screen.getAllByRole('link', { name: 'See my prizes' })).toHaveLength(3);

    await user.click(screen.getByRole('button', { name: 'Mark read: You won!' }));
    expect(await screen.findByRole('link', { name: 'Notifications 1 unread' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Mark read: You won!' })).not.toBeInTheDocument();
  });

  it('marks all read and shows the caught-up state on the unread tab', async () => {
    signIn();
    api({ items: [notification('n1', false), notification('n2', false)] });
    const user = userEvent.setup();
    renderRoute('/notifications');
    await screen.findByText('Note n1');
    await user.click(screen.getByRole('button', { name: 'Mark all read' }));
    expect(await screen.findByRole('link', { name: 'Notifications' })).toBeInTheDocument();
    expect(await screen.findByText('Marked 2 as read')).toBeInTheDocument();
    await user.click(screen.getByRole('tab', { name: 'Unread' }));
    expect(await screen.findByText('You are all caught up')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Mark all read' })).toBeDisabled();
  });

  it('pages through a long list', async () => {
    signIn();
    api({ items: [notification('n1', true)] }, 45);
    const user = userEvent.setup();
    renderRoute('/notifications');
    const nav = await screen.findByRole('navigation', { name: 'Pagination' });
    expect(within(nav).getByText('Page 1 of 3')).toBeInTheDocument();
    await user.click(within(nav).getByRole('button', { name: 'Next' }));
    await waitFor(() => expect(within(nav).getByText('Page 2 of 3')).toBeInTheDocument());
  });

  it('shows an error with a retry', async () => {
    signIn();
    api({ items: [] });
    server.use(
      http.get('/api/v1/notifications', () =>
        HttpResponse.json({ type: 'x', title: 'Boom', status: 500, detail: 'Server exploded.' }, { status: 500 }),
      ),
    );
    renderRoute('/notifications');
    expect(await screen.findByText('Server exploded.')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Try again' })).toBeInTheDocument();
  });
});
