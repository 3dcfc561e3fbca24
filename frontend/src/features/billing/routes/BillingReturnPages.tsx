import { useEffect } from 'react';
import { Link } from 'react-router-dom';
import { PageHeader, Spinner } from '@/components';
import { formatDate } from '@/lib/format';
import { useRefreshPremium, useSubscription } from '../api/billing';

/** Stripe Checkout returns here after payment; premium starts once Stripe's webhook arrives. */
export function BillingSuccessPage() {
  const subscription = useSubscription({ pollUntilPremium: true });
  const refresh = useRefreshPremium();
  const premium = subscription.data?.premium === true;
  useEffect(() => {
    if (premium) refresh();
  }, [premium, refresh]);
  return (
    <div className="stack narrow">
      <PageHeader title="Thank you" />
      {premium && subscription.data ? (
        <p className="alert alert-success" role="status">
          You are premium
          {subscription.data.premiumExpiresAt ? ` until ${formatDate(subscription.data.premiumExpiresAt)}` : ''}.{' '}
          <Link to="/drawings">Enter premium drawings</Link>.
        </p>
      ) : (
        <Spinner label="Confirming your payment with Stripe" />
      )}
      <Link to="/settings/billing">Billing settings</Link>
    </div>
  );
}

/** Stripe Checkout's cancel link returns here: nothing was charged. */
export function BillingCancelPage() {
  return (
    <div className="stack narrow">
      <PageHeader title="Checkout cancelled" />
      <p>Nothing was charged. You can choose a plan whenever you like.</p>
      <Link to="/upgrade">Back to the plans</Link>
    </div>
  );
}
