import { Button, Card, EmptyState, FormAlert, PageHeader, QueryView, TextAreaField } from '@/components';
import { useMe } from '@/lib/api/queries';
import { useApiForm } from '@/lib/forms';
import { appealSchema, useMyAppeals, useSubmitAppeal, type Appeal, type AppealValues } from '../api/appeals';
import { AppealList } from '../components/AppealList';

function AppealForm() {
  const send = useSubmitAppeal();
  const { bind, submit, banner, reset } = useApiForm<AppealValues>({
    schema: appealSchema,
    defaultValues: { message: '' },
    fields: ['message'],
  });
  return (
    <Card title="Appeal the suspension" aria-label="Appeal the suspension">
      <form
        className="form"
        noValidate
        onSubmit={submit(async ({ message }) => {
          await send.mutateAsync(message.trim());
          reset({ message: '' });
        })}
      >
        <p className="muted">
          Tell our team why the suspension should be lifted. They read every appeal and tell you their decision here and
          by email.
        </p>
        <FormAlert messages={banner} />
        <TextAreaField label="Your appeal" rows={6} maxLength={2000} {...bind('message')} />
        <Button type="submit" busy={send.isPending}>
          Send appeal
        </Button>
      </form>
    </Card>
  );
}

function Status({ status, appeals }: { status: string | undefined; appeals: Appeal[] }) {
  if (appeals.some((a) => a.status === 'pending'))
    return (
      <p className="alert alert-info" role="status">
        Your appeal is waiting for a decision. We will tell you here and by email.
      </p>
    );
  if (status === 'suspended') return <AppealForm />;
  return null;
}

/** A suspended member appeals here (the suspension notice links to it) and reads the decisions. */
export function MyAppealsPage() {
  const me = useMe();
  const appeals = useMyAppeals();
  return (
    <div className="stack narrow">
      <PageHeader title="Your appeals" />
      <QueryView query={appeals} loadingLabel="Loading your appeals">
        {(d) => (
          <>
            <Status status={me.data?.status} appeals={d.items} />
            {d.items.length > 0 ? (
              <AppealList appeals={d.items} />
            ) : me.data && me.data.status !== 'suspended' ? (
              <EmptyState title="Nothing to appeal">Your account is {me.data.status}.</EmptyState>
            ) : null}
          </>
        )}
      </QueryView>
    </div>
  );
}
