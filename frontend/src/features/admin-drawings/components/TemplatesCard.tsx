import { useState } from 'react';
import { Link } from 'react-router-dom';
import { Button, Card, Dialog, EmptyState, QueryView, useToast } from '@/components';
import { errorMessage } from '@/lib/api/errors';
import { formatDateTime, formatPoints, humanize } from '@/lib/format';
import { templateBody, useCreateTemplate, useDeactivateTemplate, useTemplates, useUpdateTemplate, type Template } from '../api/templates';
import { TemplateForm } from './TemplateForm';

function EditTemplate({ template }: { template: Template }) {
  const [open, setOpen] = useState(false);
  const update = useUpdateTemplate(template.templateId);
  const toast = useToast();
  return (
    <>
      <Button variant="secondary" onClick={() => setOpen(true)} aria-label={`Edit template ${template.name}`}>
        Edit
      </Button>
      <Dialog open={open} onOpenChange={setOpen} title={`Edit template: ${template.name}`} description="Drawings already created keep their terms.">
        <TemplateForm
          template={template}
          submitLabel="Save template"
          onSubmit={async (body) => {
            await update.mutateAsync(body);
            setOpen(false);
            toast({ title: 'Template saved', tone: 'success' });
          }}
        />
      </Dialog>
    </>
  );
}

function ToggleTemplate({ template }: { template: Template }) {
  const [confirming, setConfirming] = useState(false);
  const deactivate = useDeactivateTemplate(template.templateId);
  const update = useUpdateTemplate(template.templateId);
  const toast = useToast();
  const failed = (error: unknown) => toast({ title: errorMessage(error), tone: 'error' });
  if (!template.isActive)
    return (
      <Button
        variant="secondary"
        busy={update.isPending}
        aria-label={`Reactivate template ${template.name}`}
        onClick={() =>
          update.mutate(templateBody(template, { isActive: true }), {
            onSuccess: () => toast({ title: `${template.name} is active again`, tone: 'success' }),
            onError: failed,
          })
        }
      >
        Reactivate
      </Button>
    );
  return (
    <>
      <Button variant="danger" onClick={() => setConfirming(true)} aria-label={`Deactivate template ${template.name}`}>
        Deactivate
      </Button>
      <Dialog
        open={confirming}
        onOpenChange={setConfirming}
        title={`Deactivate ${template.name}?`}
        description="No further drawings are created from it; those already created stay as they are."
      >
        <div className="row section">
          <Button
            variant="danger"
            busy={deactivate.isPending}
            onClick={() =>
              deactivate.mutate(undefined, {
                onSuccess: () => {
                  setConfirming(false);
                  toast({ title: `${template.name} deactivated`, tone: 'success' });
                },
                onError: failed,
              })
            }
          >
            Deactivate template
          </Button>
          <Button variant="ghost" onClick={() => setConfirming(false)}>
            Keep it
          </Button>
        </div>
      </Dialog>
    </>
  );
}

function AddTemplate() {
  const [open, setOpen] = useState(false);
  const create = useCreateTemplate();
  const toast = useToast();
  return (
    <>
      <Button variant="secondary" onClick={() => setOpen(true)}>
        Add template
      </Button>
      <Dialog open={open} onOpenChange={setOpen} title="Add template">
        <TemplateForm
          submitLabel="Add template"
          onSubmit={async (body) => {
            const t = await create.mutateAsync(body);
            setOpen(false);
            toast({ title: `${t.name} added: its next drawing is ${formatDateTime(t.nextDrawingTime)}`, tone: 'success' });
          }}
        />
      </Dialog>
    </>
  );
}

/** Recurring drawings: the job creates each period's drawing from the active templates. */
export function TemplatesCard() {
  const templates = useTemplates();
  return (
    <Card title="Recurring templates" actions={<AddTemplate />}>
      <QueryView
        query={templates}
        loadingLabel="Loading templates"
        isEmpty={(d) => d.templates.length === 0}
        empty={<EmptyState title="No templates yet">Recurring drawings are created from templates.</EmptyState>}
      >
        {(data) => (
          <div className="table-wrap">
            <table className="table">
              <caption className="visually-hidden">Recurring templates</caption>
              <thead>
                <tr>
                  <th scope="col">Template</th>
                  <th scope="col">Type</th>
                  <th scope="col">Ticket cost</th>
                  <th scope="col">Prizes</th>
                  <th scope="col">Next drawing</th>
                  <th scope="col">Status</th>
                  <th scope="col">Actions</th>
                </tr>
              </thead>
              <tbody>
                {data.templates.map((t) => (
                  <tr key={t.templateId}>
                    <th scope="row">{t.name}</th>
                    <td>{humanize(t.type)}</td>
                    <td>{formatPoints(t.ticketCostPoints)}</td>
                    <td>{t.prizes.length ? t.prizes.map((p) => p.name).join(', ') : 'None (drafts)'}</td>
                    <td className="small">{t.isActive ? formatDateTime(t.nextDrawingTime) : '—'}</td>
                    <td>
                      <span className={`badge badge-${t.isActive ? 'active' : 'inactive'}`}>{t.isActive ? 'Active' : 'Inactive'}</span>
                    </td>
                    <td>
                      <div className="row">
                        <Link to={`/admin/drawings/new?template=${t.templateId}`} aria-label={`New drawing from ${t.name}`}>
                          New drawing
                        </Link>
                        <EditTemplate template={t} />
                        <ToggleTemplate template={t} />
                      </div>
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
