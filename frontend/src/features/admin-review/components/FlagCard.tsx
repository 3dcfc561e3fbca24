import { Link } from 'react-router-dom';
import { Card } from '@/components';
import { formatDateTime, humanize } from '@/lib/format';
import type { ReviewFlag } from '../api/review';
import { FlagDetails, REASONS } from './FlagDetails';
import { ResolveFlagForm } from './ResolveFlagForm';

const BADGE: Record<string, string> = {
  open: 'badge badge-open',
  cleared: 'badge badge-active',
  banned: 'badge badge-error',
};

export function FlagCard({ flag }: { flag: ReviewFlag }) {
  const member = flag.email ?? flag.userId;
  return (
    <Card
      aria-label={`Flag on ${member}`}
      title={member}
      actions={<span className={BADGE[flag.status] ?? 'badge'}>{humanize(flag.status)}</span>}
    >
      <p className="muted small">
        {REASONS[flag.reason] ?? humanize(flag.reason)} · raised {formatDateTime(flag.createdAt)}
        {flag.displayName ? ` · ${flag.displayName}` : ''}
        {flag.userStatus ? ` · account ${flag.userStatus}` : ''} ·{' '}
        <Link to={`/admin/members/${flag.userId}`}>Member details</Link>
      </p>
      <FlagDetails flag={flag} />
      {flag.status === 'open' ? (
        <ResolveFlagForm flag={flag} />
      ) : (
        <p>
          <strong>Resolved{flag.resolvedAt ? ` ${formatDateTime(flag.resolvedAt)}` : ''}:</strong>{' '}
          {flag.resolutionNote ?? '—'}
        </p>
      )}
    </Card>
  );
}
