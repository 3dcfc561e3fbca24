import { useState } from 'react';
import { Card, Pagination, QueryView } from '@/components';
import { BeforeAfter } from '@/features/admin/components/BeforeAfter';
import { formatDateTime } from '@/lib/format';
import { useMemberActions, type MemberAction } from '../api/members';
import { SimpleTable, type Column } from './SimpleTable';

const columns: Column<MemberAction>[] = [
  { header: 'When', cell: (a) => formatDateTime(a.createdAt) },
  { header: 'Action', cell: (a) => <span className="mono">{a.action}</span> },
  { header: 'By', cell: (a) => (a.actorId ? <span className="mono">{a.actorId.slice(0, 8)}</span> : 'System') },
  { header: 'Reason', cell: (a) => a.reason ?? '—' },
  { header: 'Change', cell: (a) => <BeforeAfter before={a.before ?? null} after={a.after ?? null} /> },
];

/** GET /admin/users/{id}/actions: status changes, adjustments, premium, flags, appeals, newest first. */
export function ActionHistory({ userId }: { userId: string }) {
  const [page, setPage] = useState(1);
  const actions = useMemberActions(userId, page);
  return (
    <Card title="History">
      <QueryView query={actions} loadingLabel="Loading history">
        {(data) => (
          <>
            <SimpleTable caption="Actions on this member, newest first" columns={columns} rows={data.items} rowKey={(a) => a.actionId} empty="Nothing recorded yet." />
            <Pagination info={data.pagination} onPage={setPage} />
          </>
        )}
      </QueryView>
    </Card>
  );
}
