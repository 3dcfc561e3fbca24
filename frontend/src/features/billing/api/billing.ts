import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api/client';
import { unwrap } from '@/lib/api/errors';
import { queryKeys } from '@/lib/api/queries';
import type { components } from '@/lib/api/schema';
import { useSession } from '@/lib/auth/useSession';

export type Plan = components['schemas']['Plan'];
export type PlanName = Plan['plan'];
export type Subscription = components['schemas']['SubscriptionView'];

export const subscriptionKey = ['billing', 'subscription'] as const;

export function usePlans() {
  return useQuery({ queryKey: ['billing', 'plans'], queryFn: () => unwrap(api.GET('/api/v1/billing/plans')) });
}

/** The member's subscription and premium from every source (an admin grant too). */
export function useSubscription(options: { pollUntilPremium?: boolean } = {}) {
  const session = useSession();
  return useQuery({
    queryKey: subscriptionKey,
    queryFn: () => unwrap(api.GET('/api/v1/billing/subscription')),
    enabled: session !== null && session.user.role !== 'admin',
    // After checkout Stripe's webhook may land a moment after the browser returns.
    refetchInterval: (query) => (options.pollUntilPremium && !query.state.data?.premium ? 1000 : false),
  });
}

/** The browser leaves for Stripe's hosted page (Checkout or the Customer Portal). */
export function leaveFor(url: string) {
  window.location.assign(url);
}

export function useStartCheckout() {
  return useMutation({
    mutationFn: (plan: PlanName) => unwrap(api.POST('/api/v1/billing/checkout', { body: { plan } })),
    onSuccess: ({ checkoutUrl }) => leaveFor(checkoutUrl),
  });
}

export function useOpenPortal() {
  return useMutation({
    mutationFn: () => unwrap(api.POST('/api/v1/billing/portal')),
    onSuccess: ({ portalUrl }) => leaveFor(portalUrl),
  });
}

/** Premium changes what the member may do elsewhere (entering with points). */
export function useRefreshPremium() {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: queryKeys.me });
    void queryClient.invalidateQueries({ queryKey: queryKeys.drawings });
  };
}

export const OPEN_STATUSES = new Set(['active', 'trialing', 'past_due', 'incomplete', 'unpaid', 'paused']);

const STATUS_LABELS: Record<Subscription['status'], string> = {
  none: 'No subscription',
  incomplete: 'Waiting for the first payment',
  incomplete_expired: 'Checkout expired',
  trialing: 'Trial',
  active: 'Active',
  past_due: 'Payment failed: update your card',
  canceled: 'Cancelled',
  unpaid: 'Unpaid',
  paused: 'Paused',
};

export function statusLabel(status: Subscription['status']) {
  return STATUS_LABELS[status];
}

export function planLabel(plan: PlanName | null | undefined) {
  return plan === 'annual' ? 'Annual' : plan === 'monthly' ? 'Monthly' : 'Premium';
}

export function priceLabel(plan: Plan) {
  const amount = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' }).format(plan.amountCents / 100);
  return `${amount} per ${plan.interval}`;
}
