import { useState } from 'react';
import { Link } from 'react-router-dom';
import { Button, Card, Dialog, EmptyState, PageHeader, Pagination, QueryView, useToast } from '@/components';
import { formatDate, formatDateTime, formatUsd, humanize } from '@/lib/format';
import { useMyPrizes, type MyPrize } from '../api/prizes';
import { DeliveryEmailForm, ShippingAddressForm, TaxDetailsForm } from '../components/DeliveryForms';

const STATUS_LABEL: Record<string, string> = {
  pending: 'Pending',
  winner_notified: 'Waiting for you',
  address_confirmed: 'Confirmed',
  address_invalid: 'Address needs fixing',
  shipped: 'Shipped',
  delivered: 'Delivered',
  forfeited: 'Forfeited',
};

type Editing = { prize: MyPrize; form: 'address' | 'email' | 'tax' } | null;

function AddressLines({ address }: { address: Record<string, unknown> }) {
  const line = (k: string) => (typeof address[k] === 'string' && address[k] ? String(address[k]) : null);
  return (
    <address className="small">
      {[line('name'), line('street1'), line('street2'), [line('city'), line('state'), line('zip')].filter(Boolean).join(', ')]
        .filter(Boolean)
        .map((l) => (
          <div key={l}>{l}</div>
        ))}
    </address>
  );
}

function PrizeCard({ prize, onEdit }: { prize: MyPrize; onEdit: (e: NonNullable<Editing>) => void }) {
  const physical = prize.fulfillmentType === 'physical';
  const canChangeDelivery = ['winner_notified', 'address_confirmed', 'address_invalid', 'pending'].includes(prize.status);
  const needsTax = prize.taxInfoRequired && !prize.taxInfoReceived;
  return (
    <Card className="card-prize" aria-label={prize.prizeName}>
      <div className="row">
        <span className={`badge badge-${prize.status === 'forfeited' ? 'cancelled' : prize.status === 'delivered' ? 'active' : 'prize'}`}>
          {STATUS_LABEL[prize.status] ?? humanize(prize.status)}
        </span>
        <span className="muted small">{physical ? 'Shipped to you' : 'Digital delivery'}</span>
      </div>
      <h2 className="card-title">{prize.prizeName}</h2>
      <p className="small">
        <span className="prize">{formatUsd(prize.valueUsd)}</span> · rank {prize.prizeRank} in{' '}
        <Link to={`/drawings/${prize.drawingId}`}>{prize.drawingName}</Link> · won {formatDate(prize.wonAt)}
      </p>
      {prize.awaitingReview ? (
        <p className="alert alert-info">We are reviewing this win. We will email you when it can go ahead.</p>
      ) : null}
      {prize.confirmBy && prize.nextAction ? (
        <p className="alert alert-info">Please act by {formatDateTime(prize.confirmBy)}, or the prize is forfeited.</p>
      ) : null}
      <dl className="summary-list small">
        {physical && prize.shippingAddress ? (
          <>
            <dt>Ship to</dt>
            <dd>
              <AddressLines address={prize.shippingAddress} />
            </dd>
          </>
        ) : null}
        {!physical && prize.deliveryEmail ? (
          <>
            <dt>Deliver to</dt>
            <dd>{prize.deliveryEmail}</dd>
          </>
        ) : null}
        {prize.carrier || prize.trackingNumber ? (
          <>
            <dt>Carrier</dt>
            <dd>{prize.carrier ?? '—'}</dd>
            <dt>Tracking</dt>
            <dd className="mono">{prize.trackingNumber ?? '—'}</dd>
          </>
        ) : null}
        {prize.shippedAt ? (
          <>
            <dt>Shipped</dt>
            <dd>{formatDateTime(prize.shippedAt)}</dd>
          </>
        ) : null}
        {prize.deliveredAt ? (
          <>
            <dt>Delivered</dt>
            <dd>{formatDateTime(prize.deliveredAt)}</dd>
          </>
        ) : null}
        {prize.taxInfoRequired ? (
          <>
            <dt>Tax details</dt>
            <dd>{prize.taxInfoReceived ? 'Received' : 'Needed before we can ship'}</dd>
          </>
        ) : null}
      </dl>
      <div className="row">
        {canChangeDelivery && physical ? (
          <Button
            variant={prize.nextAction === 'confirm_address' ? 'primary' : 'secondary'}
            onClick={() => onEdit({ prize, form: 'address' })}
          >
            {prize.shippingAddress ? 'Change shipping address' : 'Confirm shipping address'}
          </Button>
        ) : null}
        {canChangeDelivery && !physical ? (
          <Button
            variant={prize.nextAction === 'confirm_email' ? 'primary' : 'secondary'}
            onClick={() => onEdit({ prize, form: 'email' })}
          >
            {prize.deliveryEmail ? 'Change delivery email' : 'Confirm delivery email'}
          </Button>
        ) : null}
        {needsTax && prize.status !== 'forfeited' ? (
          <Button variant={prize.nextAction === 'tax_details' ? 'primary' : 'secondary'} onClick={() => onEdit({ prize, form: 'tax' })}>
            Give tax details
          </Button>
        ) : null}
      </div>
    </Card>
  );
}

const TITLES = { address: 'Shipping address', email: 'Delivery email', tax: 'Tax details' } as const;

export function PrizesPage() {
  const [page, setPage] = useState(1);
  const prizes = useMyPrizes(page);
  const [editing, setEditing] = useState<Editing>(null);
  const toast = useToast();
  const close = () => setEditing(null);

  return (
    <>
      <PageHeader title="My prizes" subtitle="Your wins, and what we still need from you to deliver them." />
      <QueryView
        query={prizes}
        loadingLabel="Loading your prizes"
        isEmpty={(d) => d.items.length === 0}
        empty={
          <EmptyState title="No prizes yet">
            Every ticket is a chance. <Link to="/drawings">See the open drawings</Link>.
          </EmptyState>
        }
      >
        {(d) => (
          <>
            <div className="grid grid-2">
              {d.items.map((p) => (
                <PrizeCard key={p.fulfillmentId} prize={p} onEdit={setEditing} />
              ))}
            </div>
            <Pagination info={d.pagination} onPage={setPage} />
          </>
        )}
      </QueryView>
      <Dialog
        open={editing !== null}
        onOpenChange={(open) => (open ? undefined : close())}
        title={editing ? TITLES[editing.form] : ''}
        {...(editing ? { description: editing.prize.prizeName } : {})}
      >
        {editing?.form === 'address' ? (
          <ShippingAddressForm
            prize={editing.prize}
            onDone={() => {
              close();
              toast({ title: 'Shipping address confirmed', tone: 'success' });
            }}
          />
        ) : null}
        {editing?.form === 'email' ? (
          <DeliveryEmailForm
            prize={editing.prize}
            onDone={() => {
              close();
              toast({ title: 'Delivery email confirmed', tone: 'success' });
            }}
          />
        ) : null}
        {editing?.form === 'tax' ? (
          <TaxDetailsForm
            prize={editing.prize}
            onDone={(last4) => {
              close();
              toast({ title: `Tax details received (ending ${last4})`, tone: 'success' });
            }}
          />
        ) : null}
      </Dialog>
    </>
  );
}
