import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { subscription } from '@/test/fixtures';
import { renderRoute, signIn } from '@/test/render';
import { server } from '@/test/server';

const plans = {
  plans: [
    { plan: 'monthly', amountCents: 499, currency: 'usd', interval: 'month' },
    { plan: 'annual', amountCents: 4999, currency: 'usd', interval: 'year' },
  ],
  graceDays: 7,
};

/** A URL the browser can "leave for" inside jsdom: same document, new hash. */
function hostedPage(name: string) {
  return new URL(`#${name}`, window.location.href).href;
}

function serveSubscription(...answers: ReturnType<typeof subscription>[]) {
  let calls = 0;
  server.use(
    http.get('/api/v1/billing/subscription', () => HttpResponse.json(answers[Math.min(calls++, answers.length - 1)])),
  );
}

const active = subscription({
  status: 'active',
  plan: 'annual',
  currentPeriodEnd: '2027-06-10T16:00:00Z',
  premium: true,
  premiumExpiresAt: '2027-06-10T16:00:00Z',
  premiumSource: 'subscription',
  canManage: true,
});

describe('upgrade page', () => {
  it('shows the plans and leaves for Stripe Checkout with the chosen one', async () => {
    signIn();
    const asked: unknown[] = [];
    server.use(
      http.get('/api/v1/billing/plans', () => HttpResponse.json(plans)),
      http.post('/api/v1/billing/checkout', async ({ request }) => {
        asked.push(await request.json());
        return HttpResponse.json({ checkoutUrl: hostedPage('stripe-checkout') });
      }),
    );
    renderRoute('/upgrade');
    const annual = await screen.findByRole('region', { name: 'Annual plan' });
    expect(within(annual).getByText('$49.99 per year')).toBeInTheDocument();
    expect(screen.getByText('$4.99 per month')).toBeInTheDocument();
    expect(screen.getByText(/free entry stays open to every member/)).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Go premium' })).toHaveAttribute('href', '/upgrade');

    await userEvent.click(within(annual).getByRole('button', { name: 'Choose annual' }));
    await waitFor(() => expect(window.location.hash).toBe('#stripe-checkout'));
    expect(asked).toEqual([{ plan: 'annual' }]);
    expect(within(annual).getByRole('button', { name: 'Opening secure checkout…' })).toBeDisabled();
  });

  it('says why checkout could not start, and sends a subscriber to billing settings', async () => {
    signIn();
    server.use(
      http.get('/api/v1/billing/plans', () => HttpResponse.json(plans)),
      http.post('/api/v1/billing/checkout', () =>
        HttpResponse.json(
          { type: 'about:blank', title: 'Unavailable', status: 503, detail: 'Payments are not reachable right now.' },
          { status: 503, headers: { 'Content-Type': 'application/problem+json' } },
        ),
      ),
    );
    const first = renderRoute('/upgrade');
    await userEvent.click(await screen.findByRole('button', { name: 'Choose monthly' }));
    expect(await screen.findByText('Payments are not reachable right now.')).toBeInTheDocument();
    first.unmount();

    serveSubscription(active);
    renderRoute('/upgrade');
    expect(await screen.findByText(/You already subscribe to the annual plan/)).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Manage it in billing settings' })).toHaveAttribute(
      'href',
      '/settings/billing',
    );
  });
});

describe('checkout return pages', () => {
  it('waits for Stripe to confirm, then shows premium and the header badge', async () => {
    signIn();
    serveSubscription(subscription(), subscription(), active);
    renderRoute('/billing/success?session_id=cs_test_1');
    expect(await screen.findByText('Confirming your payment with Stripe…')).toBeInTheDocument();
    expect(await screen.findByText(/You are premium until/, {}, { timeout: 6000 })).toHaveAttribute('role', 'status');
    expect(screen.getByRole('link', { name: 'Premium' })).toHaveAttribute('href', '/settings/billing');
    expect(screen.getByRole('link', { name: 'Enter premium drawings' })).toHaveAttribute('href', '/drawings');
  });

  it('tells a member who cancelled checkout that nothing was charged', async () => {
    signIn();
    renderRoute('/billing/cancel');
    expect(await screen.findByText(/Nothing was charged/)).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Back to the plans' })).toHaveAttribute('href', '/upgrade');
  });
});

describe('billing settings', () => {
  it('shows status, plan, the end of a cancelled plan, and opens the Stripe portal', async () => {
    signIn();
    serveSubscription({ ...active, cancelAtPeriodEnd: true });
    let opened = 0;
    server.use(
      http.post('/api/v1/billing/portal', () => {
        opened += 1;
        return HttpResponse.json({ portalUrl: hostedPage('stripe-portal') });
      }),
    );
    renderRoute('/settings/billing');
    const card = await screen.findByRole('region', { name: 'Your subscription' });
    expect(within(card).getByText('Active')).toBeInTheDocument();
    expect(within(card).getByText('Annual')).toBeInTheDocument();
    expect(within(card).getByText(/Cancelled: premium ends on .*2027 and will not renew/)).toBeInTheDocument();
    await userEvent.click(within(card).getByRole('button', { name: 'Manage billing' }));
    await waitFor(() => expect(window.location.hash).toBe('#stripe-portal'));
    expect(opened).toBe(1);
  });

  it('warns when a renewal failed and offers the plans when there is no subscription', async () => {
    signIn();
    serveSubscription({ ...active, status: 'past_due', premiumExpiresAt: '2026-06-17T16:00:00Z' });
    const first = renderRoute('/settings/billing');
    expect(await screen.findByRole('alert')).toHaveTextContent('Your last payment failed');
    expect(screen.getByText('Payment failed: update your card')).toBeInTheDocument();
    first.unmount();

    serveSubscription(subscription({ premium: true, premiumExpiresAt: '2026-08-01T00:00:00Z', premiumSource: 'admin' }));
    renderRoute('/settings/billing');
    expect(await screen.findByText(/Premium until .*2026 \(granted by FitTrack\)/)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Manage billing' })).not.toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'See premium plans' })).toHaveAttribute('href', '/upgrade');
  });
});
