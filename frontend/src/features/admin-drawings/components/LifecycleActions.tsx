import { useState } from 'react';
import { Button, Dialog, useToast } from '@/components';
import { isStepUpRequired } from '@/features/admin/api/stepUp';
import { useStepUp } from '@/features/admin/components/StepUp';
import { errorMessage } from '@/lib/api/errors';
import { formatDateTime } from '@/lib/format';
import { useExecuteDrawing, useLifecycleStep, type AdminDrawing, type LifecycleStep } from '../api/drawings';
import { CancelDrawing } from './CancelDrawing';

const STEPS: Partial<Record<string, { step: LifecycleStep; label: string; done: (d: AdminDrawing) => string }>> = {
  draft: { step: 'schedule', label: 'Schedule', done: (d) => `Scheduled: sales open ${d.opensAt ? formatDateTime(d.opensAt) : 'now'}` },
  scheduled: { step: 'open', label: 'Open sales now', done: () => 'Ticket sales are open' },
};

/** What a cancelled code prompt leaves: a note, not an error. */
export function stepUpToast(error: unknown) {
  return isStepUpRequired(error)
    ? { title: 'Not done: this needs a code from your authenticator', tone: 'info' as const }
    : { title: errorMessage(error), tone: 'error' as const };
}

function CloseSales({ drawing }: { drawing: AdminDrawing }) {
  const [open, setOpen] = useState(false);
  const close = useLifecycleStep(drawing.drawingId);
  const toast = useToast();
  return (
    <>
      <Button variant="secondary" onClick={() => setOpen(true)}>
        Close sales now
      </Button>
      <Dialog
        open={open}
        onOpenChange={setOpen}
        title="Close ticket sales now?"
        description="Sales stop at once, before the scheduled close; the entries are frozen and their Merkle root published. This cannot be undone."
      >
        <div className="row section">
          <Button
            busy={close.isPending}
            onClick={() =>
              close.mutate('close', {
                onSuccess: () => {
                  setOpen(false);
                  toast({ title: 'Sales closed: the entries are frozen', tone: 'success' });
                },
                onError: (error) => toast({ title: errorMessage(error), tone: 'error' }),
              })
            }
          >
            Close sales
          </Button>
          <Button variant="ghost" onClick={() => setOpen(false)}>
            Keep selling
          </Button>
        </div>
      </Dialog>
    </>
  );
}

function ExecuteDraw({ drawing }: { drawing: AdminDrawing }) {
  const execute = useExecuteDrawing(drawing.drawingId);
  const withStepUp = useStepUp();
  const toast = useToast();
  async function run() {
    try {
      const { results } = await withStepUp(() => execute.mutateAsync(undefined));
      toast({ title: `Drawn: ${results.winners.length} winner${results.winners.length === 1 ? '' : 's'}`, tone: 'success' });
    } catch (error) {
      toast(stepUpToast(error));
    }
  }
  return (
    <Button busy={execute.isPending} onClick={() => void run()}>
      Run the draw
    </Button>
  );
}

/** The next lifecycle step the drawing's status allows, and cancelling before it is drawn. */
export function LifecycleActions({ drawing }: { drawing: AdminDrawing }) {
  const step = STEPS[drawing.status];
  const mutation = useLifecycleStep(drawing.drawingId);
  const toast = useToast();
  const cancellable = !['completed', 'cancelled'].includes(drawing.status);
  return (
    <div className="row">
      {step ? (
        <Button
          busy={mutation.isPending}
          onClick={() =>
            mutation.mutate(step.step, {
              onSuccess: (d) => toast({ title: step.done(d), tone: 'success' }),
              onError: (error) => toast({ title: errorMessage(error), tone: 'error' }),
            })
          }
        >
          {step.label}
        </Button>
      ) : null}
      {drawing.status === 'open' ? <CloseSales drawing={drawing} /> : null}
      {drawing.status === 'closed' ? <ExecuteDraw drawing={drawing} /> : null}
      {cancellable ? <CancelDrawing drawing={drawing} /> : null}
    </div>
  );
}
