import { Card, Paragraphs } from '@/components';
import { formatDateTime } from '@/lib/format';
import type { Appeal } from '../api/appeals';

const OUTCOME: Record<Appeal['status'], { label: string; badge: string }> = {
  pending: { label: 'Waiting for a decision', badge: 'badge badge-open' },
  upheld: { label: 'Upheld', badge: 'badge badge-error' },
  reinstated: { label: 'Reinstated', badge: 'badge badge-active' },
};

function AppealItem({ appeal }: { appeal: Appeal }) {
  const outcome = OUTCOME[appeal.status];
  return (
    <Card aria-label={`Appeal sent ${formatDateTime(appeal.createdAt)}`}>
      <div className="row">
        <span className={outcome.badge}>{outcome.label}</span>
        <span className="muted small">Sent {formatDateTime(appeal.createdAt)}</span>
      </div>
      <Paragraphs text={appeal.message} />
      {appeal.status !== 'pending' ? (
        <p>
          <strong>Decision{appeal.decidedAt ? ` (${formatDateTime(appeal.decidedAt)})` : ''}:</strong>{' '}
          {appeal.decisionNote ?? outcome.label}
        </p>
      ) : null}
    </Card>
  );
}

export function AppealList({ appeals }: { appeals: Appeal[] }) {
  return (
    <ul className="stack list">
      {appeals.map((appeal) => (
        <li key={appeal.appealId}>
          <AppealItem appeal={appeal} />
        </li>
      ))}
    </ul>
  );
}
