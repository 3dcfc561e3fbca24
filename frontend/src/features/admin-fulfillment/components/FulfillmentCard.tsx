import { Fragment } from 'react';
import { Link } from 'react-router-dom';
import { Card } from '@/components';
import { formatDateTime, formatUsd, humanize } from '@/lib/format';
import type { Fulfillment } from '../api/fulfillments';
import { FulfillmentActions } from './FulfillmentActions';

function address(a: Record<string, unknown> | null): string | null {
  if (!a) return null;
  const part = (k: string) => (typeof a[k] === 'string' && a[k] ? (a[k] as string) : null);
  return [part('name'), part('street1'), part('street2'), `${part('city') ?? ''}, ${part('state') ?? ''} ${part('zip') ?? ''}`.trim()]
    .filter(Boolean)
    .join(' · ');
}

function taxStatus(item: Fulfillment): string | null {
  if (!item.taxInfoRequired) return null;
  return item.taxInfoReceived ? `Received (SSN/ITIN ending ${item.taxIdLast4 ?? '····'})` : 'Missing: needed before shipping';
}

/** One winner's prize on the board: what was won, where it goes, what is due, and the next moves. */
export function FulfillmentCard({ item }: { item: Fulfillment }) {
  const facts: [string, string | null][] = [
    ['Drawing', item.drawingName],
    ['Value', `${formatUsd(item.valueUsd)} · ${humanize(item.fulfillmentType)}`],
    ['Ship to', address(item.shippingAddress)],
    ['Delivery email', item.deliveryEmail],
    ['Tax details', taxStatus(item)],
    ['Confirm by', item.forfeitDueAt && !item.addressConfirmedAt ? formatDateTime(item.forfeitDueAt) : null],
    ['Carrier', item.carrier],
    ['Tracking number', item.trackingNumber],
    ['Shipped', item.shippedAt ? formatDateTime(item.shippedAt) : null],
    ['Delivered', item.deliveredAt ? formatDateTime(item.deliveredAt) : null],
    ['Forfeited', item.forfeitedAt ? formatDateTime(item.forfeitedAt) : null],
    ['Redrawn', item.redrawnFulfillmentId ? 'Yes: the next alternate won it' : null],
    ['Notes', item.notes],
  ];
  return (
    <Card title={`${item.prizeName} (rank ${item.prizeRank})`} aria-label={item.prizeName}>
      <p className="small">
        <span className={`badge badge-${item.status}`}>{humanize(item.status)}</span>
        {item.held ? ' · held for review' : ''} · winner{' '}
        <Link to={`/admin/members/${item.userId}`}>member {item.userId.slice(0, 8)}</Link>
      </p>
      <dl className="summary-list">
        {facts
          .filter((f): f is [string, string] => Boolean(f[1]))
          .map(([term, value]) => (
            <Fragment key={term}>
              <dt>{term}</dt>
              <dd>{value}</dd>
            </Fragment>
          ))}
      </dl>
      <FulfillmentActions item={item} />
    </Card>
  );
}
