import { Link } from 'react-router-dom';
import { Card, Paragraphs } from '@/components';
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
      <Paragraphs text={appeal.message} />
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
