import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { loadConsole, signInAdmin } from '@/features/admin/testing/admin';
import type { components } from '@/lib/api/schema';
import { pagination } from '@/test/fixtures';
import { renderRoute } from '@/test/render';
import { server } from '@/test/server';

loadConsole(() => import('./index'));

type Fulfillment = components['schemas']['FulfillmentView'];

function fulfillment(overrides: Partial<Fulfillment> = {}): Fulfillment {
  return {
    fulfillmentId: 'f1',
    winnerId: 'w1',
    userId: '00000000-0000-4000-8000-0000000000u1',
    prizeId: 'p1',
    drawingId: 'd1',
    drawingName: 'Daily Drawing',
    prizeName: 'Road bike',
    prizeRank: 1,
    valueUsd: 900,
    fulfillmentType: 'physical',
    status: 'address_confirmed',
    held: false,
    shippingAddress: { name: 'Sam Walker', street1: '100 Congress Ave', street2: null, city: 'Austin', state: 'TX', zip: '78701' },
    deliveryEmail: null,
    addressConfirmedAt: '2026-06-11T10:00:00Z',
    carrier: null,
    trackingNumber: null,
    shippedAt: null,
    deliveredAt: null,
    taxInfoRequired: true,
    taxInfoReceived: true,
    taxInfoReceivedAt: '2026-06-11T10:05:00Z',
    taxIdLast4: '6789',
    notifiedAt: '2026-06-11T01:00:00Z',
    warningDueAt: '2026-06-18T01:00:00Z',
    warningSentAt: null,
    forfeitDueAt: '2026-06-25T01:00:00Z',
    forfeitedAt: null,
    notes: null,
    redrawnFulfillmentId: null,
    createdAt: '2026-06-11T01:00:00Z',
    updatedAt: '2026-06-11T10:05:00Z',
    ...overrides,
  };
}

/** The board's list: `byStatus` is what each column holds now. */
function board(byStatus: Record<string, Fulfillment[]>, asked: string[] = []) {
  server.use(
    http.get('/api/v1/admin/fulfillments', ({ request }) => {
      const status = new URL(request.url).searchParams.get('status') ?? '';
      asked.push(status);
      const items = byStatus[status] ?? [];
      return HttpResponse.json({ items, pagination: pagination(items.length) });
    }),
  );
}

const problem = (status: number, detail: string, errors?: unknown[]) =>
  HttpResponse.json({ type: 'https://fittrack.app/problems/x', title: 'Refused', status, detail, ...(errors ? { errors } : {}) }, { status });

describe('FulfillmentBoardPage', () => {
  it('groups prizes by status, one tab per column', async () => {
    signInAdmin();
    const asked: string[] = [];
    board({ address_confirmed: [fulfillment()], shipped: [fulfillment({ fulfillmentId: 'f2', prizeName: 'Gift card', status: 'shipped', carrier: 'UPS', trackingNumber: '1Z9' })] }, asked);
    const user = userEvent.setup();
    renderRoute('/admin/fulfillment');
    const card = await screen.findByRole('region', { name: 'Road bike' });
    expect(within(card).getByText('Sam Walker · 100 Congress Ave · Austin, TX 78701')).toBeInTheDocument();
    expect(within(card).getByText('Received (SSN/ITIN ending 6789)')).toBeInTheDocument();
    await user.click(screen.getByRole('tab', { name: 'Shipped' }));
    const shipped = await screen.findByRole('region', { name: 'Gift card' });
    expect(within(shipped).getByText('1Z9')).toBeInTheDocument();
    expect(within(shipped).getByRole('button', { name: 'Mark delivered: Gift card' })).toBeInTheDocument();
    expect(asked).toEqual(['address_confirmed', 'shipped']);
  });

  it('ships with carrier and tracking, showing the API’s field errors and refusals', async () => {
    signInAdmin();
    const columns = { address_confirmed: [fulfillment()], shipped: [] as Fulfillment[] };
    board(columns);
    const sent: unknown[] = [];
    server.use(
      http.post('/api/v1/admin/fulfillments/f1/ship', async ({ request }) => {
        sent.push(await request.json());
        if (sent.length === 1) return problem(400, 'The request has invalid fields.', [{ field: 'trackingNumber', message: 'Not a tracking number this carrier uses.', code: 'invalid' }]);
        if (sent.length === 2) return problem(409, 'This prize needs the winner’s tax details before it ships.');
        const done = fulfillment({ status: 'shipped', carrier: 'UPS', trackingNumber: '1Z999AA10123456784' });
        columns.address_confirmed = [];
        columns.shipped = [done];
        return HttpResponse.json(done);
      }),
    );
    const user = userEvent.setup();
    renderRoute('/admin/fulfillment');
    await user.click(await screen.findByRole('button', { name: 'Ship Road bike' }));
    const dialog = await screen.findByRole('dialog', { name: 'Ship Road bike' });
    await user.click(within(dialog).getByRole('button', { name: 'Mark shipped' }));
    expect(await within(dialog).findByText('Enter the carrier.')).toBeInTheDocument();
    expect(within(dialog).getByText('Enter the tracking number.')).toBeInTheDocument();
    expect(sent).toEqual([]);

    await user.type(within(dialog).getByLabelText('Carrier'), 'UPS');
    await user.type(within(dialog).getByLabelText('Tracking number'), '1Z-bad');
    await user.click(within(dialog).getByRole('button', { name: 'Mark shipped' }));
    expect(await within(dialog).findByText('Not a tracking number this carrier uses.')).toBeInTheDocument();
    expect(within(dialog).getByLabelText('Tracking number')).toHaveAttribute('aria-invalid', 'true');

    await user.clear(within(dialog).getByLabelText('Tracking number'));
    await user.type(within(dialog).getByLabelText('Tracking number'), '1Z999AA10123456784');
    await user.click(within(dialog).getByRole('button', { name: 'Mark shipped' }));
    expect(await within(dialog).findByText('This prize needs the winner’s tax details before it ships.')).toBeInTheDocument();

    await user.click(within(dialog).getByRole('button', { name: 'Mark shipped' }));
    expect(await screen.findByText('Road bike shipped')).toBeInTheDocument();
    expect(sent.at(-1)).toEqual({ carrier: 'UPS', trackingNumber: '1Z999AA10123456784' });
    expect(await screen.findByText('Nothing in “To ship”')).toBeInTheDocument();
  }, 60_000);

  it('forfeits only after confirming, with a reason', async () => {
    signInAdmin();
    board({ winner_notified: [fulfillment({ status: 'winner_notified', shippingAddress: null, addressConfirmedAt: null })] });
    const reasons: unknown[] = [];
    server.use(
      http.post('/api/v1/admin/fulfillments/f1/forfeit', async ({ request }) => {
        reasons.push(await request.json());
        return HttpResponse.json(fulfillment({ status: 'forfeited' }));
      }),
    );
    const user = userEvent.setup();
    renderRoute('/admin/fulfillment');
    await user.click(await screen.findByRole('tab', { name: 'Awaiting winner' }));
    const card = await screen.findByRole('region', { name: 'Road bike' });
    expect(within(card).getByText(/Jun 2[45]/)).toBeInTheDocument();
    await user.click(within(card).getByRole('button', { name: 'Forfeit Road bike' }));
    let dialog = await screen.findByRole('dialog', { name: 'Forfeit Road bike?' });
    await user.click(within(dialog).getByRole('button', { name: 'Keep it' }));
    await user.click(within(card).getByRole('button', { name: 'Forfeit Road bike' }));
    dialog = await screen.findByRole('dialog', { name: 'Forfeit Road bike?' });
    await user.click(within(dialog).getByRole('button', { name: 'Forfeit the prize' }));
    expect(await within(dialog).findByText('Say why the prize is forfeited.')).toBeInTheDocument();
    await user.type(within(dialog).getByLabelText(/Reason/), 'Winner declined the prize');
    await user.click(within(dialog).getByRole('button', { name: 'Forfeit the prize' }));
    expect(await screen.findByText('Road bike forfeited')).toBeInTheDocument();
    expect(reasons).toEqual([{ reason: 'Winner declined the prize' }]);
  });

  it('redraws a forfeited prize through the code prompt', async () => {
    signInAdmin();
    board({ forfeited: [fulfillment({ status: 'forfeited', forfeitedAt: '2026-06-25T01:00:00Z' })] });
    let calls = 0;
    server.use(
      http.post('/api/v1/admin/fulfillments/f1/redraw', () => {
        calls += 1;
        if (calls === 1)
          return HttpResponse.json(
            { type: 'https://fittrack.app/problems/insufficient-user-authentication', title: 'Step up', status: 401, detail: 'A recent one-time code is required.' },
            { status: 401, headers: { 'WWW-Authenticate': 'Bearer error="insufficient_user_authentication", max_age="900"' } },
          );
        return HttpResponse.json(fulfillment({ fulfillmentId: 'f9', status: 'winner_notified' }), { status: 201 });
      }),
      http.post('/api/v1/auth/mfa/verify', () =>
        HttpResponse.json({ accessToken: 'stepped-up', expiresIn: 3600, tokenType: 'Bearer', authTime: '2026-06-25T01:00:00Z', amr: ['pwd', 'otp'] }),
      ),
    );
    const user = userEvent.setup();
    renderRoute('/admin/fulfillment');
    await user.click(await screen.findByRole('tab', { name: 'Forfeited' }));
    await user.click(await screen.findByRole('button', { name: 'Redraw Road bike' }));
    await user.click(within(await screen.findByRole('dialog', { name: 'Redraw Road bike?' })).getByRole('button', { name: 'Redraw the prize' }));
    const prompt = await screen.findByRole('dialog', { name: 'Confirm with your authenticator' });
    await user.type(within(prompt).getByLabelText('One-time code'), '246810');
    await user.click(within(prompt).getByRole('button', { name: 'Confirm' }));
    expect(await screen.findByText('Road bike redrawn: the next alternate is notified')).toBeInTheDocument();
    await waitFor(() => expect(calls).toBe(2));
  });
  it('keeps notes, and asks the winner for a new address only after confirming', async () => {
    signInAdmin();
    const columns = { address_confirmed: [fulfillment()], address_invalid: [] as Fulfillment[] };
    board(columns);
    const bodies: unknown[] = [];
    server.use(
      http.put('/api/v1/admin/fulfillments/f1', async ({ request }) => {
        const body = (await request.json()) as { notes?: string; addressStatus?: string };
        bodies.push(body);
        const next = body.addressStatus ? fulfillment({ status: 'address_invalid', notes: 'Box is oversized' }) : fulfillment({ notes: body.notes ?? null });
        if (body.addressStatus) {
          columns.address_confirmed = [];
          columns.address_invalid = [next];
        } else columns.address_confirmed = [next];
        return HttpResponse.json(next);
      }),
    );
    const user = userEvent.setup();
    renderRoute('/admin/fulfillment');
    await user.click(await screen.findByRole('button', { name: 'Notes on Road bike' }));
    const notes = await screen.findByRole('dialog', { name: 'Notes on Road bike' });
    await user.type(within(notes).getByLabelText('Notes'), 'Box is oversized');
    await user.click(within(notes).getByRole('button', { name: 'Save notes' }));
    expect(await screen.findByText('Notes saved')).toBeInTheDocument();
    expect(await within(screen.getByRole('region', { name: 'Road bike' })).findByText('Box is oversized')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Address invalid: Road bike' }));
    let dialog = await screen.findByRole('dialog', { name: 'Is the address for Road bike invalid?' });
    await user.click(within(dialog).getByRole('button', { name: 'The address is fine' }));
    expect(bodies).toHaveLength(1);
    await user.click(screen.getByRole('button', { name: 'Address invalid: Road bike' }));
    dialog = await screen.findByRole('dialog', { name: 'Is the address for Road bike invalid?' });
    await user.click(within(dialog).getByRole('button', { name: 'Ask for a new address' }));
    expect(await screen.findByText('The winner of Road bike is asked for a new address')).toBeInTheDocument();
    expect(bodies).toEqual([{ notes: 'Box is oversized' }, { addressStatus: 'invalid' }]);
    await user.click(screen.getByRole('tab', { name: 'Address invalid' }));
    expect(await screen.findByRole('region', { name: 'Road bike' })).toBeInTheDocument();
  }, 60_000);
});
