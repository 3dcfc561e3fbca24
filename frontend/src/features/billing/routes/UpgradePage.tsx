import { Link } from 'react-router-dom';
import { Button, Card, FormAlert, PageHeader, QueryView } from '@/components';
import { errorMessage } from '@/lib/api/errors';
import { OPEN_STATUSES, planLabel, priceLabel, usePlans, useStartCheckout, useSubscription } from '../api/billing';

function Perks() {
  return (
    <ul>
      <li>Enter premium drawings with your points.</li>
      <li>Every drawing&apos;s free entry stays open to every member, premium or not.</li>
      <li>Your points earn the same for everyone: premium never buys points.</li>
    </ul>
  );
}

/** The plans; choosing one leaves for Stripe's hosted checkout page. */
export function UpgradePage() {
  const plans = usePlans();
  const subscription = useSubscription();
  const checkout = useStartCheckout();
  const current = subscription.data;
  if (current && OPEN_STATUSES.has(current.status))
    return (
      <div className="stack narrow">
        <PageHeader title="FitTrack Premium" />
        <p className="alert alert-info" role="status">
          You already subscribe to the {planLabel(current.plan).toLowerCase()} plan.{' '}
          <Link to="/settings/billing">Manage it in billing settings</Link>.
        </p>
      </div>
    );
  return (
    <div className="stack narrow">
      <PageHeader title="FitTrack Premium" subtitle="Support FitTrack and unlock premium drawings." />
      <Perks />
      {checkout.error ? <FormAlert messages={[errorMessage(checkout.error)]} /> : null}
      <QueryView query={plans} loadingLabel="Loading the plans">
        {(d) => (
          <div className="grid-2">
            {d.plans.map((plan) => (
              <Card key={plan.plan} title={planLabel(plan.plan)} aria-label={`${planLabel(plan.plan)} plan`}>
                <p className="stat-value">{priceLabel(plan)}</p>
                <Button
                  busy={checkout.isPending && checkout.variables === plan.plan}
                  disabled={checkout.isPending || checkout.isSuccess}
                  onClick={() => checkout.mutate(plan.plan)}
                >
                  {checkout.isSuccess && checkout.variables === plan.plan
                    ? 'Opening secure checkout…'
                    : `Choose ${planLabel(plan.plan).toLowerCase()}`}
                </Button>
              </Card>
            ))}
          </div>
        )}
      </QueryView>
      <p className="muted">
        Payments are handled by Stripe; FitTrack never sees your card. Cancel any time in billing settings.
      </p>
    </div>
  );
}
