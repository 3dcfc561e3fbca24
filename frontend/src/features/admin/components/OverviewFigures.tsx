import { Card, Stat } from '@/components';
import { formatNumber, humanize } from '@/lib/format';
import type { Overview } from '../api/analytics';

function Counts({ title, counts }: { title: string; counts: Record<string, number> }) {
  return (
    <Card title={title}>
      <div className="row">
        {Object.entries(counts).map(([name, n]) => (
          <Stat key={name} label={humanize(name)} value={formatNumber(n)} />
        ))}
      </div>
    </Card>
  );
}

/** GET /admin/analytics/overview: the platform as of now. */
export function OverviewFigures({ overview }: { overview: Overview }) {
  const { points } = overview;
  return (
    <div className="stack">
      <div className="grid grid-2">
        <Counts title="Members by status" counts={overview.membersByStatus} />
        <Counts title="Members by role" counts={overview.membersByRole} />
      </div>
      <div className="grid grid-3">
        <Card title="Active members">
          <div className="row">
            <Stat label="today" value={formatNumber(overview.dailyActive)} />
            <Stat label="last 30 days" value={formatNumber(overview.monthlyActive)} />
          </div>
        </Card>
        <Card title="Points today">
          <div className="row">
            <Stat label="earned" value={formatNumber(points.earnedToday)} tone="points" />
            <Stat label="spent" value={formatNumber(points.spentToday)} />
          </div>
        </Card>
        <Card title="Points, last 30 days">
          <div className="row">
            <Stat label="earned" value={formatNumber(points.earned30Days)} tone="points" />
            <Stat label="spent" value={formatNumber(points.spent30Days)} />
          </div>
        </Card>
        <Card title="Entries, last 30 days">
          <div className="row">
            <Stat label="tickets sold" value={formatNumber(overview.ticketsSold30Days)} />
            <Stat label="free entries" value={formatNumber(overview.freeEntries30Days)} />
          </div>
        </Card>
        <Card title="Waiting for an admin">
          <div className="row">
            <Stat label="open review flags" value={formatNumber(overview.openReviewFlags)} />
            <Stat label="open appeals" value={formatNumber(overview.openAppeals)} />
          </div>
        </Card>
        <Card title="Drawings and prizes">
          <div className="row">
            <Stat label="open drawings" value={formatNumber(overview.openDrawings)} />
            <Stat label="prizes to fulfil" value={formatNumber(overview.pendingFulfillments)} tone="prize" />
          </div>
        </Card>
      </div>
    </div>
  );
}
