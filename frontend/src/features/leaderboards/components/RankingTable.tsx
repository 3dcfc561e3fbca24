import type { components } from '@/lib/api/schema';
import { formatNumber } from '@/lib/format';

type RankingEntry = components['schemas']['RankingEntry'];

export function RankingTable({ rows, myUserId, caption }: { rows: RankingEntry[]; myUserId?: string; caption: string }) {
  return (
    <div className="table-wrap">
      <table className="table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Rank</th>
            <th scope="col">Member</th>
            <th scope="col" className="num">
              Points
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => {
            const me = r.userId === myUserId;
            return (
              <tr key={r.userId} className={me ? 'me' : undefined} aria-current={me ? 'true' : undefined}>
                <td>{r.rank}</td>
                <td>
                  {r.displayName}
                  {me ? ' (you)' : ''}
                </td>
                <td className="num">{formatNumber(r.pointsEarned)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
