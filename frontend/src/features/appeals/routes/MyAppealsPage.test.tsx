import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { beforeAll, describe, expect, it } from 'vitest';
import type { components } from '@/lib/api/schema';
import { sessionStore } from '@/lib/auth/session';
import { me } from '@/test/fixtures';
import { renderRoute, testUser } from '@/test/render';
import { server } from '@/test/server';

type Appeal = components['schemas']['AppealView'];

function appeal(overrides: Partial<Appeal> = {}): Appeal {
  return {
    appealId: '00000000-0000-4000-8000-0000000000a1',
    channel: 'member',
    message: 'My tracker double-counted a run.',
    status: 'pending',
    decisionNote: null,
    decidedAt: null,
    createdAt: '2026-06-10T14:00:00Z',
    ...overrides,
  };
}

function signInSuspended() {
  sessionStore.set({ accessToken: 'access', user: { ...testUser, status: 'suspended' } });
}

function serve(status: string, appeals: Appeal[]) {
  server.use(
    http.get('/api/v1/users/me', () => HttpResponse.json(me({ status }))),
    http.get('/api/v1/users/me/appeals', () => HttpResponse.json({ items: appeals })),
  );
}

// The page's lazily loaded area, imported once up front: a cold import on a loaded machine
// would otherwise eat the first test's waits.
beforeAll(async () => {
  await import('@/features/appeals/routes');
}, 60_000);

describe('my appeals', () => {
  it('lets a suspended member send an appeal, then shows it waiting', async () => {
    signInSuspended();
    const appeals: Appeal[] = [];
    serve('suspended', appeals);
    const sent: unknown[] = [];
    server.use(
      http.post('/api/v1/users/me/appeals', async ({ request }) => {
        const body = (await request.json()) as { message: string };
        sent.push(body);
        const created = appeal({ message: body.message });
        appeals.push(created);
        return HttpResponse.json(created, { status: 201 });
      }),
    );
    renderRoute('/account/appeals');
    const form = await screen.findByRole('region', { name: 'Appeal the suspension' });
    await userEvent.click(within(form).getByRole('button', { name: 'Send appeal' }));
    expect(await within(form).findByText('Tell us why the decision should change.')).toBeInTheDocument();
    expect(sent).toEqual([]);

    await userEvent.type(within(form).getByLabelText('Your appeal'), 'I was ill, my partner wore the tracker.');
    await userEvent.click(within(form).getByRole('button', { name: 'Send appeal' }));
    expect(await screen.findByText(/Your appeal is waiting for a decision/)).toHaveAttribute('role', 'status');
    expect(sent).toEqual([{ message: 'I was ill, my partner wore the tracker.' }]);
    expect(screen.getByText('I was ill, my partner wore the tracker.')).toBeInTheDocument();
    expect(screen.queryByRole('region', { name: 'Appeal the suspension' })).not.toBeInTheDocument();
  });

  it('lists decisions with the note, and offers a new appeal after an upheld one', async () => {
    signInSuspended();
    serve('suspended', [
      appeal({ status: 'upheld', decisionNote: 'The data shows two people.', decidedAt: '2026-06-12T09:00:00Z' }),
    ]);
    renderRoute('/account/appeals');
    expect(await screen.findByText('Upheld')).toHaveClass('badge');
    expect(screen.getByText('The data shows two people.')).toBeInTheDocument();
    expect(screen.getByRole('region', { name: 'Appeal the suspension' })).toBeInTheDocument();
  });

  it('on a 409 for a second open appeal shows the one already waiting', async () => {
    signInSuspended();
    const appeals: Appeal[] = [];
    serve('suspended', appeals);
    server.use(
      http.post('/api/v1/users/me/appeals', () => {
        // Sent from another tab a moment ago: this list had not seen it.
        appeals.push(appeal({ message: 'Sent from my phone.' }));
        return HttpResponse.json(
          {
            type: 'https://fittrack.app/problems/conflict',
            title: 'Conflicts with the current state',
            status: 409,
            detail: 'You already have an appeal waiting for a decision.',
          },
          { status: 409, headers: { 'Content-Type': 'application/problem+json' } },
        );
      }),
    );
    renderRoute('/account/appeals');
    const form = await screen.findByRole('region', { name: 'Appeal the suspension' });
    await userEvent.type(within(form).getByLabelText('Your appeal'), 'Again.');
    await userEvent.click(within(form).getByRole('button', { name: 'Send appeal' }));
    expect(await screen.findByText('Sent from my phone.')).toBeInTheDocument();
    expect(screen.getByText(/Your appeal is waiting for a decision/)).toHaveAttribute('role', 'status');
    expect(screen.queryByRole('button', { name: 'Send appeal' })).not.toBeInTheDocument();
  });

  it('has nothing to appeal for an active member, whose past appeals stay listed', async () => {
    sessionStore.set({ accessToken: 'access', user: testUser });
    serve('active', [
      appeal({ status: 'reinstated', decisionNote: 'Welcome back.', decidedAt: '2026-06-12T09:00:00Z' }),
    ]);
    renderRoute('/account/appeals');
    expect(await screen.findByText('Welcome back.')).toBeInTheDocument();
    expect(screen.getByText('Reinstated')).toHaveClass('badge');
    expect(screen.queryByRole('button', { name: 'Send appeal' })).not.toBeInTheDocument();
  });
});
