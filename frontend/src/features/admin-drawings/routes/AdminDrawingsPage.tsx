import { Link } from 'react-router-dom';
import { FilteredTablePage, useTableFilters, type TableFilter } from '@/features/admin/components/FilteredTablePage';
import { formatDateTime, formatNumber, humanize } from '@/lib/format';
import { useAdminDrawings, type AdminDrawing, type DrawingStatus, type DrawingType } from '../api/drawings';
import { DRAWING_TYPES } from '../api/schemas';
import { TemplatesCard } from '../components/TemplatesCard';

type DrawingFilters = { status: DrawingStatus | ''; type: DrawingType | '' };
const FILTERS: readonly TableFilter<DrawingFilters>[] = [
  {
    name: 'status',
    label: 'Status',
    options: [
      { value: '', label: 'Every status' },
      ...(['draft', 'scheduled', 'open', 'closed', 'completed', 'cancelled'] as const).map((s) => ({ value: s, label: humanize(s) })),
    ],
  },
  { name: 'type', label: 'Type', options: [{ value: '', label: 'Every type' }, ...DRAWING_TYPES] },
];

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

const COLUMNS = [
  { label: 'Drawing' },
  { label: 'Type' },
  { label: 'Status' },
  { label: 'Draws' },
  { label: 'Prizes', numeric: true },
  { label: 'Tickets', numeric: true },
];

export function AdminDrawingsPage() {
  const list = useTableFilters<DrawingFilters>({ status: '', type: '' });
  const drawings = useAdminDrawings(list.filters.status, list.filters.type, list.page);

  return (
    <FilteredTablePage
      title="Drawings"
      subtitle="Drafts, schedules, draws and cancellations; recurring drawings come from the templates below."
      actions={
        <Link to="/admin/drawings/new" className="btn btn-primary">
          New drawing
        </Link>
      }
      filters={FILTERS}
      list={list}
      query={drawings}
      rowsOf={(d) => d.drawings}
      loadingLabel="Loading drawings"
      empty={{ title: 'No drawings match', body: 'Create one, or change the filters.' }}
      caption="Drawings, newest first"
      columns={COLUMNS}
      keyOf={(d) => d.drawingId}
      renderRow={(d) => <DrawingRow drawing={d} />}
    >
      <TemplatesCard />
    </FilteredTablePage>
  );
}
