import { useNavigate, useSearchParams } from 'react-router-dom';
import { Card, PageHeader, Spinner, useToast } from '@/components';
import { api } from '@/lib/api/client';
import { errorMessage, unwrap } from '@/lib/api/errors';
import { useCreateDrawing } from '../api/drawings';
import { drawingValues } from '../api/schemas';
import { useTemplates, type Template } from '../api/templates';
import { DrawingForm } from '../components/DrawingForm';

/** Copies a template's prizes into the new draft, one by one; the messages of those refused. */
async function copyPrizes(drawingId: string, template: Template): Promise<string[]> {
  const refused: string[] = [];
  for (const prize of template.prizes) {
    try {
      await unwrap(api.POST('/api/v1/admin/drawings/{drawingId}/prizes', { params: { path: { drawingId } }, body: prize }));
    } catch (error) {
      refused.push(`${prize.name}: ${errorMessage(error)}`);
    }
  }
  return refused;
}

/**
 * A new drawing starts as a draft; prizes are added on its page, then it is scheduled.
 * `?template=<id>` starts from a recurring template: its terms fill the form and its
 * prizes are copied once the draft exists (the API has no "apply template" route).
 */
export function NewDrawingPage() {
  const [params] = useSearchParams();
  const templateId = params.get('template');
  const templates = useTemplates(templateId !== null);
  const create = useCreateDrawing();
  const navigate = useNavigate();
  const toast = useToast();
  if (templateId && templates.isPending) return <Spinner label="Loading the template" />;
  const template = templates.data?.templates.find((t) => t.templateId === templateId);
  const initial = template
    ? drawingValues({
        name: template.name,
        type: template.type,
        description: template.description,
        ticketCostPoints: template.ticketCostPoints,
        eligibility: template.eligibility,
      })
    : drawingValues();
  return (
    <div className="stack narrow">
      <PageHeader
        title="New drawing"
        subtitle={
          template
            ? `From the template “${template.name}”: its ${template.prizes.length} prize(s) are copied into the draft.`
            : 'It starts as a draft: add its prizes next, then schedule it.'
        }
      />
      <Card>
        <DrawingForm
          initial={initial}
          submitLabel="Create draft"
          onSubmit={async (body) => {
            const drawing = await create.mutateAsync(body);
            const refused = template ? await copyPrizes(drawing.drawingId, template) : [];
            if (refused.length)
              toast({ title: 'Some prizes were not copied', description: refused.join(' · '), tone: 'error', forNextPage: true });
            else toast({ title: `${drawing.name} created as a draft`, tone: 'success', forNextPage: true });
            navigate(`/admin/drawings/${drawing.drawingId}`);
          }}
        />
      </Card>
    </div>
  );
}
