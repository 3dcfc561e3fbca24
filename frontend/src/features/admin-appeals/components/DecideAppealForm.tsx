import { useRef, useState } from 'react';
import { Button, Dialog, FormAlert, TextAreaField, useToast } from '@/components';
import { useApiForm } from '@/lib/forms';
import { decisionSchema, useDecideAppeal, type AdminAppeal, type Decision, type DecisionValues } from '../api/appeals';

const CONFIRM: Record<Decision, { title: string; effect: string; done: string }> = {
  reinstate: {
    title: 'Reinstate this member?',
    effect: 'becomes active at once and is told, with your note.',
    done: 'Member reinstated',
  },
  uphold: {
    title: 'Uphold the decision?',
    effect: 'stays as it is and is told, with your note.',
    done: 'Decision upheld',
  },
};

/** A pending appeal's decision: a note for the member, then uphold or reinstate, confirmed
 * because a decided appeal is final. */
export function DecideAppealForm({ appeal }: { appeal: AdminAppeal }) {
  const decide = useDecideAppeal();
  const toast = useToast();
  const [confirming, setConfirming] = useState<Decision | null>(null);
  const opener = useRef<HTMLButtonElement | null>(null);
  const { bind, submit, banner } = useApiForm<DecisionValues>({
    schema: decisionSchema,
    defaultValues: { note: '' },
    fields: ['note'],
  });

  const busy = (decision: Decision) => decide.isPending && decide.variables?.decision === decision;

  function ask(decision: Decision, button: HTMLButtonElement) {
    opener.current = button;
    void submit(async () => setConfirming(decision))();
  }

  function send(decision: Decision) {
    setConfirming(null);
    void submit(async ({ note }) => {
      await decide.mutateAsync({ appealId: appeal.appealId, decision, note: note.trim() });
      toast({ title: CONFIRM[decision].done, description: appeal.email, tone: 'success' });
    })();
  }

  return (
    <form className="form" noValidate onSubmit={(event) => event.preventDefault()}>
      <FormAlert messages={banner} />
      <TextAreaField
        label="Note to the member"
        hint="Sent with the decision, in the app and by email."
        {...bind('note')}
      />
      <div className="row">
        <Button variant="secondary" busy={busy('uphold')} onClick={(e) => ask('uphold', e.currentTarget)}>
          Uphold
        </Button>
        <Button busy={busy('reinstate')} onClick={(e) => ask('reinstate', e.currentTarget)}>
          Reinstate
        </Button>
      </div>
      <Dialog
        open={confirming !== null}
        onOpenChange={(open) => !open && setConfirming(null)}
        title={confirming ? CONFIRM[confirming].title : ''}
        description={confirming ? `${appeal.email}'s account ${CONFIRM[confirming].effect} The appeal is then closed.` : undefined}
        returnFocusTo={opener}
      >
        <div className="row">
          <Button onClick={() => confirming && send(confirming)}>Confirm</Button>
          <Button variant="secondary" onClick={() => setConfirming(null)}>
            Cancel
          </Button>
        </div>
      </Dialog>
    </form>
  );
}
