import { Fragment } from 'react';
import { Card } from '@/components';
import { formatDateTime, formatNumber, formatPoints, humanize } from '@/lib/format';
import type { AdminDrawing } from '../api/drawings';

/** A hash's first 16 digits: enough to compare with the public verification page. */
const short = (hash: string) => `${hash.slice(0, 16)}…`;

/** The drawing's terms and commitments as they stand (read-only once it opened). */
export function DrawingFacts({ drawing }: { drawing: AdminDrawing }) {
  const facts: [string, string][] = [
    ['Type', humanize(drawing.type)],
    ['Ticket cost', formatPoints(drawing.ticketCostPoints)],
    ['Sales open', drawing.opensAt ? formatDateTime(drawing.opensAt) : 'When scheduled'],
    ['Sales close', formatDateTime(drawing.salesCloseTime)],
    ['Drawing time', formatDateTime(drawing.drawingTime)],
    ['Eligibility', `${drawing.eligibility.userType === 'premium' ? 'Premium members' : 'All members'}, accounts ${drawing.eligibility.minAccountAgeDays}+ days old`],
    ['Tickets in', formatNumber(drawing.totalTickets)],
  ];
  if (drawing.seedCommitment) facts.push(['Seed commitment', short(drawing.seedCommitment)]);
  if (drawing.snapshotRoot) facts.push(['Snapshot Merkle root', short(drawing.snapshotRoot)]);
  if (drawing.executedAt) facts.push(['Drawn', formatDateTime(drawing.executedAt)]);
  if (drawing.cancelledAt) facts.push(['Cancelled', `${formatDateTime(drawing.cancelledAt)}${drawing.cancelReason ? `: ${drawing.cancelReason}` : ''}`]);
  return (
    <Card title="Terms">
      <dl className="summary-list">
        {facts.map(([term, value]) => (
          <Fragment key={term}>
            <dt>{term}</dt>
            <dd className={value.endsWith('…') ? 'mono' : undefined}>{value}</dd>
          </Fragment>
        ))}
      </dl>
    </Card>
  );
}
