import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import type { components } from '@/lib/api/schema';
import { balance, me, pagination } from '@/test/fixtures';
import { renderRoute, signIn } from '@/test/render';
import { server } from '@/test/server';

type MyPrize = components['schemas']['MyPrizeView'];

function prize(overrides: Partial<MyPrize> = {}): MyPrize {
  return {
    fulfillmentId: 'f1',
    prizeId: 'p1',
    drawingId: 'd1',
    drawingName: 'Daily Drawing',
    prizeName: 'Road bike',
    prizeRank: 1,
    valueUsd: 900,
    fulfillmentType: 'physical',
    imageUrl: null,
    status: 'winner_notified',
    awaitingReview: false,
    nextAction: 'confirm_address',
    shippingAddress: null,
    deliveryEmail: null,
    carrier: null,
    trackingNumber: null,
    shippedAt: null,
    deliveredAt: null,
    taxInfoRequired: true,
    taxInfoReceived: false,
    confirmBy: '2026-06-24T16:00:00Z',
    wonAt: '2026-06-10T01:00:00Z',
    ...overrides,
  };
}

function api(items: MyPrize[]) {
  server.use(
    http.get('/api/v1/users/me', () => HttpResponse.json(me())),
    http.get('/api/v1/points/balance', () => HttpResponse.json(balance)),
    http.get('/api/v1/notifications/unread-count', () => HttpResponse.json({ unreadCount: 0 })),
    http.get('/api/v1/users/me/prizes', () => HttpResponse.json({ items, pagination: pagination(items.length) })),
  );
}

describe('PrizesPage', () => {
  it('shows status, carrier and tracking of a shipped prize', async () => {
    signIn();
    api([
      prize({
        status: 'shipped',
        nextAction: null,
        taxInfoRequired: false,
        carrier: 'UPS',
        trackingNumber: '1Z999AA10123456784',
        shippingAddress: { name: 'Sam Walker', street1: '1 Main St', city: 'Austin', state: 'TX', zip: '78701' },
        shippedAt: '2026-06-12T10:00:00Z',
      }),
    ]);
    renderRoute('/prizes');
    const card = await screen.findByRole('region', { name: 'Road bike' });
    expect(within(card).getAllByText('Shipped')[0]).toHaveClass('badge');
    expect(within(card).getByText('UPS')).toBeInTheDocument();
    expect(within(card).getByText('1Z999AA10123456784')).toBeInTheDocument();
    expect(within(card).getByText('Austin, TX, 78701')).toBeInTheDocument();
    expect(within(card).queryByRole('button')).not.toBeInTheDocument();
  });

  it('shows the empty state', async () => {
    signIn();
    api([]);
    renderRoute('/prizes');
    expect(await screen.findByText('No prizes yet')).toBeInTheDocument();
  });

  it('validates the shipping address in the browser, then puts the API field errors on the fields', async () => {
    signIn();
    api([prize()]);
    let sent: unknown;
    server.use(
      http.post('/api/v1/users/me/prizes/f1/address', async ({ request }) => {
        sent = await request.json();
        return HttpResponse.json(
          {
            type: 'https://fittrack.app/problems/validation',
            title: 'Invalid',
            status: 422,
            detail: 'This is not a valid US address.',
            errors: [{ field: 'address.street1', message: 'We could not find this street.', code: 'invalid' }],
          },
          { status: 422 },
        );
      }),
    );
    const user = userEvent.setup();
    renderRoute('/prizes');
    await user.click(await screen.findByRole('button', { name: 'Confirm shipping address' }));
    const dialog = await screen.findByRole('dialog', { name: 'Shipping address' });
    await user.click(within(dialog).getByRole('button', { name: 'Confirm address' }));
    expect(await within(dialog).findByText('Enter the city.')).toBeInTheDocument();
    expect(within(dialog).getByText('Use the two-letter code of a US state or DC.')).toBeInTheDocument();
    expect(within(dialog).getByText('Use a 5-digit ZIP or ZIP+4.')).toBeInTheDocument();

    await user.type(within(dialog).getByLabelText('Full name'), 'Sam Walker');
    await user.type(within(dialog).getByLabelText('Street address'), '1 Nowhere Rd');
    await user.type(within(dialog).getByLabelText('City'), 'Austin');
    await user.selectOptions(within(dialog).getByLabelText('State'), 'TX');
    await user.type(within(dialog).getByLabelText(/ZIP code/), '1234');
    await user.click(within(dialog).getByRole('button', { name: 'Confirm address' }));
    expect(await within(dialog).findByText('Use a 5-digit ZIP or ZIP+4.')).toBeInTheDocument();
    await user.type(within(dialog).getByLabelText(/ZIP code/), '5-6789');
    await user.click(within(dialog).getByRole('button', { name: 'Confirm address' }));

    const street = within(dialog).getByLabelText('Street address');
    expect(await within(dialog).findByText('We could not find this street.')).toBeInTheDocument();
    expect(street).toHaveAttribute('aria-invalid', 'true');
    expect(sent).toEqual({
      address: { name: 'Sam Walker', street1: '1 Nowhere Rd', street2: null, city: 'Austin', state: 'TX', zip: '12345-6789', phone: null },
      email: null,
    });
  });

  it('confirms a delivery email for a digital prize', async () => {
    signIn();
    const digital = prize({ fulfillmentType: 'digital', nextAction: 'confirm_email', taxInfoRequired: false, valueUsd: 50 });
    api([digital]);
    let sent: unknown;
    server.use(
      http.post('/api/v1/users/me/prizes/f1/address', async ({ request }) => {
        sent = await request.json();
        return HttpResponse.json({ ...digital, status: 'address_confirmed', deliveryEmail: 'sam@example.com' });
      }),
    );
    const user = userEvent.setup();
    renderRoute('/prizes');
    await user.click(await screen.findByRole('button', { name: 'Confirm delivery email' }));
    const dialog = await screen.findByRole('dialog', { name: 'Delivery email' });
    await user.type(within(dialog).getByLabelText('Delivery email'), 'not-an-email');
    await user.click(within(dialog).getByRole('button', { name: 'Confirm email' }));
    expect(await within(dialog).findByText('Not an email address.')).toBeInTheDocument();
    await user.clear(within(dialog).getByLabelText('Delivery email'));
    await user.type(within(dialog).getByLabelText('Delivery email'), 'sam@example.com');
    await user.click(within(dialog).getByRole('button', { name: 'Confirm email' }));
    expect(await screen.findByText('Delivery email confirmed')).toBeInTheDocument();
    expect(sent).toEqual({ address: null, email: 'sam@example.com' });
  });

  it('takes tax details for a prize worth $600 or more', async () => {
    signIn();
    api([prize({ nextAction: 'tax_details', shippingAddress: { name: 'Sam Walker', street1: '1 Main St', city: 'Austin', state: 'TX', zip: '78701' } })]);
    let sent: { taxId?: string; legalName?: string } = {};
    server.use(
      http.post('/api/v1/users/me/prizes/f1/tax-details', async ({ request }) => {
        sent = (await request.json()) as typeof sent;
        return HttpResponse.json(
          { fulfillmentId: 'f1', taxInfoReceived: true, taxIdLast4: '6789', receivedAt: '2026-06-11T10:00:00Z' },
          { status: 201 },
        );
      }),
    );
    const user = userEvent.setup();
    renderRoute('/prizes');
    await user.click(await screen.findByRole('button', { name: 'Give tax details' }));
    const dialog = await screen.findByRole('dialog', { name: 'Tax details' });
    expect(within(dialog).getByLabelText('City')).toHaveValue('Austin');
    await user.type(within(dialog).getByLabelText('Legal name'), 'Samantha Walker');
    await user.type(within(dialog).getByLabelText('SSN or ITIN'), '000-12-3456');
    await user.click(within(dialog).getByRole('button', { name: 'Send tax details' }));
    expect(await within(dialog).findByText('Enter a 9-digit SSN or ITIN.')).toBeInTheDocument();
    await user.clear(within(dialog).getByLabelText('SSN or ITIN'));
    await user.type(within(dialog).getByLabelText('SSN or ITIN'), '123-45-6789');
    await user.click(within(dialog).getByRole('button', { name: 'Send tax details' }));
    expect(await screen.findByText('Tax details received (ending 6789)')).toBeInTheDocument();
    expect(sent.taxId).toBe('123456789');
    expect(sent.legalName).toBe('Samantha Walker');
  });
});
