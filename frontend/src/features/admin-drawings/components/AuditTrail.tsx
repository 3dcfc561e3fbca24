import { Card, QueryView, EmptyState } from '@/components';
import { formatDateTime, humanize } from '@/lib/format';
import { useDrawingAudit, type AuditEntry } from '../api/drawings';

function Changes({ entry }: { entry: AuditEntry }) {
  if (!entry.before && !entry.after) return <>—</>;
  return (
    <details>
      <summary>Before and after</summary>
      <pre className="mono small">{JSON.stringify({ before: entry.before, after: entry.after }, null, 2)}</pre>
    </details>
  );
}

/** The drawing's entries in the hash-chained audit log, oldest first as the API lists them. */
export function AuditTrail({ drawingId }: { drawingId: string }) {
  const audit = useDrawingAudit(drawingId);
  return (
    <Card title="Audit trail">
      <QueryView
        query={audit}
        loadingLabel="Loading the audit trail"
        isEmpty={(a) => a.entries.length === 0}
        empty={<EmptyState title="No audit entries yet" />}
      >
        {(a) => (
          <div className="table-wrap" tabIndex={0} role="region" aria-label="Audit trail">
            <table className="table">
              <caption className="visually-hidden">Audit trail</caption>
              <thead>
                <tr>
                  <th scope="col" className="num">
                    Entry
                  </th>
                  <th scope="col">Action</th>
                  <th scope="col">When</th>
                  <th scope="col">By</th>
                  <th scope="col">Changes</th>
                  <th scope="col">Hash</th>
                </tr>
              </thead>
              <tbody>
                {a.entries.map((e) => (
                  <tr key={e.auditId}>
                    <td className="num">{e.seq ?? '—'}</td>
                    <th scope="row">{humanize(e.action.replace(/^drawing\./, ''))}</th>
                    <td className="small">{formatDateTime(e.createdAt)}</td>
                    <td className="small mono">{e.actorId ? e.actorId.slice(0, 8) : 'system'}</td>
                    <td>
                      <Changes entry={e} />
                    </td>
                    <td className="small mono" title={e.entryHash ?? undefined}>
                      {e.entryHash ? `${e.entryHash.slice(0, 12)}…` : '—'}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </QueryView>
    </Card>
  );
}
