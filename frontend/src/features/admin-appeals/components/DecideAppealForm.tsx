import { Button, FormAlert, TextAreaField, useToast } from '@/components';
import { useConfirm } from '@/features/admin/components/Confirm';
import { useApiForm } from '@/lib/forms';
import { decisionSchema, useDecideAppeal, type AdminAppeal, type Decision, type DecisionValues } from '../api/appeals';

const OUTCOME: Record<Decision, { question: string; effect: string; done: string }> = {
  reinstate: {
    question: 'Reinstate this member?',
    effect: 'becomes active at once and is told, with your note.',
    done: 'Member reinstated',
  },
  uphold: {
    question: 'Uphold the decision?',
    effect: 'stays as it is and is told, with your note.',
    done: 'Decision upheld',
  },
};

/** A pending appeal's decision: a note for the member, then uphold or reinstate, confirmed
 * because a decided appeal is final. */
export function DecideAppealForm({ appeal }: { appeal: AdminAppeal }) {
  const decide = useDecideAppeal();
  const toast = useToast();
  const { confirm, dialog } = useConfirm();
  const { bind, submit, banner } = useApiForm<DecisionValues>({
    schema: decisionSchema,
    defaultValues: { note: '' },
    fields: ['note'],
  });

  const decideTo = (decision: Decision) =>
    submit(async ({ note }) => {
      const outcome = OUTCOME[decision];
      const description = `${appeal.email}'s account ${outcome.effect} The appeal is then closed.`;
      if (!(await confirm({ title: outcome.question, description }))) return;
      await decide.mutateAsync({ appealId: appeal.appealId, decision, note: note.trim() });
      toast({ title: outcome.done, description: appeal.email, tone: 'success' });
    });
  const busy = (decision: Decision) => decide.isPending && decide.variables?.decision === decision;

  return (
    <form className="form" noValidate onSubmit={(event) => event.preventDefault()}>
      <FormAlert messages={banner} />
      <TextAreaField
        label="Note to the member"
        hint="Sent with the decision, in the app and by email."
        {...bind('note')}
      />
      <div className="row">
        <Button variant="secondary" busy={busy('uphold')} onClick={decideTo('uphold')}>
          Uphold
        </Button>
        <Button busy={busy('reinstate')} onClick={decideTo('reinstate')}>
          Reinstate
        </Button>
      </div>
      {dialog}
    </form>
  );
}
