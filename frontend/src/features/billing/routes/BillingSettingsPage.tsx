import { Link } from 'react-router-dom';
import { Button, Card, FormAlert, PageHeader, QueryView } from '@/components';
import { errorMessage } from '@/lib/api/errors';
import { formatDate } from '@/lib/format';
import { planLabel, statusLabel, useOpenPortal, useSubscription, type Subscription } from '../api/billing';

function Renewal({ subscription }: { subscription: Subscription }) {
  if (!subscription.currentPeriodEnd || subscription.status === 'canceled') return null;
  const day = formatDate(subscription.currentPeriodEnd);
  if (subscription.cancelAtPeriodEnd) return <p>Cancelled: premium ends on {day} and will not renew.</p>;
  return <p>Renews on {day}.</p>;
}

function PremiumLine({ subscription }: { subscription: Subscription }) {
  if (!subscription.premium || !subscription.premiumExpiresAt) return <p>You are not premium.</p>;
  const from = subscription.premiumSource === 'admin' ? ' (granted by FitTrack)' : '';
  return (
    <p>
      Premium until {formatDate(subscription.premiumExpiresAt)}
      {from}.
    </p>
  );
}

/** Settings: the subscription's status, plan, period end, and Stripe's portal to manage it. */
export function BillingSettingsPage() {
  const subscription = useSubscription();
  const portal = useOpenPortal();
  return (
    <div className="stack narrow">
      <PageHeader title="Billing" />
      <QueryView query={subscription} loadingLabel="Loading your subscription">
        {(s) => (
          <Card title="Your subscription" aria-label="Your subscription">
            <dl>
              <dt>Status</dt>
              <dd>{statusLabel(s.status)}</dd>
              {s.plan ? (
                <>
                  <dt>Plan</dt>
                  <dd>{planLabel(s.plan)}</dd>
                </>
              ) : null}
            </dl>
            <Renewal subscription={s} />
            <PremiumLine subscription={s} />
            {s.status === 'past_due' ? (
              <p className="alert alert-error" role="alert">
                Your last payment failed. Update your card under Manage billing to keep premium.
              </p>
            ) : null}
            {portal.error ? <FormAlert messages={[errorMessage(portal.error)]} /> : null}
            {s.canManage ? (
              <Button busy={portal.isPending} disabled={portal.isSuccess} onClick={() => portal.mutate()}>
                Manage billing
              </Button>
            ) : null}
            {s.status === 'none' || s.status === 'canceled' || s.status === 'incomplete_expired' ? (
              <Link to="/upgrade" className="btn btn-primary">
                See premium plans
              </Link>
            ) : null}
          </Card>
        )}
      </QueryView>
    </div>
  );
}
