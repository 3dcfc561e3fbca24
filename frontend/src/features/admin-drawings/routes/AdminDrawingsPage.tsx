import { useState } from 'react';
import { Link } from 'react-router-dom';
import { EmptyState, PageHeader, Pagination, QueryView, SelectField } from '@/components';
import { formatDateTime, formatNumber, humanize } from '@/lib/format';
import { useAdminDrawings, type AdminDrawing, type DrawingStatus, type DrawingType } from '../api/drawings';
import { DRAWING_TYPES } from '../api/schemas';
import { TemplatesCard } from '../components/TemplatesCard';

const STATUSES = [
  { value: '', label: 'Every status' },
  ...(['draft', 'scheduled', 'open', 'closed', 'completed', 'cancelled'] as const).map((s) => ({ value: s, label: humanize(s) })),
];
const TYPES = [{ value: '', label: 'Every type' }, ...DRAWING_TYPES];

function DrawingRow({ drawing }: { drawing: AdminDrawing }) {
  return (
    <tr>
      <th scope="row">
        <Link to={`/admin/drawings/${drawing.drawingId}`}>{drawing.name}</Link>
      </th>
      <td>{humanize(drawing.type)}</td>
      <td>
        <span className={`badge badge-${drawing.status}`}>{humanize(drawing.status)}</span>
      </td>
      <td className="small">{formatDateTime(drawing.drawingTime)}</td>
      <td className="num">{drawing.prizes.length}</td>
      <td className="num">{formatNumber(drawing.totalTickets)}</td>
    </tr>
  );
}

export function AdminDrawingsPage() {
  const [status, setStatus] = useState<DrawingStatus | ''>('');
  const [type, setType] = useState<DrawingType | ''>('');
  const [page, setPage] = useState(1);
  const drawings = useAdminDrawings(status, type, page);

  return (
    <div className="stack">
      <PageHeader
        title="Drawings"
        subtitle="Drafts, schedules, draws and cancellations; recurring drawings come from the templates below."
        actions={
          <Link to="/admin/drawings/new" className="btn btn-primary">
            New drawing
          </Link>
        }
      />
      <div className="filters">
        <SelectField
          label="Status"
          value={status}
          options={STATUSES}
          onChange={(e) => {
            setStatus(e.target.value as DrawingStatus | '');
            setPage(1);
          }}
        />
        <SelectField
          label="Type"
          value={type}
          options={TYPES}
          onChange={(e) => {
            setType(e.target.value as DrawingType | '');
            setPage(1);
          }}
        />
      </div>
      <QueryView
        query={drawings}
        loadingLabel="Loading drawings"
        isEmpty={(d) => d.drawings.length === 0}
        empty={<EmptyState title="No drawings match">Create one, or change the filters.</EmptyState>}
      >
        {(data) => (
          <>
            <div className="table-wrap">
              <table className="table">
                <caption className="visually-hidden">Drawings, newest first</caption>
                <thead>
                  <tr>
                    <th scope="col">Drawing</th>
                    <th scope="col">Type</th>
                    <th scope="col">Status</th>
                    <th scope="col">Draws</th>
                    <th scope="col" className="num">
                      Prizes
                    </th>
                    <th scope="col" className="num">
                      Tickets
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {data.drawings.map((d) => (
                    <DrawingRow key={d.drawingId} drawing={d} />
                  ))}
                </tbody>
              </table>
            </div>
            <Pagination info={data.pagination} onPage={setPage} />
          </>
        )}
      </QueryView>
      <TemplatesCard />
    </div>
  );
}
