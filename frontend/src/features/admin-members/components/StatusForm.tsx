import { Button, Card, FormAlert, SelectField, TextField, useToast } from '@/components';
import { useConfirm } from '@/features/admin/components/Confirm';
import { useStepUp } from '@/features/admin/components/StepUp';
import { useApiForm } from '@/lib/forms';
import { humanize } from '@/lib/format';
import { z } from '@/lib/zod';
import { useChangeStatus, type MemberDetail, type StatusChange } from '../api/members';

const statusSchema = z.object({
  status: z.enum(['active', 'suspended', 'banned'], { message: 'Choose the new status.' }),
  reason: z.string().trim().min(1, 'Say why: the member reads it in the notice.').max(1000),
});

const CONSEQUENCES: Record<string, string> = {
  suspended:
    'Every session of this member is signed out now. They can sign in again and read, but earn and buy nothing until reinstated. They are told why, in the app and by email.',
  banned:
    'Every session of this member is signed out now and they can no longer sign in. They are told why by email and may appeal through the public form.',
};

const STATUS_OPTIONS = [
  { value: 'active', label: 'Active (reinstate)' },
  { value: 'suspended', label: 'Suspended' },
  { value: 'banned', label: 'Banned' },
];

/** Suspend, ban or reinstate with a reason; suspending and banning are confirmed first, and the
 * route wants a recent one-time code (the step-up prompt asks for it when needed). */
export function StatusForm({ member }: { member: MemberDetail }) {
  const change = useChangeStatus(member.userId);
  const withStepUp = useStepUp();
  const toast = useToast();
  const { confirm, dialog } = useConfirm();
  const { bind, submit, banner, reset, formState } = useApiForm<StatusChange>({
    schema: statusSchema,
    defaultValues: { status: undefined, reason: '' },
    fields: ['status', 'reason'],
  });

  const onSubmit = submit(async (values) => {
    const consequence = CONSEQUENCES[values.status];
    if (consequence) {
      const verb = values.status === 'banned' ? 'Ban' : 'Suspend';
      if (!(await confirm({ title: `${verb} ${member.email}?`, description: consequence }))) return;
    }
    const result = await withStepUp(() => change.mutateAsync(values));
    reset({ status: undefined, reason: '' });
    toast({
      title: `Status is now ${humanize(result.status).toLowerCase()}`,
      description: result.sessionsRevoked ? `${result.sessionsRevoked} sessions signed out.` : undefined,
      tone: 'success',
    });
  });

  return (
    <Card title="Change status">
      <form aria-label="Change status" onSubmit={onSubmit} noValidate className="form">
        <FormAlert messages={banner} />
        <p className="muted small">Currently {humanize(member.status).toLowerCase()}.</p>
        <SelectField label="New status" placeholder="Choose…" options={STATUS_OPTIONS} {...bind('status')} />
        <TextField label="Reason" autoComplete="off" maxLength={1000} {...bind('reason')} />
        <Button type="submit" busy={formState.isSubmitting}>
          Save status
        </Button>
      </form>
      {dialog}
    </Card>
  );
}
