import { Button, Card, FormAlert, TextField, useToast } from '@/components';
import { useConfirm } from '@/features/admin/components/Confirm';
import { errorMessage } from '@/lib/api/errors';
import { useApiForm } from '@/lib/forms';
import { formatDate, formatDateTime } from '@/lib/format';
import { z } from '@/lib/zod';
import { useEndPremium, useGrantPremium, type MemberDetail } from '../api/members';

/** Which source gives the current premium end (docs/billing.md: the later end wins). */
const PREMIUM_SOURCES: Record<string, string> = { admin: ', by an admin grant', subscription: ', by a Stripe subscription' };

const premiumSchema = z.object({ until: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Choose the last day of premium.') });
type PremiumFormValues = z.infer<typeof premiumSchema>;

/** The chosen day's last second in the admin's own time zone, as an ISO time the API takes. */
export function endOfDay(day: string): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(y, m - 1, d, 23, 59, 59).toISOString();
}

/** Grants premium until a day (or moves the end of a grant) and ends it, after a confirmation. */
export function PremiumForm({ member }: { member: MemberDetail }) {
  const grant = useGrantPremium(member.userId);
  const end = useEndPremium(member.userId);
  const toast = useToast();
  const { confirm, dialog } = useConfirm();
  const { bind, submit, banner, formState } = useApiForm<PremiumFormValues>({
    schema: premiumSchema,
    defaultValues: { until: '' },
    fields: ['until'],
  });
  const isPremium = member.role === 'premium';

  const onGrant = submit(async ({ until }) => {
    const result = await grant.mutateAsync(endOfDay(until));
    toast({
      title: 'Premium granted',
      description: result.premiumExpiresAt ? `Until ${formatDateTime(result.premiumExpiresAt)}.` : undefined,
      tone: 'success',
    });
  });

  async function onEnd() {
    const question = { title: 'End premium now?', description: `${member.email} goes back to the free plan at once.`, confirmLabel: 'End premium' };
    if (!(await confirm(question))) return;
    try {
      await end.mutateAsync();
      toast({ title: 'Premium ended', tone: 'success' });
    } catch (error) {
      toast({ title: 'Could not end premium', description: errorMessage(error), tone: 'error' });
    }
  }

  return (
    <Card title="Premium">
      <p className="muted small">
        {isPremium && member.premiumExpiresAt
          ? `Premium until ${formatDate(member.premiumExpiresAt)}${PREMIUM_SOURCES[member.premiumSource ?? ''] ?? ''}.`
          : 'Not premium.'}
      </p>
      <form aria-label="Premium" onSubmit={onGrant} noValidate className="form">
        <FormAlert messages={banner} />
        <TextField label="Premium until" type="date" {...bind('until')} />
        <Button type="submit" busy={formState.isSubmitting}>
          {isPremium ? 'Change premium end' : 'Grant premium'}
        </Button>
      </form>
      {isPremium ? (
        <div className="section">
          <Button variant="danger" busy={end.isPending} onClick={() => void onEnd()}>
            End premium
          </Button>
        </div>
      ) : null}
      {dialog}
    </Card>
  );
}
