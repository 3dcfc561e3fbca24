import { Link } from 'react-router-dom';
import { Card } from '@/components';
import { formatDateTime, formatNumber, humanize } from '@/lib/format';
import type { components } from '@/lib/api/schema';
import type { MemberDetail } from '../api/members';
import { SimpleTable, type Column } from './SimpleTable';

type S = components['schemas'];
const when = (iso: string | null | undefined) => (iso ? formatDateTime(iso) : '—');

const connectionColumns: Column<S['AdminConnection']>[] = [
  { header: 'Provider', cell: (c) => `${humanize(c.provider)}${c.isPrimary ? ' (primary)' : ''}` },
  { header: 'Status', cell: (c) => humanize(c.status) },
  { header: 'Sync', cell: (c) => humanize(c.syncStatus) },
  { header: 'Last sync', cell: (c) => when(c.lastSyncAt) },
  { header: 'Next sync', cell: (c) => when(c.nextSyncAt) },
  { header: 'Failures', cell: (c) => formatNumber(c.failureCount), numeric: true },
  { header: 'Last error', cell: (c) => c.lastError ?? '—' },
];

const flagColumns: Column<S['AdminFlag']>[] = [
  { header: 'Raised', cell: (f) => when(f.createdAt) },
  { header: 'Reason', cell: (f) => humanize(f.reason) },
  { header: 'Status', cell: (f) => humanize(f.status) },
  { header: 'Resolution', cell: (f) => (f.resolvedAt ? `${when(f.resolvedAt)}: ${f.resolutionNote ?? ''}` : '—') },
];

const sessionColumns: Column<S['AdminSession']>[] = [
  { header: 'Device', cell: (s) => <span className="mono">{s.deviceId}</span> },
  { header: 'Browser', cell: (s) => s.userAgent ?? '—' },
  { header: 'Signed in', cell: (s) => when(s.createdAt) },
  { header: 'Last seen', cell: (s) => when(s.lastSeenAt) },
];

const entryColumns: Column<S['AdminEntry']>[] = [
  { header: 'Drawing', cell: (e) => <Link to={`/admin/drawings/${e.drawingId}`}>{e.drawingId.slice(0, 8)}</Link> },
  { header: 'Tickets', cell: (e) => formatNumber(e.tickets), numeric: true },
  { header: 'Points spent', cell: (e) => formatNumber(e.pointsSpent), numeric: true },
  { header: 'Last entry', cell: (e) => when(e.lastEntryAt) },
];

const winColumns: Column<S['AdminWin']>[] = [
  { header: 'Prize', cell: (w) => w.prizeName },
  { header: 'Drawing', cell: (w) => <Link to={`/admin/drawings/${w.drawingId}`}>{w.drawingId.slice(0, 8)}</Link> },
  { header: 'Status', cell: (w) => humanize(w.status) },
  { header: 'Selected', cell: (w) => when(w.selectedAt) },
];

const appealColumns: Column<S['AppealView']>[] = [
  { header: 'Sent', cell: (a) => when(a.createdAt) },
  { header: 'Channel', cell: (a) => (a.channel === 'public' ? 'Public form' : 'In the app') },
  { header: 'Message', cell: (a) => a.message },
  { header: 'Status', cell: (a) => humanize(a.status) },
  { header: 'Decision', cell: (a) => (a.decidedAt ? `${when(a.decidedAt)}: ${a.decisionNote ?? ''}` : '—') },
];

export function MemberRecords({ member }: { member: MemberDetail }) {
  return (
    <>
      <Card title="Trackers">
        <SimpleTable caption="Connections and their sync state" columns={connectionColumns} rows={member.connections} rowKey={(c) => c.connectionId} empty="No trackers linked." />
      </Card>
      <Card title={`Review flags (${formatNumber(member.openFlags)} open)`}>
        <SimpleTable caption="The 20 newest review flags" columns={flagColumns} rows={member.flags} rowKey={(f) => f.flagId} empty="Never flagged." />
      </Card>
      <Card title="Sessions">
        <SimpleTable caption="Active sessions" columns={sessionColumns} rows={member.sessions} rowKey={(s) => s.sessionId} empty="No active sessions." />
      </Card>
      <Card title={`Drawings entered (${formatNumber(member.drawingsEntered)})`}>
        <SimpleTable caption="The 20 most recent entries" columns={entryColumns} rows={member.entries} rowKey={(e) => e.drawingId} empty="No entries." />
      </Card>
      <Card title={`Prizes won (${formatNumber(member.prizesWon)})`}>
        <SimpleTable caption="The 20 newest wins" columns={winColumns} rows={member.wins} rowKey={(w) => w.winnerId} empty="No wins." />
      </Card>
      <Card title="Appeals">
        <SimpleTable caption="The 20 newest appeals and their decisions" columns={appealColumns} rows={member.appeals} rowKey={(a) => a.appealId} empty="No appeals." />
      </Card>
    </>
  );
}
