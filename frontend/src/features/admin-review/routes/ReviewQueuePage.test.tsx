import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { loadConsole, signInAdmin, stepUpChallenge, stepUpVerify } from '@/features/admin/testing/admin';
import type { components } from '@/lib/api/schema';
import { pagination } from '@/test/fixtures';
import { renderRoute } from '@/test/render';
import { server } from '@/test/server';

type Flag = components['schemas']['ReviewFlagView'];

function flag(overrides: Partial<Flag> = {}): Flag {
  return {
    flagId: '00000000-0000-4000-8000-0000000000f1',
    userId: '00000000-0000-4000-8000-000000000007',
    email: 'fast@example.com',
    displayName: 'Speedy',
    tierCode: 'M-30-39-INT',
    userStatus: 'active',
    reason: 'anomaly',
    status: 'open',
    details: {
      day: '2026-06-09',
      points: 2950,
      tierCode: 'M-30-39-INT',
      tierMean: 410.5,
      tierStdDev: 120.25,
      threshold: 771.25,
      tierMembers: 48,
    },
    createdAt: '2026-06-10T06:30:00Z',
    resolvedAt: null,
    resolvedBy: null,
    resolutionNote: null,
    ...overrides,
  };
}

function serveQueue(byStatus: Record<string, Flag[]>) {
  const asked: (string | null)[] = [];
  server.use(
    http.get('/api/v1/admin/review-queue', ({ request }) => {
      const status = new URL(request.url).searchParams.get('status');
      asked.push(status);
      const items = byStatus[status ?? 'open'] ?? [];
      return HttpResponse.json({ items, pagination: pagination(items.length) });
    }),
  );
  return asked;
}

loadConsole(() => import('@/features/admin-review/routes'));

describe('the review queue', () => {
  it('lists open flags with what the detection found, and other statuses by tab', async () => {
    signInAdmin();
    const asked = serveQueue({
      open: [flag()],
      cleared: [
        flag({
          flagId: 'f2',
          reason: 'shared_device',
          status: 'cleared',
          details: { deviceId: 'dev-42', accounts: 3 },
          resolvedAt: '2026-06-11T10:00:00Z',
          resolutionNote: 'Family tablet.',
        }),
      ],
    });
    renderRoute('/admin/review');
    const card = await screen.findByRole('region', { name: 'Flag on fast@example.com' });
    expect(within(card).getByText(/Unusual daily points/)).toBeInTheDocument();
    expect(within(card).getByText('Points that day').nextElementSibling).toHaveTextContent('2,950');
    expect(within(card).getByText('Threshold').nextElementSibling).toHaveTextContent('771.25');
    expect(within(card).getByText('Day').nextElementSibling).toHaveTextContent('Jun 9, 2026');
    expect(within(card).getByRole('link', { name: 'Member details' })).toHaveAttribute(
      'href',
      '/admin/members/00000000-0000-4000-8000-000000000007',
    );

    await userEvent.click(screen.getByRole('tab', { name: 'Cleared' }));
    const cleared = await screen.findByText('Family tablet.');
    const clearedCard = cleared.closest('section') as HTMLElement;
    expect(within(clearedCard).getByText('Device').nextElementSibling).toHaveTextContent('dev-42');
    expect(within(clearedCard).queryByRole('button', { name: 'Clear flag' })).not.toBeInTheDocument();
    expect(asked).toEqual(['open', 'cleared']);
  });

  it('bans after a confirmation, stepping up with a one-time code when the API asks for one', async () => {
    signInAdmin();
    const open = [flag()];
    serveQueue({ open });
    const codes: string[] = [];
    const calls: { auth: string | null; body: unknown }[] = [];
    server.use(
      stepUpVerify('123456', codes),
      http.post('/api/v1/admin/review-queue/:flagId/resolve', async ({ request }) => {
        const auth = request.headers.get('Authorization');
        calls.push({ auth, body: await request.json() });
        if (auth !== 'Bearer stepped-up') return stepUpChallenge();
        open.splice(0);
        return HttpResponse.json(flag({ status: 'banned', resolutionNote: 'Two people on one account.' }));
      }),
    );
    renderRoute('/admin/review');
    const card = await screen.findByRole('region', { name: 'Flag on fast@example.com' });
    await userEvent.type(within(card).getByLabelText('Note'), 'Two people on one account.');
    await userEvent.click(within(card).getByRole('button', { name: 'Ban member' }));

    const confirmBan = await screen.findByRole('dialog', { name: 'Ban fast@example.com?' });
    expect(confirmBan).toHaveTextContent('signed out everywhere');
    expect(calls).toEqual([]);
    await userEvent.click(within(confirmBan).getByRole('button', { name: 'Ban member' }));

    const stepUp = await screen.findByRole('dialog', { name: 'Confirm with your authenticator' });
    await userEvent.type(within(stepUp).getByLabelText('One-time code'), '123456');
    await userEvent.click(within(stepUp).getByRole('button', { name: 'Confirm' }));

    expect(await screen.findByText('Nobody is waiting for a review')).toBeInTheDocument();
    expect(screen.getByText('Member banned')).toBeInTheDocument();
    expect(codes).toEqual(['123456']);
    const body = { decision: 'ban', note: 'Two people on one account.' };
    expect(calls).toEqual([
      { auth: 'Bearer admin-access', body },
      { auth: 'Bearer stepped-up', body },
    ]);
  });

  it('clears without a confirmation; a refusal shows in the form and a missing note is asked for', async () => {
    signInAdmin();
    serveQueue({ open: [flag()] });
    const bodies: unknown[] = [];
    server.use(
      http.post('/api/v1/admin/review-queue/:flagId/resolve', async ({ request }) => {
        bodies.push(await request.json());
        return HttpResponse.json(
          {
            type: 'https://fittrack.app/problems/conflict',
            title: 'Conflicts with the current state',
            status: 409,
            detail: 'This flag was resolved by someone else meanwhile.',
          },
          { status: 409, headers: { 'Content-Type': 'application/problem+json' } },
        );
      }),
    );
    renderRoute('/admin/review');
    const card = await screen.findByRole('region', { name: 'Flag on fast@example.com' });
    await userEvent.click(within(card).getByRole('button', { name: 'Clear flag' }));
    expect(await within(card).findByText('Say why: the note is kept with the decision.')).toBeInTheDocument();
    expect(bodies).toEqual([]);

    await userEvent.type(within(card).getByLabelText('Note'), 'Marathon day.');
    await userEvent.click(within(card).getByRole('button', { name: 'Clear flag' }));
    expect(await within(card).findByText('This flag was resolved by someone else meanwhile.')).toBeInTheDocument();
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(bodies).toEqual([{ decision: 'clear', note: 'Marathon day.' }]);
  });

  it('sends nothing when the ban is not confirmed', async () => {
    signInAdmin();
    serveQueue({ open: [flag()] });
    let posts = 0;
    server.use(
      http.post('/api/v1/admin/review-queue/:flagId/resolve', () => {
        posts += 1;
        return HttpResponse.json(flag());
      }),
    );
    renderRoute('/admin/review');
    const card = await screen.findByRole('region', { name: 'Flag on fast@example.com' });
    await userEvent.type(within(card).getByLabelText('Note'), 'Hmm.');
    await userEvent.click(within(card).getByRole('button', { name: 'Ban member' }));
    await userEvent.click(within(await screen.findByRole('dialog')).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(posts).toBe(0);
  });
});
