import { Button, Card, FormAlert, TextField, useToast } from '@/components';
import { useStepUp } from '@/features/admin/components/StepUp';
import { useApiForm } from '@/lib/forms';
import { formatNumber, formatPoints } from '@/lib/format';
import { z } from '@/lib/zod';
import { useAdjustPoints, type MemberDetail } from '../api/members';

const LIMIT = 1_000_000;
const adjustSchema = z.object({
  amount: z
    .string()
    .trim()
    .regex(/^-?\d+$/, 'Enter a whole number of points.')
    .refine((v) => Number(v) !== 0, 'Enter a number other than 0.')
    .refine((v) => Math.abs(Number(v)) <= LIMIT, 'At most 1,000,000 points at a time.'),
  reason: z.string().trim().min(3, 'Say why in at least 3 characters.').max(500),
});
type AdjustForm = z.infer<typeof adjustSchema>;
const EMPTY: AdjustForm = { amount: '', reason: '' };

/** Credits (positive) or debits (negative) the member's points; needs a recent one-time code. */
export function AdjustPointsForm({ member }: { member: MemberDetail }) {
  const adjust = useAdjustPoints(member.userId);
  const withStepUp = useStepUp();
  const toast = useToast();
  const { bind, submit, banner, reset, formState } = useApiForm<AdjustForm>({
    schema: adjustSchema,
    defaultValues: EMPTY,
    fields: ['amount', 'reason'],
  });

  const onSubmit = submit(async (values) => {
    const result = await withStepUp(() => adjust.mutateAsync({ amount: Number(values.amount), reason: values.reason }));
    reset(EMPTY);
    toast({
      title: `${result.amount > 0 ? 'Credited' : 'Debited'} ${formatPoints(Math.abs(result.amount))}`,
      description: `Balance now ${formatNumber(result.balance)}.`,
      tone: 'success',
    });
  });

  return (
    <Card title="Adjust points">
      <form aria-label="Adjust points" onSubmit={onSubmit} noValidate className="form">
        <FormAlert messages={banner} />
        <TextField
          label="Points"
          inputMode="numeric"
          autoComplete="off"
          hint="Positive credits, negative debits."
          {...bind('amount')}
        />
        <TextField label="Reason for the adjustment" autoComplete="off" maxLength={500} {...bind('reason')} />
        <Button type="submit" busy={formState.isSubmitting}>
          Adjust points
        </Button>
      </form>
    </Card>
  );
}
