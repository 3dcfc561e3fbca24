import { useNavigate } from 'react-router-dom';
import { Card, PageHeader, useToast } from '@/components';
import { useCreateDrawing } from '../api/drawings';
import { drawingValues } from '../api/schemas';
import { DrawingForm } from '../components/DrawingForm';

/** A new drawing starts as a draft; prizes are added on its page, then it is scheduled. */
export function NewDrawingPage() {
  const create = useCreateDrawing();
  const navigate = useNavigate();
  const toast = useToast();
  return (
    <div className="stack narrow">
      <PageHeader title="New drawing" subtitle="It starts as a draft: add its prizes next, then schedule it." />
      <Card>
        <DrawingForm
          initial={drawingValues()}
          submitLabel="Create draft"
          onSubmit={async (body) => {
            const drawing = await create.mutateAsync(body);
            toast({ title: `${drawing.name} created as a draft`, tone: 'success', forNextPage: true });
            navigate(`/admin/drawings/${drawing.drawingId}`);
          }}
        />
      </Card>
    </div>
  );
}
