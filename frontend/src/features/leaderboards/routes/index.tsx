import { useState } from 'react';
import { Button, Card, EmptyState, PageHeader, Pagination, QueryView, Tabs } from '@/components';
import { useMe } from '@/lib/api/queries';
import { useSession } from '@/lib/auth/useSession';
import { formatDateTime, formatNumber } from '@/lib/format';
import { PERIODS, useLeaderboard, useMyPosition, type Period } from '../api/leaderboards';
import { RankingTable } from '../components/RankingTable';

function MyPosition({ period, tier, myUserId }: { period: Period; tier: string | null; myUserId?: string }) {
  const position = useMyPosition(period, tier);
  return (
    <Card title="My position">
      <QueryView query={position} loadingLabel="Finding you">
        {(p) => (
          <>
            <p>
              <strong className="points">#{formatNumber(p.userRank)}</strong> of {formatNumber(p.totalUsersInTier)} in{' '}
              {p.tierName} · {formatNumber(p.pointsEarned)} points
            </p>
            {p.rankings.length > 0 ? (
              <RankingTable rows={p.rankings} caption="Members around you" {...(myUserId ? { myUserId } : {})} />
            ) : null}
          </>
        )}
      </QueryView>
    </Card>
  );
}

export function LeaderboardsPage() {
  const [period, setPeriod] = useState<Period>('weekly');
  const [scope, setScope] = useState<'tier' | 'open'>('tier');
  const [page, setPage] = useState(1);
  const session = useSession();
  const me = useMe();
  const tier = scope === 'open' ? 'OPEN' : null;
  const board = useLeaderboard(period, tier, page);
  const myUserId = session?.user.userId;
  const openAllowed = me.data?.profile.openLeaderboard ?? false;

  return (
    <>
      <PageHeader
        title="Leaderboards"
        subtitle="Ranked by points earned in the period, inside your competition tier."
        actions={
          openAllowed ? (
            <div className="row">
              <Button variant={scope === 'tier' ? 'primary' : 'secondary'} onClick={() => { setScope('tier'); setPage(1); }}>
                My tier
              </Button>
              <Button variant={scope === 'open' ? 'primary' : 'secondary'} onClick={() => { setScope('open'); setPage(1); }}>
                OPEN
              </Button>
            </div>
          ) : null
        }
      />
      <Tabs
        label="Leaderboard period"
        value={period}
        onValueChange={(p) => {
          setPeriod(p);
          setPage(1);
        }}
        items={PERIODS}
      >
        <div className="grid grid-2">
          <Card title={board.data ? board.data.tierName : 'Top members'}>
            <QueryView
              query={board}
              loadingLabel="Loading leaderboard"
              isEmpty={(d) => d.rankings.length === 0}
              empty={<EmptyState title="Nobody has points in this period yet">Be the first on the board.</EmptyState>}
            >
              {(d) => (
                <>
                  <p className="muted small">
                    {formatNumber(d.totalUsersInTier)} members
                    {d.resetTime ? ` · resets ${formatDateTime(d.resetTime)}` : ''}
                  </p>
                  <RankingTable rows={d.rankings} caption="Leaderboard" {...(myUserId ? { myUserId } : {})} />
                  <Pagination info={d.pagination} onPage={setPage} />
                </>
              )}
            </QueryView>
          </Card>
          <MyPosition period={period} tier={tier} {...(myUserId ? { myUserId } : {})} />
        </div>
      </Tabs>
    </>
  );
}
