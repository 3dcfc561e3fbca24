import { Fragment } from 'react';
import { formatDay, formatNumber } from '@/lib/format';
import type { ReviewFlag } from '../api/review';

type Details = ReviewFlag['details'];
type Row = [label: string, value: string];

const num = (value: unknown) => (typeof value === 'number' ? formatNumber(value) : String(value ?? '—'));

/** What the detection job found, worded per reason; an unknown shape is listed as it is. */
function rows(reason: string, d: Details): Row[] {
  if (reason === 'anomaly')
    return [
      ['Day', typeof d.day === 'string' ? formatDay(d.day) : '—'],
      ['Points that day', num(d.points)],
      ['Tier', String(d.tierCode ?? '—')],
      ['Tier mean', num(d.tierMean)],
      ['Tier standard deviation', num(d.tierStdDev)],
      ['Threshold', num(d.threshold)],
      ['Members in the tier', num(d.tierMembers)],
    ];
  if (reason === 'shared_device')
    return [
      ['Device', String(d.deviceId ?? '—')],
      ['Accounts on it', num(d.accounts)],
    ];
  return Object.entries(d).map(([key, value]) => [key, typeof value === 'string' ? value : JSON.stringify(value)]);
}

export const REASONS: Record<string, string> = {
  anomaly: 'Unusual daily points',
  shared_device: 'Device shared by several accounts',
  manual: 'Raised by an admin',
};

export function FlagDetails({ flag }: { flag: ReviewFlag }) {
  const found = rows(flag.reason, flag.details);
  if (found.length === 0) return null;
  return (
    <dl className="summary-list">
      {found.map(([label, value]) => (
        <Fragment key={label}>
          <dt>{label}</dt>
          <dd>{value}</dd>
        </Fragment>
      ))}
    </dl>
  );
}
