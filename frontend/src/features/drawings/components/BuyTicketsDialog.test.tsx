import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { describe, expect, it, vi } from 'vitest';
import { MemoryRouter } from 'react-router-dom';
import { renderWithProviders, signIn, testUser } from '@/test/render';
import { server } from '@/test/server';
import { loadReceipts } from '../api/keptReceipts';
import fixture from '../verify/fixtures/transparency-v2.json';
import { logHandlers, realLog } from '../verify/fixtures/logHandlers';
import { BuyTicketsDialog } from './BuyTicketsDialog';

const props = {
  open: true,
  drawingId: 'd1',
  drawingName: 'Daily Drawing',
  ticketCost: 100,
  balance: 350,
};

describe('BuyTicketsDialog', () => {
  it('shows the cost and the balance after, and stops at what the balance affords', async () => {
    const user = userEvent.setup();
    renderWithProviders(<MemoryRouter future={{ v7_startTransition: true, v7_relativeSplatPath: true }}><BuyTicketsDialog {...props} onOpenChange={vi.fn()} /></MemoryRouter>);
    const dialog = await screen.findByRole('dialog', { name: 'Buy tickets' });
    expect(dialog).toHaveTextContent('Cost100 pts');
    expect(dialog).toHaveTextContent('Balance after250 pts');
    expect(screen.getByRole('link', { name: 'Official rules' })).toHaveAttribute('href', `/drawings/${props.drawingId}/rules`);

    const more = screen.getByRole('button', { name: 'One more ticket' });
    await user.click(more);
    await user.click(more);
    expect(screen.getByLabelText('Quantity')).toHaveValue(3);
    expect(dialog).toHaveTextContent('Cost300 pts');
    expect(dialog).toHaveTextContent('Balance after50 pts');
    expect(more).toBeDisabled();

    await user.clear(screen.getByLabelText('Quantity'));
    await user.type(screen.getByLabelText('Quantity'), '5');
    expect(screen.getByRole('alert')).toHaveTextContent('You can afford 3 tickets with your balance.');
    expect(screen.getByRole('button', { name: 'Buy 5 tickets' })).toBeDisabled();
  });

  it('buys the chosen quantity, closes, and keeps the receipt with the checkpoint it was seen under', async () => {
    signIn();
    let quantity: unknown;
    server.use(
      ...logHandlers(),
      http.post('/api/v1/drawings/d1/tickets', async ({ request }) => {
        quantity = ((await request.json()) as { quantity: number }).quantity;
        return HttpResponse.json(
          {
            drawingId: 'd1',
            ticketsPurchased: 2,
            pointsSpent: 200,
            newPointBalance: 150,
            totalUserTickets: 2,
            transactionId: 't1',
            firstTicketNumber: 41,
            lastTicketNumber: 42,
            receipt: { ...fixture.receipt, firstTicketNumber: 41, lastTicketNumber: 42 },
          },
          { status: 201 },
        );
      }),
    );
    const user = userEvent.setup();
    const onOpenChange = vi.fn();
    renderWithProviders(<MemoryRouter future={{ v7_startTransition: true, v7_relativeSplatPath: true }}><BuyTicketsDialog {...props} onOpenChange={onOpenChange} /></MemoryRouter>);
    await user.click(await screen.findByRole('button', { name: 'One more ticket' }));
    await user.click(screen.getByRole('button', { name: 'Buy 2 tickets' }));
    await waitFor(() => expect(onOpenChange).toHaveBeenCalledWith(false));
    expect(quantity).toBe(2);
    expect(await screen.findByText('You hold 2 tickets')).toBeInTheDocument();
    const [kept, ...more] = loadReceipts(testUser.userId, 'd1');
    expect(more).toEqual([]);
    expect(kept!.receipt).toEqual({ ...fixture.receipt, firstTicketNumber: 41, lastTicketNumber: 42 });
    expect(kept!.checkpoint).toMatchObject({ size: realLog.checkpoint.size, head: realLog.checkpoint.head });
  });

  it('shows why the API refused the purchase', async () => {
    signIn();
    server.use(
      http.post('/api/v1/drawings/d1/tickets', () =>
        HttpResponse.json(
          { type: 'x', title: 'Forbidden', status: 403, detail: 'Confirm your email address before buying tickets.' },
          { status: 403, headers: { 'Content-Type': 'application/problem+json' } },
        ),
      ),
    );
    const user = userEvent.setup();
    renderWithProviders(<MemoryRouter future={{ v7_startTransition: true, v7_relativeSplatPath: true }}><BuyTicketsDialog {...props} onOpenChange={vi.fn()} /></MemoryRouter>);
    await user.click(await screen.findByRole('button', { name: 'Buy 1 ticket' }));
    expect(await screen.findByText('Confirm your email address before buying tickets.')).toBeInTheDocument();
  });
});
