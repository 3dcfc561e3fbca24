import { Button, FormAlert, TextAreaField, useToast } from '@/components';
import { useConfirm } from '@/features/admin/components/Confirm';
import { useStepUp } from '@/features/admin/components/StepUp';
import { useApiForm } from '@/lib/forms';
import { resolveSchema, useResolveFlag, type Outcome, type ReviewFlag, type ResolveValues } from '../api/review';

const BAN_CONSEQUENCES =
  'They are signed out everywhere and can no longer sign in; their other open flags close with this one, and prizes held for this review are forfeited and drawn again. They may appeal through the public form.';

/** Clear the flag or ban the member, with a note. The route wants a recent one-time code for
 * either (the step-up prompt asks when needed); a ban is confirmed first. */
export function ResolveFlagForm({ flag }: { flag: ReviewFlag }) {
  const resolve = useResolveFlag();
  const withStepUp = useStepUp();
  const toast = useToast();
  const { confirm, dialog } = useConfirm();
  const { bind, submit, banner } = useApiForm<ResolveValues>({
    schema: resolveSchema,
    defaultValues: { note: '' },
    fields: ['note'],
  });
  const member = flag.email ?? flag.userId;

  const resolveAs = (decision: Outcome) =>
    submit(async ({ note }) => {
      if (decision === 'ban') {
        const question = { title: `Ban ${member}?`, description: BAN_CONSEQUENCES, confirmLabel: 'Ban member' };
        if (!(await confirm(question))) return;
      }
      await withStepUp(() => resolve.mutateAsync({ flagId: flag.flagId, decision, note: note.trim() }));
      toast({ title: decision === 'ban' ? 'Member banned' : 'Flag cleared', description: member, tone: 'success' });
    });
  const busy = (decision: Outcome) => resolve.isPending && resolve.variables?.decision === decision;

  return (
    <form className="form" noValidate onSubmit={(event) => event.preventDefault()}>
      <FormAlert messages={banner} />
      <TextAreaField label="Note" hint="Kept with the decision in the member's history." {...bind('note')} />
      <div className="row">
        <Button variant="secondary" busy={busy('clear')} onClick={resolveAs('clear')}>
          Clear flag
        </Button>
        <Button variant="danger" busy={busy('ban')} onClick={resolveAs('ban')}>
          Ban member
        </Button>
      </div>
      {dialog}
    </form>
  );
}
