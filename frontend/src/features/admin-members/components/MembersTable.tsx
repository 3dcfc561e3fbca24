import { Link } from 'react-router-dom';
import { TableScroll } from '@/features/admin/components/TableScroll';
import { formatDate, formatDateTime, formatNumber, humanize } from '@/lib/format';
import type { MemberRow } from '../api/members';

export function MembersTable({ members, total }: { members: MemberRow[]; total: number }) {
  return (
    <TableScroll label={`Members matching the search (${formatNumber(total)})`}>
      <table className="table">
        <caption className="visually-hidden">Members matching the search ({formatNumber(total)})</caption>
        <thead>
          <tr>
            <th scope="col">Member</th>
            <th scope="col">Status</th>
            <th scope="col">Role</th>
            <th scope="col">Tier</th>
            <th scope="col" className="num">
              Balance
            </th>
            <th scope="col">Joined</th>
            <th scope="col">Last sign-in</th>
          </tr>
        </thead>
        <tbody>
          {members.map((m) => (
            <tr key={m.userId}>
              <td>
                <Link to={`/admin/members/${m.userId}`}>{m.email}</Link>
                {m.displayName ? <div className="muted small">{m.displayName}</div> : null}
              </td>
              <td>
                <span className={`badge badge-${m.status}`}>{humanize(m.status)}</span>
              </td>
              <td>
                {humanize(m.role)}
                {m.premiumExpiresAt ? <div className="muted small">until {formatDate(m.premiumExpiresAt)}</div> : null}
              </td>
              <td className="mono">{m.tierCode ?? '—'}</td>
              <td className="num">{formatNumber(m.pointBalance)}</td>
              <td>{formatDate(m.createdAt)}</td>
              <td className="small">{m.lastLoginAt ? formatDateTime(m.lastLoginAt) : 'Never'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
