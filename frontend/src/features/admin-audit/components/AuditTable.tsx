import { BeforeAfter } from '@/features/admin/components/BeforeAfter';
import { TableScroll } from '@/features/admin/components/TableScroll';
import { formatDateTime, humanize } from '@/lib/format';
import type { AuditEntry } from '../api/audit';

export function AuditTable({ entries }: { entries: AuditEntry[] }) {
  return (
    <TableScroll label={'Audit entries, newest first'}>
      <table className="table">
        <caption className="visually-hidden">Audit entries, newest first</caption>
        <thead>
          <tr>
            <th scope="col" className="num">
              #
            </th>
            <th scope="col">When</th>
            <th scope="col">Action</th>
            <th scope="col">Entity</th>
            <th scope="col">Actor</th>
            <th scope="col">Before and after</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((e) => (
            <tr key={e.auditId}>
              <td className="num">{e.seq ?? '—'}</td>
              <td className="small">{formatDateTime(e.createdAt)}</td>
              <td className="mono">{e.action}</td>
              <td>
                {humanize(e.entityType)}
                {e.entityId ? <div className="mono small">{e.entityId}</div> : null}
              </td>
              <td className="mono small">{e.actorId ?? 'System'}</td>
              <td>
                <BeforeAfter before={e.before ?? null} after={e.after ?? null} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
