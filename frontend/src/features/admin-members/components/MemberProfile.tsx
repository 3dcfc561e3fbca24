import { Card } from '@/components';
import { formatDate, formatDateTime, formatNumber, humanize } from '@/lib/format';
import type { MemberDetail } from '../api/members';

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </>
  );
}

export function MemberProfile({ member }: { member: MemberDetail }) {
  return (
    <Card title="Profile">
      <dl className="summary-list">
        <Row label="Email">{member.email}</Row>
        <Row label="Email verified">{member.emailVerifiedAt ? formatDate(member.emailVerifiedAt) : 'No'}</Row>
        <Row label="Display name">{member.displayName ?? '—'}</Row>
        <Row label="Status">{humanize(member.status)}</Row>
        <Row label="Role">
          {humanize(member.role)}
          {member.premiumExpiresAt ? ` until ${formatDate(member.premiumExpiresAt)}` : ''}
        </Row>
        <Row label="Tier">{member.tierCode ?? '—'}</Row>
        <Row label="Fitness level">{member.fitnessLevel ? humanize(member.fitnessLevel) : '—'}</Row>
        <Row label="Profile completed">{member.profileCompletedAt ? formatDate(member.profileCompletedAt) : 'No'}</Row>
        <Row label="Joined">{formatDateTime(member.createdAt)}</Row>
      </dl>
    </Card>
  );
}

/** Balance and lifetime points, and the ledger summed per entry type (their sum is the balance). */
export function MemberPoints({ member }: { member: MemberDetail }) {
  const types = Object.entries(member.ledger);
  return (
    <Card title="Points">
      <dl className="summary-list">
        <Row label="Balance">{formatNumber(member.pointBalance)}</Row>
        <Row label="Lifetime points">{formatNumber(member.lifetimePoints)}</Row>
      </dl>
      <div className="table-wrap">
        <table className="table">
          <caption>Ledger by entry type</caption>
          <thead>
            <tr>
              <th scope="col">Type</th>
              <th scope="col" className="num">
                Entries
              </th>
              <th scope="col" className="num">
                Points
              </th>
            </tr>
          </thead>
          <tbody>
            {types.length === 0 ? (
              <tr>
                <td colSpan={3} className="muted">
                  No ledger entries.
                </td>
              </tr>
            ) : (
              types.map(([type, totals]) => (
                <tr key={type}>
                  <th scope="row">{humanize(type)}</th>
                  <td className="num">{formatNumber(totals.entries)}</td>
                  <td className="num">{formatNumber(totals.points)}</td>
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>
    </Card>
  );
}
