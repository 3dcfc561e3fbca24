import { Link, useParams } from 'react-router-dom';
import { Card, PageHeader, QueryView, useToast } from '@/components';
import { humanize } from '@/lib/format';
import { useAdminDrawing, useUpdateDrawing, type AdminDrawing } from '../api/drawings';
import { drawingValues } from '../api/schemas';
import { AuditTrail } from '../components/AuditTrail';
import { DrawingFacts } from '../components/DrawingFacts';
import { DrawingForm } from '../components/DrawingForm';
import { LifecycleActions } from '../components/LifecycleActions';
import { PrizesCard } from '../components/PrizesCard';

/** Terms can change while the drawing is a draft or scheduled; they are fixed once it opens. */
const editable = (d: AdminDrawing) => d.status === 'draft' || d.status === 'scheduled';

function EditDrawing({ drawing }: { drawing: AdminDrawing }) {
  const update = useUpdateDrawing(drawing.drawingId);
  const toast = useToast();
  return (
    <Card title="Edit terms">
      <DrawingForm
        key={drawing.updatedAt ?? drawing.drawingId}
        initial={drawingValues(drawing)}
        submitLabel="Save changes"
        onSubmit={async (body) => {
          await update.mutateAsync(body);
          toast({ title: 'Drawing saved', tone: 'success' });
        }}
      />
    </Card>
  );
}

function DrawingDetail({ drawing }: { drawing: AdminDrawing }) {
  return (
    <div className="stack">
      <PageHeader
        title={drawing.name}
        subtitle={
          <>
            <span className={`badge badge-${drawing.status}`}>{humanize(drawing.status)}</span> {humanize(drawing.type)} drawing
            {drawing.status === 'completed' ? (
              <>
                {' · '}
                <Link to={`/drawings/${drawing.drawingId}/results`}>Public results and verification</Link>
              </>
            ) : null}
          </>
        }
        actions={<LifecycleActions drawing={drawing} />}
      />
      <DrawingFacts drawing={drawing} />
      <PrizesCard drawingId={drawing.drawingId} prizes={drawing.prizes} editable={editable(drawing)} />
      {editable(drawing) ? <EditDrawing drawing={drawing} /> : null}
      <AuditTrail drawingId={drawing.drawingId} />
    </div>
  );
}

export function AdminDrawingPage() {
  const { drawingId = '' } = useParams();
  const drawing = useAdminDrawing(drawingId);
  return (
    <>
      <p className="small">
        <Link to="/admin/drawings">All drawings</Link>
      </p>
      <QueryView query={drawing} loadingLabel="Loading the drawing">
        {(d) => <DrawingDetail drawing={d} />}
      </QueryView>
    </>
  );
}
