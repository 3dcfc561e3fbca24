import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import type { components } from '@/lib/api/schema';
import { loadConsole, signInAdmin } from '@/features/admin/testing/admin';
import { pagination } from '@/test/fixtures';
import { renderRoute } from '@/test/render';
import { server } from '@/test/server';

type AdminAppeal = components['schemas']['AdminAppealView'];

function appeal(overrides: Partial<AdminAppeal> = {}): AdminAppeal {
  return {
    appealId: '00000000-0000-4000-8000-0000000000a1',
    channel: 'member',
    message: 'I was travelling and my tracker double-counted.\nPlease look again.',
    status: 'pending',
    decisionNote: null,
    decidedAt: null,
    createdAt: '2026-06-10T14:00:00Z',
    userId: '00000000-0000-4000-8000-000000000009',
    email: 'suspended@example.com',
    decidedBy: null,
    ...overrides,
  };
}

/** Serves the queue by the status asked for and records what it was asked. */
function serveQueue(byStatus: Record<string, AdminAppeal[]>) {
  const asked: (string | null)[] = [];
  server.use(
    http.get('/api/v1/admin/appeals', ({ request }) => {
      const status = new URL(request.url).searchParams.get('status');
      asked.push(status);
      const items = byStatus[status ?? 'all'] ?? [];
      return HttpResponse.json({ items, pagination: pagination(items.length) });
    }),
  );
  return asked;
}

const problem = (status: number, body: Record<string, unknown>) =>
  HttpResponse.json(
    { type: 'https://fittrack.app/problems/x', title: 'Refused', status, ...body },
    { status, headers: { 'Content-Type': 'application/problem+json' } },
  );

loadConsole(() => import('@/features/admin-appeals/routes'));

describe('admin appeals', () => {
  it('opens on the pending appeals with the member message, and lists decided ones by status', async () => {
    signInAdmin();
    const asked = serveQueue({
      pending: [appeal()],
      reinstated: [
        appeal({
          appealId: 'a2',
          status: 'reinstated',
          decisionNote: 'Data checked, all fine.',
          decidedAt: '2026-06-11T10:00:00Z',
        }),
      ],
    });
    renderRoute('/admin/appeals');
    const card = await screen.findByRole('region', { name: 'Appeal from suspended@example.com' });
    expect(within(card).getByText('I was travelling and my tracker double-counted.')).toBeInTheDocument();
    expect(within(card).getByText('Please look again.')).toBeInTheDocument();
    expect(within(card).getByRole('link', { name: 'Member details' })).toHaveAttribute(
      'href',
      '/admin/members/00000000-0000-4000-8000-000000000009',
    );
    expect(screen.getByRole('tab', { name: 'Pending', selected: true })).toBeInTheDocument();
    expect(asked).toEqual(['pending']);

    await userEvent.click(screen.getByRole('tab', { name: 'Reinstated' }));
    const decided = await screen.findByRole('region', { name: 'Appeal from suspended@example.com' });
    expect(within(decided).getByText('Data checked, all fine.')).toBeInTheDocument();
    expect(within(decided).queryByRole('button', { name: 'Reinstate' })).not.toBeInTheDocument();
    expect(asked).toEqual(['pending', 'reinstated']);
  });

  it('asks for a note before anything is sent, confirms, then reinstates', async () => {
    signInAdmin();
    const pending = [appeal()];
    serveQueue({ pending });
    const sent: unknown[] = [];
    server.use(
      http.post('/api/v1/admin/appeals/:appealId/decide', async ({ request, params }) => {
        sent.push({ appealId: params.appealId, body: await request.json() });
        pending.splice(0);
        return HttpResponse.json(appeal({ status: 'reinstated', decisionNote: 'Welcome back.' }));
      }),
    );
    renderRoute('/admin/appeals');
    const card = await screen.findByRole('region', { name: 'Appeal from suspended@example.com' });

    await userEvent.click(within(card).getByRole('button', { name: 'Reinstate' }));
    expect(await within(card).findByText('Write a note for the member.')).toBeInTheDocument();
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();

    await userEvent.type(within(card).getByLabelText('Note to the member'), '  Welcome back.  ');
    await userEvent.click(within(card).getByRole('button', { name: 'Reinstate' }));
    const dialog = await screen.findByRole('dialog', { name: 'Reinstate this member?' });
    expect(dialog).toHaveTextContent("suspended@example.com's account becomes active at once");
    expect(sent).toEqual([]);

    await userEvent.click(within(dialog).getByRole('button', { name: 'Confirm' }));
    expect(await screen.findByText('No appeals waiting')).toBeInTheDocument();
    expect(sent).toEqual([
      { appealId: '00000000-0000-4000-8000-0000000000a1', body: { decision: 'reinstate', note: 'Welcome back.' } },
    ]);
    expect(screen.getByText('Member reinstated')).toBeInTheDocument();
  });

  it("shows the API's field errors on the note and a conflict in the banner", async () => {
    signInAdmin();
    serveQueue({ pending: [appeal()] });
    const answers = [
      problem(400, {
        detail: 'Invalid request.',
        errors: [{ field: 'note', message: 'Note is too long.', code: 'too_long' }],
      }),
      problem(409, { detail: 'This appeal was already decided (upheld).' }),
    ];
    server.use(http.post('/api/v1/admin/appeals/:appealId/decide', () => answers.shift()));
    renderRoute('/admin/appeals');
    const card = await screen.findByRole('region', { name: 'Appeal from suspended@example.com' });
    const note = within(card).getByLabelText('Note to the member');
    await userEvent.type(note, 'No.');

    await userEvent.click(within(card).getByRole('button', { name: 'Uphold' }));
    const dialog = await screen.findByRole('dialog', { name: 'Uphold the decision?' });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Confirm' }));
    expect(await within(card).findByText('Note is too long.')).toBeInTheDocument();
    expect(note).toHaveAttribute('aria-invalid', 'true');

    await userEvent.click(within(card).getByRole('button', { name: 'Uphold' }));
    await userEvent.click(within(await screen.findByRole('dialog')).getByRole('button', { name: 'Confirm' }));
    expect(await within(card).findByText('This appeal was already decided (upheld).')).toBeInTheDocument();
    expect(answers).toEqual([]);
  });

  it('sends nothing when the confirmation is cancelled', async () => {
    signInAdmin();
    serveQueue({ pending: [appeal()] });
    let posts = 0;
    server.use(
      http.post('/api/v1/admin/appeals/:appealId/decide', () => {
        posts += 1;
        return HttpResponse.json(appeal());
      }),
    );
    renderRoute('/admin/appeals');
    const card = await screen.findByRole('region', { name: 'Appeal from suspended@example.com' });
    await userEvent.type(within(card).getByLabelText('Note to the member'), 'Checked.');
    await userEvent.click(within(card).getByRole('button', { name: 'Reinstate' }));
    await userEvent.click(within(await screen.findByRole('dialog')).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(posts).toBe(0);
  });
});
