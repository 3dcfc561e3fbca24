import { useState } from 'react';
import { z } from '@/lib/zod';
import { Button, Dialog, FormAlert, TextField, useToast } from '@/components';
import { isStepUpRequired } from '@/features/admin/api/stepUp';
import { useStepUp } from '@/features/admin/components/StepUp';
import { useApiForm } from '@/lib/forms';
import { useCancelDrawing, type AdminDrawing } from '../api/drawings';

const reasonSchema = z.object({ reason: z.string().trim().max(500, 'At most 500 characters.') });
type ReasonValues = z.input<typeof reasonSchema>;

/** Cancelling refunds every ticket and cannot be undone: a dialog with the reason, then the code prompt. */
export function CancelDrawing({ drawing }: { drawing: AdminDrawing }) {
  const [open, setOpen] = useState(false);
  const cancel = useCancelDrawing(drawing.drawingId);
  const withStepUp = useStepUp();
  const toast = useToast();
  const { bind, submit, banner, formState, reset } = useApiForm<ReasonValues>({
    schema: reasonSchema,
    defaultValues: { reason: '' },
    fields: ['reason'],
  });
  const onSubmit = submit(async ({ reason }) => {
    try {
      await withStepUp(() => cancel.mutateAsync(reason.trim() || null));
    } catch (error) {
      // A cancelled code prompt is no failure of the form: it stays open, unchanged.
      if (isStepUpRequired(error)) return;
      throw error;
    }
    setOpen(false);
    reset();
    toast({ title: 'Drawing cancelled: every ticket is being refunded', tone: 'success' });
  });
  return (
    <>
      <Button variant="danger" onClick={() => setOpen(true)}>
        Cancel drawing
      </Button>
      <Dialog
        open={open}
        onOpenChange={setOpen}
        title={`Cancel ${drawing.name}?`}
        description="Every ticket's points are refunded and every entrant is told. This cannot be undone, and it needs a code from your authenticator."
      >
        <form className="form" noValidate onSubmit={onSubmit}>
          <FormAlert messages={banner} />
          <TextField label="Reason (optional, shown in the audit log)" autoComplete="off" {...bind('reason')} />
          <div className="row section">
            <Button type="submit" variant="danger" busy={formState.isSubmitting}>
              Cancel the drawing
            </Button>
            <Button variant="ghost" onClick={() => setOpen(false)}>
              Keep the drawing
            </Button>
          </div>
        </form>
      </Dialog>
    </>
  );
}
