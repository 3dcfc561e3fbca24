import { Link } from 'react-router-dom';
import { Card } from '@/components';
import { formatDateTime, humanize } from '@/lib/format';
import type { AdminAppeal } from '../api/appeals';
import { DecideAppealForm } from './DecideAppealForm';

const CHANNEL: Record<AdminAppeal['channel'], string> = {
  member: 'Signed in (suspended)',
  public: 'Public form (banned)',
};

const BADGE: Record<AdminAppeal['status'], string> = {
  pending: 'badge badge-open',
  upheld: 'badge badge-error',
  reinstated: 'badge badge-active',
};

/** The member's words as they wrote them, one paragraph per line. */
function Message({ text }: { text: string }) {
  return (
    <blockquote className="stack">
      {text
        .split(/\n+/)
        .filter((line) => line.trim())
        .map((line, i) => (
          <p key={i}>{line}</p>
        ))}
    </blockquote>
  );
}

export function AppealCard({ appeal }: { appeal: AdminAppeal }) {
  return (
    <Card
      aria-label={`Appeal from ${appeal.email}`}
      title={appeal.email}
      actions={<span className={BADGE[appeal.status]}>{humanize(appeal.status)}</span>}
    >
      <p className="muted small">
        {CHANNEL[appeal.channel]} · sent {formatDateTime(appeal.createdAt)} ·{' '}
        <Link to={`/admin/members/${appeal.userId}`}>Member details</Link>
      </p>
      <Message text={appeal.message} />
      {appeal.status === 'pending' ? (
        <DecideAppealForm appeal={appeal} />
      ) : (
        <dl className="summary-list">
          <dt>Decided</dt>
          <dd>{appeal.decidedAt ? formatDateTime(appeal.decidedAt) : '—'}</dd>
          <dt>Note</dt>
          <dd>{appeal.decisionNote ?? '—'}</dd>
        </dl>
      )}
    </Card>
  );
}
